/* arch/demo/kernel/sys_demo.c (ported) */
asmlinkage long sparc_getpid(struct pt_regs *regs)
{
	regs->u_regs[UREG_I1] = virt_tgid(current->real_parent);
	return virt_tgid(current);
}

void notify(struct task_struct *t)
{
	struct siginfo info;

	info.si_pid = virt_pid(current);
	send_sig_info(SIGIO, &info, t);
}

asmlinkage long sunos_uname(struct sunos_utsname *name)
{
	return copy_to_user(name->nname, utsname()->nodename, 8);
}
