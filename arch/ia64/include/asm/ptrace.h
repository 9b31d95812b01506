/*
 * include/asm-ia64/ptrace.h: the scratch registers the entry code saves
 * (struct pt_regs), the preserved ones (struct switch_stack), and the
 * tests on them.
 */
#ifndef VZSIM_ARCH_IA64_ASM_PTRACE_H
#define VZSIM_ARCH_IA64_ASM_PTRACE_H

struct ia64_fpreg {
	union {
		unsigned long bits[2];
	} u;
};

struct pt_regs {
	unsigned long b6;
	unsigned long b7;
	unsigned long ar_csd;
	unsigned long ar_ssd;
	unsigned long r8;
	unsigned long r9;
	unsigned long r10;
	unsigned long r11;
	unsigned long cr_ipsr;
	unsigned long cr_iip;
	unsigned long cr_ifs;
	unsigned long ar_unat;
	unsigned long ar_pfs;
	unsigned long ar_rsc;
	unsigned long ar_rnat;
	unsigned long ar_bspstore;
	unsigned long pr;
	unsigned long b0;
	unsigned long loadrs;
	unsigned long r1;
	unsigned long r12;
	unsigned long r13;
	unsigned long ar_fpsr;
	unsigned long r15;
	unsigned long r14;
	unsigned long r2;
	unsigned long r3;
	unsigned long r16, r17, r18, r19, r20, r21, r22, r23;
	unsigned long r24, r25, r26, r27, r28, r29, r30, r31;
	unsigned long ar_ccv;
	struct ia64_fpreg f6, f7, f8, f9, f10, f11;
};

struct switch_stack {
	unsigned long ar_fpsr;
	unsigned long ar_bspstore;
	unsigned long pr;
};

/* include/asm-ia64/kregs.h: the processor status register's fields the
 * modelled functions read (cpl: the privilege level; ri: the slot) */
struct ia64_psr {
	unsigned long reserved : 32;
	unsigned long cpl : 2;
	unsigned long be : 1;
	unsigned long ri : 2;
	unsigned long rest : 27;
};

#define IA64_PSR_BN (1UL << 44)

#define ia64_psr(regs) ((struct ia64_psr *)&(regs)->cr_ipsr)
#define user_mode(regs) (((struct ia64_psr *)&(regs)->cr_ipsr)->cpl != 0)

/* include/asm-ia64/processor.h: task->thread.flags */
#define IA64_THREAD_UAC_NOPRINT (1UL << 3)
#define IA64_THREAD_UAC_SIGBUS (1UL << 4)

/* include/asm-ia64/hw_irq.h: the interrupt vector the CPU delivers; the
 * model's vectors are the lines themselves, and after one the CPU reports
 * the spurious vector (nothing more pending) */
typedef unsigned char ia64_vector;
#define IA64_SPURIOUS_INT_VECTOR 0x0f
#define local_vector_to_irq(vec) (vec)
#define ia64_get_ivr() IA64_SPURIOUS_INT_VECTOR
#define ia64_eoi()                                                             \
	do {                                                                   \
	} while (0)

#endif /* VZSIM_ARCH_IA64_ASM_PTRACE_H */
