/* arch/hand/kernel/process.c: the helper that checks */
long do_fork_kthread(unsigned long clone_flags, unsigned long stack_start,
		     struct pt_regs *regs, unsigned long stack_size,
		     int *parent_tidptr, int *child_tidptr)
{
	if (ve_allow_kthreads || ve_is_super(get_exec_env()))
		return do_fork(clone_flags, stack_start, regs, stack_size,
			       parent_tidptr, child_tidptr);
	printk("kernel_thread call inside container\n");
	dump_stack();
	return -EPERM;
}
