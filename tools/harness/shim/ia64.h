/*
 * tools/harness/shim/ia64.h: what arch/ia64's real functions need beyond
 * the kernel face (include/) and common.h, for the harness. Constants are
 * include/asm-ia64/'s values; what the simulation has no hardware for is
 * a stub that says so.
 *
 * The stack printer runs the ia64 unwinder over a kernel stack and
 * register backing store the simulation does not have; the shim prints
 * what it prints over an empty stack:
 *
 * harness-replaces: show_stack ia64_do_show_stack
 *
 * vanilla's traps.c defines its own bust_spinlocks() (console unblanking);
 * common.h's does nothing, as there is no console to unblank:
 *
 * harness-replaces: bust_spinlocks
 */
#ifndef VZSIM_HARNESS_IA64_H
#define VZSIM_HARNESS_IA64_H

#include <asm/ptrace.h>

#include "common.h"

/* include/asm-ia64/intrinsics.h, gcc_intrin.h: the application and
 * control registers read 0 and take no writes; serialization is a
 * no-op in a simulation that runs no ia64 instructions */
#define _IA64_REG_PSR 1
#define _IA64_REG_SP 2
#define _IA64_REG_AR_BSP 3
#define _IA64_REG_AR_FPSR 4
#define _IA64_REG_CR_TPR 5
#define ia64_getreg(reg) 0UL
#define ia64_setreg(reg, val) ((void)(val))
#define ia64_srlz_d() ((void)0)
#define ia64_srlz_i() ((void)0)

/* arch/ia64/kernel/process.c's stack printer, over an empty stack */
static void show_stack(struct task_struct *task, unsigned long *sp)
{
	printk("\nCall Trace:\n");
}

/* include/asm-ia64/asm-offsets.h (generated), ptrace.h: where a task's
 * register backing store starts; the simulation allocates none */
#define IA64_RBS_OFFSET 0
#define PRED_KERNEL_STACK 3

/* include/asm-ia64/rse.h: the register stack engine spills 63 registers,
 * then a NaT collection slot; so many registers on from `addr` */
static inline unsigned long *ia64_rse_skip_regs(unsigned long *addr,
						long num_regs)
{
	long slot = ((unsigned long)addr >> 3) & 0x3f;
	long delta = slot + num_regs;

	if (num_regs < 0)
		delta -= 0x3e;
	return addr + num_regs + delta / 0x3f;
}

/* include/asm-ia64/ustack.h, processor.h: where the user stack ends and
 * the most it may grow. The model's address space is x86_64's
 * (kernel/mmap.h: STACK_TOP; the boot RLIMIT_STACK), so the backing store
 * ia64_set_rbs_bot() places below the stack lands where the model can map
 * it, as the ia64 port's own arch/ia64/mm/init.c has it. */
#define STACK_TOP 0x7ffffffff000UL
#define MAX_USER_STACK_SIZE (8UL << 20)

/* include/asm-ia64/hw_irq.h: the IPI vector that only reschedules */
#define IA64_IPI_RESCHEDULE 0xfd
#define IS_RESCHEDULE(vec) ((vec) == IA64_IPI_RESCHEDULE)

#endif /* VZSIM_HARNESS_IA64_H */
