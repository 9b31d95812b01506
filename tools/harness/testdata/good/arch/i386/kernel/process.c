/*
 * A fixture for the harness's tests (not kernel code): a kernel_thread()
 * that refuses inside a VE through a static helper, as a port should, and
 * a helper routine written in file-scope assembly.
 */
#include <linux/sched.h>
#include <linux/ve.h>

#define REFUSAL "kernel_thread call inside container\n"

__asm__(".text\n"
	"kernel_thread_helper:\n\t"
	"ret\n");

extern void kernel_thread_helper(void);

static int refused_here(void)
{
	if (ve_allow_kthreads || ve_is_super(get_exec_env()))
		return 0;
	printk(REFUSAL);
	dump_stack();
	return 1;
}

/* not wanted by any rule: must not reach the unit */
static int unrelated(void)
{
	return this_name_is_nowhere;
}

int kernel_thread(int (*fn)(void *), void *arg, unsigned long flags)
{
	struct pt_regs regs;

	if (refused_here())
		return -EPERM;
	memset(&regs, 0, sizeof(regs));
	regs.ebx = (unsigned long)fn;
	regs.edx = (unsigned long)arg;
	regs.eip = (unsigned long)kernel_thread_helper;
	regs.xcs = __KERNEL_CS;
	return do_fork(flags | CLONE_VM | CLONE_UNTRACED, 0, &regs, 0, NULL,
		       NULL);
}
