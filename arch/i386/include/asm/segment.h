/*
 * include/asm-i386/segment.h: the selectors of 2.6.18's GDT, and reading a
 * segment register (here: the kernel's data selector, the only one kernel
 * code runs with in the simulation).
 */
#ifndef VZSIM_ARCH_I386_ASM_SEGMENT_H
#define VZSIM_ARCH_I386_ASM_SEGMENT_H

#define __KERNEL_CS 0x60
#define __KERNEL_DS 0x68
#define __USER_CS 0x73
#define __USER_DS 0x7b

#define savesegment(seg, value) ((value) = __KERNEL_DS)

/* include/asm-i386/page.h: where the kernel's half of memory starts */
#define PAGE_OFFSET 0xc0000000UL

#endif /* VZSIM_ARCH_I386_ASM_SEGMENT_H */
