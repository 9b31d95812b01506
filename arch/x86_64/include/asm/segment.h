/*
 * include/asm-x86_64/segment.h, page.h, vsyscall32.h, ia32.h: the
 * selectors, where the kernel's half starts, the compat (ia32) layout.
 */
#ifndef VZSIM_ARCH_X86_64_ASM_SEGMENT_H
#define VZSIM_ARCH_X86_64_ASM_SEGMENT_H

#define __KERNEL_CS 0x10
#define __KERNEL_DS 0x18
#define __USER32_CS 0x23
#define __USER_DS 0x2b
#define __USER_CS 0x33

#define PAGE_OFFSET 0xffff810000000000UL

/* the compat vsyscall page */
#define VSYSCALL32_BASE 0xffffe000UL
#define VSYSCALL32_END (VSYSCALL32_BASE + PAGE_SIZE)

/* OpenVZ fixed the 32-bit address limit at 3 GiB */
#define IA32_PAGE_OFFSET 0xc0000000UL
#define IA32_STACK_TOP IA32_PAGE_OFFSET

/* page protections of a private stack */
#define PAGE_COPY ((pgprot_t){0x25})
#define PAGE_COPY_EXEC ((pgprot_t){0x27})

/* the bits of a page fault's error code */
#define PF_PROT (1 << 0)
#define PF_WRITE (1 << 1)
#define PF_USER (1 << 2)

#endif /* VZSIM_ARCH_X86_64_ASM_SEGMENT_H */
