// portcheck: finds the places in a kernel's arch sources where a porting
// rule (arch/rules.h) applies, reading C as C (comments and strings do not
// count, macros and calls may span lines, functions have extents) and
// assembly by each architecture's own conventions (asm.h).
//
//   auto report = portcheck::ScanPaths({"linux-2.6.18/arch"});
//   std::cout << portcheck::RenderText(*report);
//
// A directory is scanned architecture by architecture: a kernel tree (its
// arch/), an arch/ directory (each subdirectory with kernel/ or mm/), or
// one architecture. What it reports, per rule (checks.h has the details):
//   R1  a VMA inserted by hand with no ub_memory_charge() before it: an
//       error when its flags are writable, a note when it looks read-only;
//   R2  a plain printk a user can trigger (names the current task, or sits
//       in a binary-format loader, or reports a user event in a fault or
//       trap handler): an error, a note when rate-limited, switched off by
//       default or debug-only;
//   R3  find_task_by_pid(;
//   R4  for_each_process, do_each_thread, while_each_thread;
//   R5  a pid handed to users from ->pid / ->tgid (si_pid, user registers,
//       put_user, a syscall's return value);
//   R7  a kernel_thread (C or assembly) that reaches no exec-env check,
//       itself or through the helpers it calls;
//   R8  a register dump (show_regs, __die, die_if_kernel, ...) that prints
//       a pid but no VE id;
//   R9  system_utsname (a note in host-only output: dumps, boot code, host
//       log messages);
//   R10 show_mem or cpu_khz defined but not exported, per architecture.
#ifndef VZSIM_TOOLS_PORTCHECK_PORTCHECK_H_
#define VZSIM_TOOLS_PORTCHECK_PORTCHECK_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vzsim::portcheck {

enum class Severity { kError, kNote };

struct Finding {
  std::string rule;  // "R3"
  Severity severity;
  std::string file;      // for a finding about a whole architecture (R10),
                         // the architecture's directory
  int line;              // the line a porter changes; 0 for such a finding
  std::string function;  // the enclosing C function or assembly routine
                         // (R10: the symbol); empty at file scope
  std::string what;      // what the code does now
  std::string arch;      // the architecture the file belongs to
};

struct ArchScan {
  std::string name;  // "ia64"; empty when no architecture could be told
  std::string root;  // the directory scanned (or the first file)
  int files_scanned = 0;
  bool whole = false;   // the architecture's whole tree, not a part of it
  size_t findings = 0;  // how many of the report's findings are its own
};

struct Report {
  std::vector<Finding> findings;  // by architecture, then file, then line
  std::vector<ArchScan> arches;   // in the order of `findings`: the first
                                  // arches[0].findings are the first's
  int files_scanned = 0;
};

// The sites in one source file, judged alone (C for .c and .h, assembly for
// .S and .s; nothing for other names).
std::vector<Finding> ScanSource(absl::string_view path, absl::string_view text);

// Scans files and directories (recursively). NotFound for a path that does
// not exist, PermissionDenied for one that cannot be read; nothing is
// reported then.
absl::StatusOr<Report> ScanPaths(const std::vector<std::string>& paths);

// The findings of `report` on lines that `patch` (a unified diff, as `git
// diff` or `diff -u` writes it) adds or changes, so a porter can check
// their own diff; files are matched on the path the patch names, whatever
// directory the scan started from. InvalidArgument for text that is not a
// unified diff.
absl::StatusOr<Report> FilterToPatch(const Report& report,
                                     absl::string_view patch);

// Per architecture: grouped by file, each site with the rule's "instead",
// then a summary per rule.
std::string RenderText(const Report& report);
std::string RenderJson(const Report& report);
// SARIF 2.1.0, for editors and code-scanning services (sarif.cc).
std::string RenderSarif(const Report& report);

}  // namespace vzsim::portcheck

#endif  // VZSIM_TOOLS_PORTCHECK_PORTCHECK_H_
