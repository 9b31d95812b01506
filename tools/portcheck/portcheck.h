// portcheck: finds the places in a kernel's arch sources where a porting
// rule (arch/rules.h) applies, reading C as C (comments and strings do not
// count, macros and calls may span lines, functions have extents).
//
//   auto report = portcheck::ScanPaths({"linux-2.6.18/arch/sparc64"});
//   std::cout << portcheck::RenderText(*report);
//
// What it reports, per rule:
//   R1  a VMA inserted by hand (insert_vm_struct, insert_vma_struct,
//       install_special_mapping) in a function that never calls
//       ub_memory_charge: an error when the function deals in writable
//       flags, a note when the mapping looks read-only;
//   R2  a plain printk of a user-triggerable report (segfault, unaligned
//       access, "comm[pid]" messages) in fault, trap and unaligned paths;
//   R3  find_task_by_pid(;
//   R4  for_each_process, do_each_thread, while_each_thread;
//   R5  a pid handed to users from ->pid / ->tgid (siginfo si_pid, syscall
//       return registers, put_user);
//   R7  a kernel_thread defined in C without an exec-env check, or in
//       assembly;
//   R8  a register dump (show_regs, show_registers, die_if_kernel, __die)
//       that prints a pid but no VE id;
//   R9  system_utsname (a note inside register dumps, where host-only
//       output is right);
//   R10 show_mem or cpu_khz not exported by the scanned tree.
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
  std::string file;
  int line;          // 0 for a finding about the whole tree (R10)
  std::string what;  // what the code does now
};

struct Report {
  std::vector<Finding> findings;  // by file, then line
  int files_scanned = 0;
};

// The sites in one source file: C for .c and .h, assembly for .S and .s;
// nothing for other names. R10 needs the whole tree: see ScanPaths.
std::vector<Finding> ScanSource(absl::string_view path, absl::string_view text);

// Scans files and directories (recursively). NotFound for a path that does
// not exist, PermissionDenied for one that cannot be read; nothing is
// reported then.
absl::StatusOr<Report> ScanPaths(const std::vector<std::string>& paths);

// Grouped by file, each site with the rule's "instead", then a summary per
// rule.
std::string RenderText(const Report& report);
std::string RenderJson(const Report& report);

}  // namespace vzsim::portcheck

#endif  // VZSIM_TOOLS_PORTCHECK_PORTCHECK_H_
