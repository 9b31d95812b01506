// Kernel: the exported-symbol table and the module loader's symbol check
// (kernel/module.c: simplify_symbols()).
#include <cerrno>

#include "absl/strings/str_cat.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"

namespace vzsim {

void Kernel::ExportSymbol(absl::string_view name) {
  absl::MutexLock lock(&symbol_lock_);
  symbols_.insert(std::string(name));
}

void Kernel::ExportKsymtab(const kernel_symbol* start,
                           const kernel_symbol* stop) {
  for (const kernel_symbol* s = start; s != nullptr && s < stop; ++s) {
    if (s->name != nullptr) ExportSymbol(s->name);
  }
}

bool Kernel::HasSymbol(absl::string_view name) const {
  absl::MutexLock lock(&symbol_lock_);
  return symbols_.contains(name);
}

// Every missing symbol is reported, as the loader's loop goes on past the
// first; the load then fails with -ENOENT.
absl::Status Kernel::LoadModule(absl::string_view module,
                                const std::vector<std::string>& symbols) {
  std::string first;
  for (const std::string& name : symbols) {
    if (HasSymbol(name)) continue;
    const std::string line = absl::StrCat(module, ": Unknown symbol ", name);
    Printk(absl::StrCat(KERN_WARNING, line, "\n"));
    if (first.empty()) first = line;
  }
  if (!first.empty()) return ErrnoError(-ENOENT, first);
  return absl::OkStatus();
}

}  // namespace vzsim
