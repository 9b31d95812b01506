// Assembly routines as each architecture writes them. Ports spell "this is
// a global function" differently: ENTRY(x) (i386, x86_64, arm, m68k),
// GLOBAL_ENTRY(x) (ia64), LEAF(x) / NESTED(x, ...) (mips), `.globl x` and
// `x:` (sparc64, alpha, frv), `.export x, code` (parisc), and a.out-era
// ports name the C symbol `_x`. This reader knows the generic forms (a
// global directive and a label; an entry macro by its name) and learns a
// file's own macros from their #define: a macro whose body makes its
// argument a label or a global defines an entry, one that does not (a
// syscall table's ENTRY_SAME) does not.
#ifndef VZSIM_TOOLS_PORTCHECK_ASM_H_
#define VZSIM_TOOLS_PORTCHECK_ASM_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace vzsim::portcheck {

struct AsmEntry {
  std::string name;
  int line;      // where it is defined
  int end_line;  // its last line: an END/.end/.size for it, or the line
                 // before the next entry
  // Identifiers its instructions name (calls, branches, data), with lines.
  std::vector<std::pair<std::string, int>> refs;
};

// The global routines of assembly source `text`, in order.
std::vector<AsmEntry> ParseAsmEntries(absl::string_view text);

// Whether assembly symbol `asm_name` is C's `c_name`: the same, or with the
// one leading underscore a.out-era ports put before C names.
bool SameSymbol(absl::string_view asm_name, absl::string_view c_name);

}  // namespace vzsim::portcheck

#endif  // VZSIM_TOOLS_PORTCHECK_ASM_H_
