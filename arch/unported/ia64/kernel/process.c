/*
 * vanilla 2.6.18 arch/ia64/kernel/process.c: show_stack(), which the INIT
 * dump prints for each task (no kernel stack to unwind in the model).
 */
#include <linux/kernel.h>
#include <linux/sched.h>

void show_stack(struct task_struct *task, unsigned long *sp)
{
	(void)task;
	(void)sp;
	printk("\nCall Trace:\n");
}
