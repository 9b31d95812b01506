/*
 * arch/i386/kernel/process.c: kernel_thread(), with the check 028stab
 * added at its top (rule R7): inside a VE's exec env it refuses unless the
 * ve_allow_kthreads sysctl (default 1) says otherwise.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/sysctl.h>
#include <linux/ve_task.h>
#include <asm/ptrace.h>
#include <asm/segment.h>

/*
 * Where a kernel thread starts (an assembly stub in the kernel): it would
 * call fn(arg) from %ebx / %edx and then do_exit() with its result. The
 * simulation does not run the child.
 */
void kernel_thread_helper(void)
{
}

/*
 * Create a kernel thread
 */
int kernel_thread(int (*fn)(void *), void *arg, unsigned long flags)
{
	struct pt_regs regs;

	/* refused inside a VE unless the sysctl allows it */
	if (!ve_allow_kthreads && !ve_is_super(get_exec_env())) {
		printk("kernel_thread call inside container\n");
		dump_stack();
		return -EPERM;
	}

	memset(&regs, 0, sizeof(regs));

	regs.ebx = (unsigned long)fn;
	regs.edx = (unsigned long)arg;

	regs.xds = __USER_DS;
	regs.xes = __USER_DS;
	regs.orig_eax = -1;
	regs.eip = (unsigned long)kernel_thread_helper;
	regs.xcs = __KERNEL_CS;
	regs.eflags = X86_EFLAGS_IF | X86_EFLAGS_SF | X86_EFLAGS_PF | 0x2;

	/* the new thread shares our address space until daemonize() */
	return do_fork(flags | CLONE_VM | CLONE_UNTRACED, 0, &regs, 0, NULL,
		       NULL);
}
EXPORT_SYMBOL(kernel_thread);
EXPORT_SYMBOL(kernel_thread_helper);
