// The sparc64 port of the VE / UBC hooks (see arch/arch.h).
#ifndef VZSIM_ARCH_SPARC64_SPARC64_H_
#define VZSIM_ARCH_SPARC64_SPARC64_H_

#include "arch/arch.h"

extern const arch_ops sparc64_arch_ops;

#endif  // VZSIM_ARCH_SPARC64_SPARC64_H_
