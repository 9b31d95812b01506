/*
 * tools/harness/shim/i386.h: what arch/i386's real functions need beyond
 * the kernel face (include/) and common.h, for the harness. Constants are
 * include/asm-i386/'s values; what the simulation has no hardware for is a
 * stub that says so.
 *
 * The stack walkers print a kernel stack the simulation does not have
 * (their loops follow thread_info->previous_esp and the frame pointers of
 * a real i386 kernel stack); the shim prints what they print at the end of
 * an empty stack instead:
 *
 * harness-replaces: show_trace_log_lvl show_stack_log_lvl
 */
#ifndef VZSIM_HARNESS_I386_H
#define VZSIM_HARNESS_I386_H

#include <asm/ptrace.h>
#include <asm/segment.h>

#include "common.h"

/* include/asm-i386/thread_info.h (no CONFIG_4KSTACKS) */
#define THREAD_SIZE 8192
#define kstack_end(addr) 1

/* include/asm-i386/thread_info.h: i386's thread_info has fields the
 * face's shared layout does not carry (sysenter_return, previous_esp);
 * current_thread_info() gives a harness block for current holding them,
 * and the interrupt counts (preempt_count(), which irq_enter() and
 * in_interrupt() use) stay the face's */
struct hx_i386_thread_info {
	struct task_struct *task;
	unsigned long flags;
	void *sysenter_return;
	unsigned long previous_esp;
};
static inline struct hx_i386_thread_info *hx_thread_info(void)
{
	static struct hx_i386_thread_info ti;

	ti.task = current;
	ti.flags = task_thread_info(current)->flags;
	return &ti;
}
#undef preempt_count
#define preempt_count() (task_thread_info(current)->preempt_count)
#undef current_thread_info
#define current_thread_info() hx_thread_info()

/* include/asm-i386/elf.h: the vDSO's symbols, relative to where exec put
 * it (the harness has no vDSO image: its symbols sit at offset 0) */
#define VDSO_SYM(x) ((unsigned long)current->mm->context.vdso)

/* arch/i386/kernel/traps.c's stack printers, over an empty stack */
static void show_trace_log_lvl(struct task_struct *task, struct pt_regs *regs,
			       unsigned long *stack, char *log_lvl)
{
	(void)task;
	(void)regs;
	(void)stack;
	if (decode_call_traces)
		printk("%s =======================\n", log_lvl);
	else
		printk("%s =<ctx>= ", log_lvl);
}

static void show_stack_log_lvl(struct task_struct *task, struct pt_regs *regs,
			       unsigned long *esp, char *log_lvl)
{
	if (decode_call_traces)
		printk("\n%s Call Trace:\n", log_lvl);
	else
		printk("\n%s Call Trace: ", log_lvl);
	show_trace_log_lvl(task, regs, esp, log_lvl);
	if (!decode_call_traces)
		printk("\n");
}

/* 028stab: the kernel text checksum the NMI watchdog keeps */
static int kernel_text_csum_broken;

#endif /* VZSIM_HARNESS_I386_H */
