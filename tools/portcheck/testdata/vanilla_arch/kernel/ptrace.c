/* arch/demo/kernel/ptrace.c (vanilla) */
long arch_ptrace(long request, long pid)
{
	struct task_struct *child;

	read_lock(&tasklist_lock);
	child = find_task_by_pid(
			pid);
	/* for_each_process(p) is not used here */
	read_unlock(&tasklist_lock);
	printk("find_task_by_pid( in a string does not count\n");
	return child ? 0 : -ESRCH;
}
