/*
 * include/linux/compiler.h: the annotations kernel code is written with.
 * __user marks a pointer into user space; the simulation has one address
 * space, so it is only a note for the reader.
 */
#ifndef VZSIM_INCLUDE_LINUX_COMPILER_H
#define VZSIM_INCLUDE_LINUX_COMPILER_H

#define __user
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define asmlinkage
#define fastcall

#endif /* VZSIM_INCLUDE_LINUX_COMPILER_H */
