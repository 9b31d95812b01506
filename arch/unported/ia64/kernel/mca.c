/*
 * vanilla 2.6.18 arch/ia64/kernel/mca.c: default_monarch_init_process()
 * walks every task (do_each_thread, which had only the one meaning).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <asm/kdebug.h>

void show_stack(struct task_struct *task, unsigned long *sp);

int default_monarch_init_process(struct notifier_block *self, unsigned long val,
				 void *data)
{
	struct task_struct *g, *t;

	(void)self;
	(void)data;
	if (val != DIE_INIT_MONARCH_PROCESS)
		return NOTIFY_DONE;
	printk(KERN_ERR "Processes interrupted by INIT -");
	g = current;
	if (g->pid)
		printk(" %d", g->pid);
	else
		printk(" %d (cpu %d task 0x%p)", g->pid, 0, g);
	printk("\n\n");
	read_lock(&tasklist_lock);
	do_each_thread(g, t)
	{
		printk("\nBacktrace of pid %d (%s)\n", t->pid, t->comm);
		show_stack(t, NULL);
	}
	while_each_thread(g, t);
	read_unlock(&tasklist_lock);
	return NOTIFY_DONE;
}
