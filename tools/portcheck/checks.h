// The checks behind portcheck, one family per file:
//   c_checks.cc    R1 (hand-built VMAs), R3, R4 (lookups and walks),
//                  R5 (pids handed to users), R9 (system_utsname);
//   messages.cc    R2 (messages a user can trigger), R8 (register dumps);
//   arch_checks.cc R7 (kernel_thread, through assembly and C helpers) and
//                  R10 (exports), which need a whole architecture: each
//                  file first gives its facts, then the architecture's
//                  facts are judged together.
// Internal to tools/portcheck; the public face is portcheck.h.
#ifndef VZSIM_TOOLS_PORTCHECK_CHECKS_H_
#define VZSIM_TOOLS_PORTCHECK_CHECKS_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "tools/portcheck/asm.h"
#include "tools/portcheck/portcheck.h"
#include "tools/portcheck/source.h"

namespace vzsim::portcheck {

// Collects the findings of one file.
class Sink {
 public:
  Sink(std::string file, std::vector<Finding>* out)
      : file_(std::move(file)), out_(out) {}
  void Add(const char* rule, Severity severity, int line,
           absl::string_view function, std::string what) {
    out_->push_back({rule, severity, file_, line, std::string(function),
                     std::move(what), ""});
  }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<Finding>* out_;
};

void CheckVmas(const CFile& f, Sink* sink);      // R1
void CheckLookups(const CFile& f, Sink* sink);   // R3, R4, R9
void CheckUserPids(const CFile& f, Sink* sink);  // R5
void CheckMessages(const CFile& f, Sink* sink);  // R2
void CheckDumps(const CFile& f, Sink* sink);     // R8

// Shared by the renderers (render.cc, sarif.cc): a JSON string literal
// (bytes that are not UTF-8 read as Latin-1), "function(): " or "symbol: "
// before a finding's text, and "error" / "note".
std::string JsonString(absl::string_view s);
std::string FindingLabel(const Finding& f);
const char* SeverityName(Severity s);

// Whether `name` is a register-dump or oops routine (show_regs, __die,
// die_if_kernel, ...): output for the host admin, not for users.
bool IsDumpFunction(absl::string_view name);

// What the whole-architecture checks need from each file.
struct ArchFacts {
  struct CFunction {
    std::string file;
    int line, first_statement_line;
    bool checks_exec_env;  // get_exec_env / ve_is_super / ve_allow_kthreads
    std::vector<std::string> callees;
  };
  struct AsmFunction {
    std::string file;
    AsmEntry entry;
  };
  struct Definition {
    std::string file;
    int line;  // where EXPORT_SYMBOL would follow it
  };
  std::multimap<std::string, CFunction> c_functions;
  std::multimap<std::string, AsmFunction> asm_functions;
  std::map<std::string, std::set<std::string>> exported_in;  // sym -> files
  std::multimap<std::string, Definition> definitions;  // show_mem, cpu_khz
};

void CollectFacts(const std::string& file, const CFile& f, ArchFacts* facts);
void CollectFacts(const std::string& file, std::vector<AsmEntry> entries,
                  ArchFacts* facts);
// R7 and R10 over one architecture (`arch`, its directory `root`). `whole`
// says the architecture's tree was scanned, not a part of it: only then is
// a symbol that no file defines worth a note, once, at `root`.
void CheckArch(const ArchFacts& facts, const std::string& arch,
               const std::string& root, bool whole, std::vector<Finding>* out);

}  // namespace vzsim::portcheck

#endif  // VZSIM_TOOLS_PORTCHECK_CHECKS_H_
