// The architectures vzsim knows. Registering a new one is one line in
// registry.cc (kPortedArchs); every rule then checks it automatically. A
// package of its own, above the ports it lists (which build on //arch).
#ifndef VZSIM_ARCH_REGISTRY_REGISTRY_H_
#define VZSIM_ARCH_REGISTRY_REGISTRY_H_

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "arch/arch.h"

// The hook tables, defined in C by each architecture's hooks.c.
extern "C" {
extern const struct arch_ops i386_arch_ops;
extern const struct arch_ops x86_64_arch_ops;
extern const struct arch_ops ia64_arch_ops;
extern const struct arch_ops sparc64_arch_ops;
extern const struct arch_ops unported_arch_ops;
}

namespace vzsim {

// The ported architectures, which must pass every rule.
absl::Span<const arch_ops* const> PortedArchs();
// The unported control architecture, which must fail every rule.
const arch_ops& ControlArch();
// A ported architecture or the control one by name, or null.
const arch_ops* FindArch(absl::string_view name);

}  // namespace vzsim

#endif  // VZSIM_ARCH_REGISTRY_REGISTRY_H_
