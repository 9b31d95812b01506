/* arch/demo/kernel/process.c (vanilla) */
int kernel_thread(int (*fn)(void *), void *arg, unsigned long flags)
{
	struct pt_regs regs;

	memset(&regs, 0, sizeof(regs));
	return do_fork(flags | CLONE_VM | CLONE_UNTRACED, 0, &regs, 0, NULL, NULL);
}

void show_regs(struct pt_regs *regs)
{
	printk("Pid: %d, comm: %20s\n", current->pid, current->comm);
	printk("PC: %016lx (%s)\n", regs->pc, system_utsname.release);
}

void dump_all(void)
{
	struct task_struct *g, *p;

	do_each_thread(g, p) {
		show_task(p);
	} while_each_thread(g, p);
}
