/*
 * arch/ia64/kernel/traps.c: die(), the oops path (rule R8): its line names
 * the global pid; show_regs() (kernel/process.c) follows. (The die lock
 * and notify_die() are not modelled.)
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <asm/ptrace.h>

void show_regs(struct pt_regs *regs);

void die(const char *str, struct pt_regs *regs, long err)
{
	static int die_counter;
	static int lock_owner_depth;

	if (++lock_owner_depth < 3) {
		printk("%s[%d]: %s %ld [%d]\n", current->comm, current->pid,
		       str, err, ++die_counter);
		show_regs(regs);
	} else
		printk(KERN_ERR "Recursive die() failure, output suppressed\n");
	lock_owner_depth--;

	do_exit(SIGSEGV);
}
