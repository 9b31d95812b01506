// `vzsim harness`: a real kernel tree's own arch functions, compiled against
// the kernel face and judged by the porting rules' checks.
//
//   auto report = harness::Run({.tree = "/src/linux", .arch = "i386"});
//   std::cout << harness::RenderText(*report);
//
// For each rule it takes the functions the port's glue reaches for that
// rule (port.h), finds them in the tree by name, extracts each with what it
// needs from its own file (extract.h), compiles them as kernel C
// (-std=gnu89) against the face plus the shims in tools/harness/shim/,
// links them with the port's glue (arch/<arch>/hooks.c) into a shared
// object, loads it in a child process (the face's symbols come from the
// running binary) and runs the rule's check on its hook table. See
// docs/harness.md.
#ifndef VZSIM_TOOLS_HARNESS_HARNESS_H_
#define VZSIM_TOOLS_HARNESS_HARNESS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace vzsim::harness {

struct Options {
  std::string tree;  // a kernel tree: a root with arch/, or arch/ itself
  std::string arch;  // "i386", "x86_64", "ia64", "sparc64"
  // vzsim's own sources (face, ports, shims); empty: found beside the
  // binary (its runfiles) or from $VZSIM_SOURCE_ROOT.
  std::string source_root;
  std::string compiler;    // empty: $CC, else gcc, else clang, on PATH
  bool keep_temp = false;  // keep the generated units (their path is shown)
  std::vector<std::string> rules;  // rule ids to run ("R7"); empty: all
};

struct FunctionReport {
  std::string name;
  // "c"; "asm" (assembly in the tree); "missing"; "header" (a static
  // helper of the port the tree has in a header: the shim gives it);
  // "routed" (missing, and
  // the tree's assembly entry for the hook enters `helper` instead, which
  // the glue's call then reaches)
  std::string file;  // where the tree defines it (from the tree's root)
  std::string kind;
  std::string helper;  // for "asm", "routed": the C function it enters
};

struct RuleReport {
  std::string id;     // "R7"
  std::string title;  // the catalog's title
  // "pass", "fail", "not-compiled" (the tree's functions did not build),
  // "not-judged" (built, but the check could not run: a load failure, a
  // crash, a time-out).
  std::string status;
  bool site = true;  // false: the glue fills no hook for this rule
  bool compiled = false;
  std::string missing;      // the first name the face and shims lack
  std::string message;      // the compiler's or loader's first error
  std::string explanation;  // the check's, when judged
  std::vector<FunctionReport> functions;
};

struct Report {
  std::string arch, tree, compiler, temp_dir;
  std::vector<RuleReport> rules;
  // Functions the arch's shim defines in place of the tree's (walkers of
  // a kernel stack the simulation does not have).
  std::vector<std::string> replaced;
  double seconds = 0;
  // Every rule judged and passed.
  bool AllPass() const;
};

absl::StatusOr<Report> Run(const Options& options);

std::string RenderText(const Report& report);
// Stable field names, documented in docs/harness.md.
std::string RenderJson(const Report& report);

// vzsim's source tree as the harness needs it at run time.
absl::StatusOr<std::string> FindSourceRoot();
// The C compiler: `preferred` if given, else $CC, gcc, clang on PATH.
absl::StatusOr<std::string> FindCompiler(const std::string& preferred);

// The name a compiler's or a loader's error is about: `X` of "'X'
// undeclared", "implicit declaration of function 'X'", "unknown type name
// 'X'", "undefined symbol: X" and their clang forms; "" when none.
std::string MissingName(const std::string& message);

}  // namespace vzsim::harness

#endif  // VZSIM_TOOLS_HARNESS_HARNESS_H_
