/*
 * include/asm/page.h: the page size of the simulated machine (4 KiB, as on
 * x86 and the common ia64 / sparc64 configurations the model follows).
 *
 * glibc's <sys/user.h> defines the same three macros. A macro may be
 * defined twice only with the same tokens and the same spacing between
 * them, so these are spelled exactly as glibc spells them.
 */
#ifndef VZSIM_INCLUDE_ASM_PAGE_H
#define VZSIM_INCLUDE_ASM_PAGE_H

/* clang-format off */
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE-1))
/* clang-format on */

/* PAGE_ALIGN(): `addr` rounded up to a page boundary. */
#define PAGE_ALIGN(addr) (((addr) + PAGE_SIZE - 1) & PAGE_MASK)

#endif /* VZSIM_INCLUDE_ASM_PAGE_H */
