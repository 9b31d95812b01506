/*
 * tools/harness/shim/sparc64.h: what arch/sparc64's real functions need beyond
 * the kernel face (include/) and common.h, for the harness. Constants are
 * include/asm-sparc64/'s values; what the simulation has no hardware for is
 * a stub that says so.
 *
 * The register-window and stack printers follow %fp through the register
 * windows a real sparc64 kernel spills on its stack, and the instruction
 * dump reads kernel text; the simulation has neither, so the shim's
 * versions print what the tree's print over an empty stack:
 *
 * harness-replaces: show_stack show_regwindow show_regwindow32
 * harness-replaces: is_kernel_stack kernel_stack_up instruction_dump
 *
 * kernel/irq.c keeps a bucket's address in a 32-bit int (a work list
 * entry, a bucket's irq_chain): sparc64's kernel image sits below 4 GiB,
 * this host's shared objects do not, so its casts would cut the address.
 * Its struct ino_bucket and the macros that convert (__bucket(), __irq(),
 * __irq_ino(); irq_work(), the CPU's trap_block work list) give way to
 * the port's include/asm/irq.h: the same two 32-bit fields, a bucket
 * named by its index + 1 in ivector_table, the work lists in
 * irq_work_list[], as the port's glue queues an interrupt (standing for
 * the vector trap's assembly, entry.S). handler_irq() runs as the tree
 * has it over that encoding: its irq_enter(), its walk, its __do_IRQ().
 *
 * harness-replaces: ino_bucket __bucket __irq __irq_ino irq_work
 */
#ifndef VZSIM_HARNESS_SPARC64_H
#define VZSIM_HARNESS_SPARC64_H

#include <asm/ptrace.h>

/* include/asm-sparc64/ttable.h: the Linux system-call trap, which
 * kernel_thread() enters with __NR_clone (common.h: hx_asm_result) */
#define HX_CLONE_TRAP "t 0x6d"
/* include/asm-sparc64/unistd.h */
#define __NR_exit 1
#define __NR_clone 217

#include "common.h"

/* include/asm-sparc64/thread_info.h, page.h, pstate.h */
#define THREAD_SIZE (2 * PAGE_SIZE)
#define STACK_BIAS 2047
#define PSTATE_IE 0x002
#define TIF_32BIT 8
#define test_thread_flag(flag) 0
#define task_stack_page(task) ((void *)(task)->thread_info)
#define flushw_all() ((void)0)

/* include/asm-sparc64/reg.h: a register window as spilled on the stack */
struct reg_window {
	unsigned long locals[8];
	unsigned long ins[8];
};

/* include/asm-sparc64/system.h: exchange; the simulation's CPUs share
 * one address space, so the compiler's atomic exchange does */
static inline unsigned long xchg32(unsigned int *m, unsigned int val)
{
	return __sync_lock_test_and_set(m, val);
}

/* arch/sparc64/kernel/process.c: the lock of the register dumps */
static spinlock_t regdump_lock;

/* arch/sparc64/kernel/traps.c's printers, over an empty stack */
static void show_stack(struct task_struct *tsk, unsigned long *ksp)
{
	printk("Call Trace:\n");
}
static void show_regwindow(struct pt_regs *regs)
{
}
static void show_regwindow32(struct pt_regs *regs)
{
}
static int is_kernel_stack(struct task_struct *task, struct reg_window *rw)
{
	return 0;
}
static struct reg_window *kernel_stack_up(struct reg_window *rw)
{
	return (struct reg_window *)0;
}
static void instruction_dump(unsigned int *pc)
{
	printk("Instruction DUMP: (no kernel text in the simulation)\n");
}

/* include/asm-sparc64/irq.h: the soft interrupt register; no hardware */
#define clear_softint(bits) ((void)(bits))
#define set_softint(bits) ((void)(bits))

#endif /* VZSIM_HARNESS_SPARC64_H */
