// A kernel tree as the harness reads it: the files of one architecture
// (arch/<arch>/), and where each function is defined, in C or in assembly.
#ifndef VZSIM_TOOLS_HARNESS_TREE_H_
#define VZSIM_TOOLS_HARNESS_TREE_H_

#include <map>
#include <memory>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "tools/harness/harness.h"

namespace vzsim::harness {

class TreeIndex {
 public:
  // `tree`: a root holding arch/<arch>/ (a full tree, or the reference's
  // vanilla-2.6.18/ with arch/ alone), or an arch/ directory itself.
  static absl::StatusOr<std::unique_ptr<TreeIndex>> Open(
      const std::string& tree, const std::string& arch);

  // Where the tree defines `fn`: first in `port_file` (the port's path for
  // it, e.g. "arch/i386/kernel/traps.c", the real one), else in any C file
  // of the arch, else as an assembly global; "missing" when nowhere.
  FunctionReport Locate(const std::string& fn, const std::string& port_file);

  // The file defining global variable `name` at file scope, or "".
  std::string VariableFile(const std::string& name);

  // The text of a file, by its path from the root.
  const std::string& Text(const std::string& file);

 private:
  void IndexAll();

  std::string root_;  // holds arch/<arch>
  std::string arch_;
  std::map<std::string, std::string> text_;
  bool indexed_ = false;
  std::map<std::string, std::string> c_defs_;    // function -> file
  std::map<std::string, std::string> c_vars_;    // variable -> file
  std::map<std::string, std::string> asm_defs_;  // symbol -> file
  std::map<std::string, std::string> asm_helper_;
};

}  // namespace vzsim::harness

#endif  // VZSIM_TOOLS_HARNESS_TREE_H_
