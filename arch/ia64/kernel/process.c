/*
 * arch/ia64/kernel/process.c: kernel_thread() with the check 028stab added
 * (rule R7: refused inside a VE unless ve_allow_kthreads allows it), and
 * show_regs(), the register block of an oops (rule R8).
 *
 * 028stab's ia64 printed no VE id anywhere on its oops path. This teaching
 * port adds it to show_regs()' "Pid:" line, as ", veid: %d" of
 * VE_TASK_INFO(current)->owner_env; a real 028stab tree run through the
 * checks fails R8 here.
 */
#include <linux/errno.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/sysctl.h>
#include <linux/ve.h>
#include <linux/ve_task.h>
#include <asm/ptrace.h>

/* head.S: where a kernel thread starts (fn(arg), then do_exit()); the
 * simulation does not run the child */
void start_kernel_thread(void)
{
}

void show_stack(struct task_struct *task, unsigned long *sp)
{
	(void)task;
	(void)sp;
	printk("\nCall Trace:\n");
}

void dump_stack(void)
{
	show_stack(NULL, NULL);
}
EXPORT_SYMBOL(dump_stack);

void show_regs(struct pt_regs *regs)
{
	unsigned long ip = regs->cr_iip + ia64_psr(regs)->ri;

	print_modules();
	printk("\nPid: %d, CPU %d, VCPU %d:%d, comm: %20s, veid: %d\n",
	       current->pid, smp_processor_id(), task_vsched_id(current),
	       smp_processor_id(), current->comm,
	       VEID(VE_TASK_INFO(current)->owner_env));
	printk("psr : %016lx ifs : %016lx ip  : [<%016lx>]    %s\n",
	       regs->cr_ipsr, regs->cr_ifs, ip, print_tainted());
	print_symbol("ip is at %s\n", ip);
	printk("unat: %016lx pfs : %016lx rsc : %016lx\n", regs->ar_unat,
	       regs->ar_pfs, regs->ar_rsc);
	printk("rnat: %016lx bsps: %016lx pr  : %016lx\n", regs->ar_rnat,
	       regs->ar_bspstore, regs->pr);
	printk("ldrs: %016lx ccv : %016lx fpsr: %016lx\n", regs->loadrs,
	       regs->ar_ccv, regs->ar_fpsr);
	printk("csd : %016lx ssd : %016lx\n", regs->ar_csd, regs->ar_ssd);
	printk("b0  : %016lx b6  : %016lx b7  : %016lx\n", regs->b0, regs->b6,
	       regs->b7);
	if (!user_mode(regs))
		show_stack(NULL, NULL);
}

int kernel_thread(int (*fn)(void *), void *arg, unsigned long flags)
{
	unsigned long helper = (unsigned long)&start_kernel_thread;
	struct {
		struct switch_stack sw;
		struct pt_regs pt;
	} regs;

	/* refused inside a VE unless the sysctl allows it */
	if (!ve_allow_kthreads && !ve_is_super(get_exec_env())) {
		printk("kernel_thread call inside container\n");
		dump_stack();
		return -EPERM;
	}

	memset(&regs, 0, sizeof(regs));
	regs.pt.cr_iip = helper;	  /* set entry point (IP) */
	regs.pt.r9 = (unsigned long)fn;	  /* 1st argument */
	regs.pt.r11 = (unsigned long)arg; /* 2nd argument */
	regs.pt.cr_ipsr = IA64_PSR_BN;
	regs.pt.cr_ifs = 1UL << 63; /* valid, and empty */
	regs.sw.ar_bspstore = (unsigned long)current;
	return do_fork(flags | CLONE_VM | CLONE_UNTRACED, 0, &regs.pt, 0, NULL,
		       NULL);
}
EXPORT_SYMBOL(kernel_thread);
EXPORT_SYMBOL(start_kernel_thread);
