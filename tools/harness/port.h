// What a port says about the functions that matter, read from its sources
// at run time so that the port stays the one list of them: every function
// defined in arch/<arch>/**/*.c except the glue (hooks.c) is one the
// harness looks for in a real tree, and the glue's hook table says which of
// them each rule reaches (a hook's calls, followed through the port's own
// call graph; R10's are the functions the port exports).
#ifndef VZSIM_TOOLS_HARNESS_PORT_H_
#define VZSIM_TOOLS_HARNESS_PORT_H_

#include <map>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vzsim::harness {

struct Port {
  std::string arch;  // "i386"
  std::string dir;   // the port's directory: <root>/arch/<arch>
  // Each modelled function and its file, from the root ("arch/i386/kernel/
  // process.c": the real kernel's path too).
  std::map<std::string, std::string> function_file;
  // Modelled functions the port defines static: helpers that may be
  // header inlines in the kernel (sparc64's xchg32()), which a tree need
  // not define in arch C; the shim gives them then.
  std::set<std::string> static_functions;
  // Global variables the port defines, with their definitions (the glue
  // may name them: x86_64's exception_trace, sparc64's ivector_table): a
  // rule's object that does not get one from the tree gets the port's.
  std::map<std::string, std::string> variables;
  // The functions each rule reaches, by rule number (1..10); a rule the
  // glue fills no hook of is absent.
  std::map<int, std::set<std::string>> rule_functions;
  // The hook-table fields the glue fills for each rule ("kernel_thread").
  std::map<int, std::set<std::string>> rule_fields;
  // The source names of the link names the port's kbuild.h gives
  // (i386_die -> die), to read a linker's message in the source's terms.
  std::map<std::string, std::string> link_names;
};

// The hook-table fields of each rule, read from arch/arch.h's comments
// ("/* R6 interrupt entry: ..." opens rule 6's group).
absl::StatusOr<std::map<std::string, int>> ReadHookRules(
    absl::string_view arch_h);

// Reads <root>/arch/<arch>/ (root: the vzsim source tree).
absl::StatusOr<Port> ReadPort(const std::string& root, const std::string& arch);

// The architectures with a port under <root>/arch (a directory with a
// hooks.c), sorted.
std::set<std::string> PortNames(const std::string& root);

}  // namespace vzsim::harness

#endif  // VZSIM_TOOLS_HARNESS_PORT_H_
