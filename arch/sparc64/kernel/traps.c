/*
 * arch/sparc64/kernel/traps.c: die_if_kernel(), the oops path (rule R8).
 * 028stab added one line after the pid line: "VE:EXCVE %d:%d", the VE the
 * task belongs to (VE_TASK_INFO(current)->owner_env) and the one it was
 * working for (get_exec_env(): 0 inside an interrupt).
 *
 * The simulation has no kernel stack and no kernel text: the "Caller[...]"
 * frames and the instruction dumps are not printed.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/smp.h>
#include <linux/ve.h>
#include <linux/ve_task.h>
#include <asm/ptrace.h>

void __show_regs(struct pt_regs *regs);

void dump_stack(void)
{
	printk("Call Trace:");
	printk("\n");
}
EXPORT_SYMBOL(dump_stack);

void die_if_kernel(char *str, struct pt_regs *regs)
{
	static int die_counter;

	/* Amuse the user. */
	printk("              \\|/ ____ \\|/\n"
	       "              \"@'/ .. \\`@\"\n"
	       "              /_| \\__/ |_\\\n"
	       "                 \\__U_/\n");

	printk("%s(%d): %s [#%d]\n", current->comm, current->pid, str,
	       ++die_counter);
	printk("VE:EXCVE %d:%d, CPU %d, VCPU %d:%d\n",
	       VEID(VE_TASK_INFO(current)->owner_env), VEID(get_exec_env()),
	       smp_processor_id(), task_vsched_id(current), smp_processor_id());
	__show_regs(regs);
	if (regs->tstate & TSTATE_PRIV) {
		do_exit(SIGKILL);
		return;
	}
	do_exit(SIGSEGV);
}
EXPORT_SYMBOL(die_if_kernel);
