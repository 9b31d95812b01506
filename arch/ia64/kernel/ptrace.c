/*
 * arch/ia64/kernel/ptrace.c: sys_ptrace(), ia64's own (rule R3). 028stab
 * looks the pid up with find_task_by_pid_ve(), in the caller's VE; note
 * the order, which differs from the generic sys_ptrace(): the lookup
 * (-ESRCH) comes before the refusal of pid 1 (-EPERM). Only the requests
 * up to PTRACE_ATTACH are modelled.
 */
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/ptrace.h>
#include <linux/sched.h>

asmlinkage long sys_ptrace(long request, pid_t pid, unsigned long addr,
			   unsigned long data)
{
	struct task_struct *child;
	long ret;

	(void)addr;
	(void)data;
	ret = -EPERM;
	if (request == PTRACE_TRACEME)
		goto out; /* ptrace_traceme(): not modelled */

	ret = -ESRCH;
	read_lock(&tasklist_lock);
	{
		child = find_task_by_pid_ve(pid);
		if (child)
			get_task_struct(child);
	}
	read_unlock(&tasklist_lock);
	if (!child)
		goto out;
	ret = -EPERM;
	if (pid == 1) /* init may not be traced */
		goto out_tsk;

	if (request == PTRACE_ATTACH) {
		ret = ptrace_attach(child);
		goto out_tsk;
	}
	ret = -EIO; /* the other requests are not modelled */
out_tsk:
	put_task_struct(child);
out:
	return ret;
}
