/* arch/demo/kernel/ptrace.c (ported) */
long arch_ptrace(long request, long pid)
{
	struct task_struct *child;

	read_lock(&tasklist_lock);
	child = find_task_by_pid_ve(pid);
	read_unlock(&tasklist_lock);
	return child ? 0 : -ESRCH;
}
