/*
 * include/asm/uaccess.h: copying to and from user space. The simulation
 * has one address space, so user buffers are plain memory: the copies
 * succeed (0 bytes left) for a non-NULL pointer. Reading kernel text
 * (__get_user on a kernel address, as the oops "Code:" dump does) fails:
 * the simulation has no kernel image.
 */
#ifndef VZSIM_INCLUDE_ASM_UACCESS_H
#define VZSIM_INCLUDE_ASM_UACCESS_H

#include "../linux/compiler.h"
#include "../linux/errno.h"
#include "../linux/stddef.h"
#include "../linux/string.h"

#define VERIFY_READ 0
#define VERIFY_WRITE 1

#define access_ok(type, addr, size) ((addr) != NULL)

#define __copy_to_user(to, from, n) (memcpy((to), (from), (n)), 0UL)
#define copy_to_user(to, from, n)                                              \
	((to) != NULL ? __copy_to_user(to, from, n) : (unsigned long)(n))
#define __put_user(x, ptr) (*(ptr) = (x), 0)
#define __get_user(x, ptr) ((void)(x), (void)(ptr), -EFAULT)

#endif /* VZSIM_INCLUDE_ASM_UACCESS_H */
