#include "arch/registry/registry.h"

namespace vzsim {
namespace {

// One line per architecture.
constexpr const arch_ops* kPortedArchs[] = {
    &i386_arch_ops,
    &x86_64_arch_ops,
    &ia64_arch_ops,
    &sparc64_arch_ops,
};

}  // namespace

absl::Span<const arch_ops* const> PortedArchs() { return kPortedArchs; }

const arch_ops& ControlArch() { return unported_arch_ops; }

const arch_ops* FindArch(absl::string_view name) {
  for (const arch_ops* arch : kPortedArchs) {
    if (name == arch->name) return arch;
  }
  return name == unported_arch_ops.name ? &unported_arch_ops : nullptr;
}

}  // namespace vzsim
