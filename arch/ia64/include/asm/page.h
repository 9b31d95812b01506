/*
 * include/asm-ia64/page.h: the page size (4 KiB: CONFIG_IA64_PAGE_SIZE_4KB,
 * the model's one page size) and the flags of an ia64 data mapping.
 */
#ifndef VZSIM_ARCH_IA64_ASM_PAGE_H
#define VZSIM_ARCH_IA64_ASM_PAGE_H

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr) (((addr) + PAGE_SIZE - 1) & PAGE_MASK)

#define VM_DATA_DEFAULT_FLAGS                                                  \
	(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC |          \
	 (((current->personality & READ_IMPLIES_EXEC) != 0) ? VM_EXEC : 0))

/* include/asm-ia64/pgtable.h */
#define __pgprot(x) ((pgprot_t){(x)})
#define pgprot_val(x) ((x).pgprot)
#define PAGE_READONLY __pgprot(0x21)
#define _PAGE_MA_NAT (0x7UL << 2)

#endif /* VZSIM_ARCH_IA64_ASM_PAGE_H */
