/*
 * include/linux/kref.h: a reference count embedded in an object.
 */
#ifndef VZSIM_INCLUDE_LINUX_KREF_H
#define VZSIM_INCLUDE_LINUX_KREF_H

#include "../asm/atomic.h"

struct kref {
	atomic_t refcount;
};

#endif /* VZSIM_INCLUDE_LINUX_KREF_H */
