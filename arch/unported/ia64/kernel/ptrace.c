/*
 * vanilla 2.6.18 arch/ia64/kernel/ptrace.c: sys_ptrace() looks the pid up
 * in the one pid space there is (find_task_by_pid()).
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
		child = find_task_by_pid(pid);
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
