/*
 * A fixture for the harness's tests (not kernel code): the unported
 * kernel_thread() of bad/, defined static, as a tree may define a function
 * the port's glue calls by name (ia64's force_sigsegv_info()). The
 * harness must judge this one, not bind the glue's call to vzsim's port.
 */
#include <linux/sched.h>

extern void kernel_thread_helper(void);

static int kernel_thread(int (*fn)(void *), void *arg, unsigned long flags)
{
	struct pt_regs regs;

	memset(&regs, 0, sizeof(regs));
	regs.eip = (unsigned long)kernel_thread_helper;
	return do_fork(flags | CLONE_VM | CLONE_UNTRACED, 0, &regs, 0, NULL,
		       NULL);
}
