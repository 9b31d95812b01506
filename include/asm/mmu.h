/*
 * include/asm/mmu.h: mm_context_t, the arch part of an address space
 * (mm->context). One layout for all modelled ports: i386 keeps the vDSO's
 * address here.
 */
#ifndef VZSIM_INCLUDE_ASM_MMU_H
#define VZSIM_INCLUDE_ASM_MMU_H

typedef struct {
	void *vdso;
} mm_context_t;

#endif /* VZSIM_INCLUDE_ASM_MMU_H */
