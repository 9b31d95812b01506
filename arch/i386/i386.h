// The i386 port of the VE / UBC hooks (see arch/arch.h).
#ifndef VZSIM_ARCH_I386_I386_H_
#define VZSIM_ARCH_I386_I386_H_

#include "arch/arch.h"

extern const arch_ops i386_arch_ops;

#endif  // VZSIM_ARCH_I386_I386_H_
