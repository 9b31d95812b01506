/*
 * include/linux/errno.h: error numbers. Kernel functions return them
 * negated (-ENOMEM).
 *
 * The numbers are the generic ones (x86, ia64; sparc64 has its own table
 * for some); the simulation uses one table for every architecture.
 */
#ifndef VZSIM_INCLUDE_LINUX_ERRNO_H
#define VZSIM_INCLUDE_LINUX_ERRNO_H

#include "../asm-generic/errno.h"

#endif /* VZSIM_INCLUDE_LINUX_ERRNO_H */
