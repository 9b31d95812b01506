/*
 * include/linux/stddef.h: NULL and offsetof, without the compiler's or
 * libc's <stddef.h>, so that kernel-style C builds with -nostdinc.
 *
 * C++ model code gets these from <cstddef> too; both spellings agree.
 */
#ifndef VZSIM_INCLUDE_LINUX_STDDEF_H
#define VZSIM_INCLUDE_LINUX_STDDEF_H

#ifndef NULL
#ifdef __cplusplus
#define NULL __null
#else
#define NULL ((void *)0)
#endif
#endif

#ifndef offsetof
#define offsetof(TYPE, MEMBER) __builtin_offsetof(TYPE, MEMBER)
#endif

#endif /* VZSIM_INCLUDE_LINUX_STDDEF_H */
