/*
 * include/linux/kernel.h: container_of(), the one part of the kernel's
 * grab-bag header the face needs so far.
 */
#ifndef VZSIM_INCLUDE_LINUX_KERNEL_H
#define VZSIM_INCLUDE_LINUX_KERNEL_H

#include "stddef.h"

/*
 * container_of(): from a pointer to `member` inside a `type`, the pointer
 * to the `type`. The typed temporary makes the compiler check that `ptr`
 * points to something of the member's type.
 */
#define container_of(ptr, type, member)                                        \
	({                                                                     \
		const __typeof__(((type *)0)->member) *__mptr = (ptr);         \
		(type *)((char *)__mptr - offsetof(type, member));             \
	})

#endif /* VZSIM_INCLUDE_LINUX_KERNEL_H */
