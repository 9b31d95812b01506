// The unported control architecture: arch code as it looked before any
// porting rule was applied. A test fixture, not a product architecture:
// every conformance check must fail on it (see arch/unported/unported.cc).
#ifndef VZSIM_ARCH_UNPORTED_UNPORTED_H_
#define VZSIM_ARCH_UNPORTED_UNPORTED_H_

#include "arch/arch.h"

extern const arch_ops unported_arch_ops;

#endif  // VZSIM_ARCH_UNPORTED_UNPORTED_H_
