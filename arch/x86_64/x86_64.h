// The x86_64 port of the VE / UBC hooks (see arch/arch.h).
#ifndef VZSIM_ARCH_X86_64_X86_64_H_
#define VZSIM_ARCH_X86_64_X86_64_H_

#include "arch/arch.h"

extern const arch_ops x86_64_arch_ops;

#endif  // VZSIM_ARCH_X86_64_X86_64_H_
