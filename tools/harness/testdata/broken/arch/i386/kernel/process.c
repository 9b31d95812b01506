/*
 * A fixture for the harness's tests (not kernel code): a kernel_thread()
 * calling a function neither the face nor the shims have.
 */
#include <linux/sched.h>

int kernel_thread(int (*fn)(void *), void *arg, unsigned long flags)
{
	if (vz_kthread_forbidden())
		return -EPERM;
	return do_fork(flags | CLONE_VM, 0, NULL, 0, NULL, NULL);
}

__asm__("kernel_thread_helper:\n\tret\n");
