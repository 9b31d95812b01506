/* arch/demo/kernel/sys_demo.c (vanilla) */
asmlinkage long sparc_getpid(struct pt_regs *regs)
{
	regs->u_regs[UREG_I1] =
		current->real_parent->tgid;
	return current->tgid;
}

void notify(struct task_struct *t)
{
	struct siginfo info;

	info.si_pid = current->pid;
	send_sig_info(SIGIO, &info, t);
}

asmlinkage long sunos_uname(struct sunos_utsname *name)
{
	return copy_to_user(name->nname, system_utsname.nodename, 8);
}
