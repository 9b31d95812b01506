/*
 * A fixture for the harness's tests (not kernel code): a kernel_thread()
 * as an unported arch has it, with no VE check; the helper routine in an
 * assembly file (entry.S).
 */
#include <linux/sched.h>

extern void kernel_thread_helper(void);

int kernel_thread(int (*fn)(void *), void *arg, unsigned long flags)
{
	struct pt_regs regs;

	memset(&regs, 0, sizeof(regs));
	regs.eip = (unsigned long)kernel_thread_helper;
	return do_fork(flags | CLONE_VM | CLONE_UNTRACED, 0, &regs, 0, NULL,
		       NULL);
}
