/*
 * arch/x86_64/kernel/traps.c: the oops path (rule R8). 028stab added the
 * VE the task belongs to to show_registers()' "Process" line, as
 * "veid=%d" of VE_TASK_INFO(current)->owner_env.
 *
 * The simulation has no kernel stack and no kernel text: the trace is its
 * header only, and the "Code:" bytes read as " Bad RIP value.".
 */
#include <linux/hardirq.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/smp.h>
#include <linux/ve.h>
#include <linux/ve_task.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/uaccess.h>

void __show_regs(struct pt_regs *regs);

void show_trace(struct task_struct *tsk, struct pt_regs *regs,
		unsigned long *stack)
{
	(void)tsk;
	(void)regs;
	(void)stack;
	printk("\nCall Trace:\n");
	printk("\n");
}

/*
 * dump_stack(), the same on every arch: a trace of the caller's stack
 */
void dump_stack(void)
{
	unsigned long dummy;

	show_trace(NULL, NULL, &dummy);
}

EXPORT_SYMBOL(dump_stack);

void show_registers(struct pt_regs *regs)
{
	int i;
	int in_kernel = !user_mode(regs);
	const int cpu = smp_processor_id();
	struct task_struct *cur = current;

	printk("CPU: %d ", cpu);
	__show_regs(regs);
	printk("Process %s (pid: %d, veid=%d, threadinfo %p, task %p)\n",
	       cur->comm, cur->pid, VEID(VE_TASK_INFO(current)->owner_env),
	       task_thread_info(cur), cur);

	/*
	 * In the kernel, also the stack and the code around the fault.
	 */
	if (in_kernel) {
		printk("Stack: ");
		show_trace(NULL, regs, (unsigned long *)regs->rsp);

		printk("\nCode: ");
		if (regs->rip < PAGE_OFFSET)
			goto bad;

		for (i = 0; i < 20; i++) {
			unsigned char c = 0;

			if (__get_user(c, &((unsigned char *)regs->rip)[i])) {
			bad:
				printk(" Bad RIP value.");
				break;
			}
			printk("%02x ", c);
		}
	}
	printk("\n");
}

void __die(const char *str, struct pt_regs *regs, long err)
{
	static int die_counter;

	printk(KERN_EMERG "%s: %04lx [%u] ", str, err & 0xffff, ++die_counter);
	printk("SMP ");
	printk("\n");
	show_registers(regs);
	/* name the task again, in case the oops scrolled off */
	printk(KERN_ALERT "RIP ");
	printk("[<%016lx>]", regs->rip);
	printk(" RSP <%016lx>\n", regs->rsp);
}

/* (oops_begin()'s die lock and oops_end() are not modelled.) */
void die(const char *str, struct pt_regs *regs, long err)
{
	__die(str, regs, err);
	do_exit(SIGSEGV);
}
