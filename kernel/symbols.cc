// Kernel: the exported-symbol table and the VE module loader
// (SPEC.md section 12).
#include <cerrno>

#include "absl/strings/str_cat.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"

namespace vzsim {

void Kernel::ExportSymbol(absl::string_view name) {
  absl::MutexLock lock(&symbol_lock_);
  symbols_.insert(std::string(name));
}

bool Kernel::HasSymbol(absl::string_view name) const {
  absl::MutexLock lock(&symbol_lock_);
  return symbols_.contains(name);
}

absl::Status Kernel::LoadModule(absl::string_view module,
                                const std::vector<std::string>& symbols) {
  for (const std::string& name : symbols) {
    if (!HasSymbol(name)) {
      // What insmod's caller sees in dmesg; the load fails with -ENOENT.
      const std::string line = absl::StrCat(module, ": Unknown symbol ", name);
      Printk(line + "\n");
      return ErrnoError(-ENOENT, line);
    }
  }
  return absl::OkStatus();
}

}  // namespace vzsim
