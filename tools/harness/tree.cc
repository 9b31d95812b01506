#include "tools/harness/tree.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "tools/harness/build.h"
#include "tools/harness/extract.h"
#include "tools/portcheck/asm.h"

namespace vzsim::harness {
namespace {
namespace fs = std::filesystem;
}  // namespace

absl::StatusOr<std::unique_ptr<TreeIndex>> TreeIndex::Open(
    const std::string& tree, const std::string& arch) {
  std::error_code ec;
  if (!fs::is_directory(tree, ec)) {
    return absl::NotFoundError(
        absl::StrCat("no such kernel tree: '", tree, "' is not a directory"));
  }
  auto index = std::unique_ptr<TreeIndex>(new TreeIndex);
  index->arch_ = arch;
  if (fs::is_directory(fs::path(tree) / "arch" / arch, ec)) {
    index->root_ = tree;
  } else if (fs::path(tree).filename() == "arch" &&
             fs::is_directory(fs::path(tree) / arch, ec)) {
    index->root_ = fs::path(tree).parent_path().string();
  } else {
    return absl::NotFoundError(
        absl::StrCat("'", tree, "' holds no arch/", arch,
                     "/: give a kernel tree's root (or its arch/ directory)"));
  }
  return index;
}

const std::string& TreeIndex::Text(const std::string& file) {
  auto it = text_.find(file);
  if (it == text_.end()) {
    it = text_.emplace(file, ReadWhole(root_ + "/" + file)).first;
  }
  return it->second;
}

void TreeIndex::IndexAll() {
  if (indexed_) return;
  indexed_ = true;
  std::error_code ec;
  const fs::path dir = fs::path(root_) / "arch" / arch_;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
    const std::string ext = e.path().extension().string();
    if (ext != ".c" && ext != ".S") continue;
    const std::string rel = e.path().lexically_relative(root_).string();
    const std::string& text = Text(rel);
    if (ext == ".c") {
      for (const std::string& f : DefinedFunctions(text)) {
        c_defs_.emplace(f, rel);
      }
      for (const std::string& l : AsmLabels(text)) asm_defs_.emplace(l, rel);
      for (const std::string& v : DefinedVariables(text)) {
        c_vars_.emplace(v, rel);
      }
    }
    for (const std::string& g : AsmGlobals(text)) asm_defs_.emplace(g, rel);
    if (ext == ".S") {
      for (const portcheck::AsmEntry& a : portcheck::ParseAsmEntries(text)) {
        asm_defs_.emplace(a.name, rel);
        for (const auto& [ref, line] : a.refs) {
          if (!asm_helper_.count(a.name) && ref.rfind("do_", 0) == 0) {
            asm_helper_[a.name] = ref;
          }
        }
      }
    }
  }
}

std::string TreeIndex::VariableFile(const std::string& name) {
  IndexAll();
  auto it = c_vars_.find(name);
  return it == c_vars_.end() ? "" : it->second;
}

FunctionReport TreeIndex::Locate(const std::string& fn,
                                 const std::string& port_file) {
  FunctionReport f;
  f.name = fn;
  std::error_code ec;
  if (fs::exists(fs::path(root_) / port_file, ec) &&
      DefinedFunctions(Text(port_file)).count(fn)) {
    f.kind = "c";
    f.file = port_file;
    return f;
  }
  IndexAll();
  if (auto it = c_defs_.find(fn); it != c_defs_.end()) {
    f.kind = "c";
    f.file = it->second;
  } else if (auto a = asm_defs_.find(fn); a != asm_defs_.end()) {
    f.kind = "asm";
    f.file = a->second;
    if (auto h = asm_helper_.find(fn); h != asm_helper_.end()) {
      f.helper = h->second;
    }
  } else {
    f.kind = "missing";
  }
  return f;
}

}  // namespace vzsim::harness
