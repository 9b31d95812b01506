/*
 * include/asm-generic/errno.h: the error numbers past the base set, those
 * the simulation uses.
 *
 * C++ model code may see these and glibc's <errno.h> in one translation
 * unit; glibc takes its numbers from the same Linux table, and a macro may
 * be defined twice with identical tokens.
 */
#ifndef VZSIM_INCLUDE_ASM_GENERIC_ERRNO_H
#define VZSIM_INCLUDE_ASM_GENERIC_ERRNO_H

#include "errno-base.h"

#define EDEADLK 35
#define ENAMETOOLONG 36
#define ENOLCK 37
#define ENOSYS 38
#define ENOTEMPTY 39
#define ELOOP 40
#define EOPNOTSUPP 95

#endif /* VZSIM_INCLUDE_ASM_GENERIC_ERRNO_H */
