/*
 * include/linux/types.h: the kernel's basic integer types, for the LP64
 * machine the simulation runs on.
 *
 * C++ model code also sees glibc's pid_t, uid_t, gid_t, size_t and ssize_t.
 * C++ accepts a second typedef of a name when it names the same type, so
 * each one here is spelled to be exactly glibc's type on LP64 Linux (int,
 * unsigned int, unsigned long, long).
 */
#ifndef VZSIM_INCLUDE_LINUX_TYPES_H
#define VZSIM_INCLUDE_LINUX_TYPES_H

typedef signed char __s8;
typedef unsigned char __u8;
typedef signed short __s16;
typedef unsigned short __u16;
typedef signed int __s32;
typedef unsigned int __u32;
typedef signed long long __s64;
typedef unsigned long long __u64;

typedef __s8 s8;
typedef __u8 u8;
typedef __s16 s16;
typedef __u16 u16;
typedef __s32 s32;
typedef __u32 u32;
typedef __s64 s64;
typedef __u64 u64;

typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef __SIZE_TYPE__ size_t;
typedef long ssize_t;

#endif /* VZSIM_INCLUDE_LINUX_TYPES_H */
