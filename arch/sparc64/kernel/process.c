/*
 * arch/sparc64/kernel/process.c: kernel_thread(), with the check 028stab
 * added (rule R7). Unlike i386, x86_64 and ia64, sparc64 refuses inside a
 * VE whatever the ve_allow_kthreads sysctl says. And __show_regs(), the
 * register block of an oops: no pid line (the pid and the VE come from
 * die_if_kernel()).
 *
 * The kernel makes the thread through the clone() trap (t 0x6d) from
 * inline assembly; the model calls do_fork() with the same flags, which is
 * what that trap reaches.
 */
#include <linux/errno.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/ve_task.h>
#include <asm/ptrace.h>

pid_t kernel_thread(int (*fn)(void *), void *arg, unsigned long flags)
{
	long retval;

	/* refused inside a VE, always */
	if (!ve_is_super(get_exec_env())) {
		printk("kernel_thread call inside container\n");
		dump_stack();
		return -EPERM;
	}

	(void)fn;
	(void)arg;
	/* the clone() trap: the parent gets the child's pid in %o0 */
	retval =
	    do_fork(flags | CLONE_VM | CLONE_UNTRACED, 0, NULL, 0, NULL, NULL);
	return retval;
}
EXPORT_SYMBOL(kernel_thread);

void __show_regs(struct pt_regs *regs)
{
	printk("TSTATE: %016lx TPC: %016lx TNPC: %016lx Y: %08x    %s\n",
	       regs->tstate, regs->tpc, regs->tnpc, regs->y, print_tainted());
	print_symbol("TPC: <%s>\n", regs->tpc);
	printk("g0: %016lx g1: %016lx g2: %016lx g3: %016lx\n", regs->u_regs[0],
	       regs->u_regs[1], regs->u_regs[2], regs->u_regs[3]);
	printk("g4: %016lx g5: %016lx g6: %016lx g7: %016lx\n", regs->u_regs[4],
	       regs->u_regs[5], regs->u_regs[6], regs->u_regs[7]);
	printk("o0: %016lx o1: %016lx o2: %016lx o3: %016lx\n", regs->u_regs[8],
	       regs->u_regs[9], regs->u_regs[10], regs->u_regs[11]);
	printk("o4: %016lx o5: %016lx sp: %016lx ret_pc: %016lx\n",
	       regs->u_regs[12], regs->u_regs[13], regs->u_regs[14],
	       regs->u_regs[15]);
	print_symbol("RPC: <%s>\n", regs->u_regs[15]);
}
