/*
 * arch/x86_64/kernel/process.c: do_fork_kthread(), where 028stab put the
 * kernel_thread() check (rule R7): kernel_thread itself is assembly
 * (kernel/entry.S), which builds the registers and calls this instead of
 * do_fork(). __show_regs(), the register block of an oops, reads the
 * host's init_utsname().
 */
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/sysctl.h>
#include <linux/utsname.h>
#include <linux/utsrelease.h>
#include <linux/ve_task.h>
#include <asm/ptrace.h>

long do_fork_kthread(unsigned long clone_flags, unsigned long stack_start,
		     struct pt_regs *regs, unsigned long stack_size,
		     int __user *parent_tidptr, int __user *child_tidptr)
{
	if (ve_allow_kthreads || ve_is_super(get_exec_env()))
		return do_fork(clone_flags, stack_start, regs, stack_size,
			       parent_tidptr, child_tidptr);

	/* refused inside a VE */
	printk("kernel_thread call inside container\n");
	dump_stack();
	return -EPERM;
}

void __show_regs(struct pt_regs *regs)
{
	printk("\n");
	print_modules();
	printk("Pid: %d, comm: %.20s %s %s %.*s %s\n", current->pid,
	       current->comm, print_tainted(), init_utsname()->release,
	       (int)strcspn(init_utsname()->version, " "),
	       init_utsname()->version, VZVERSION);
	printk("RIP: %04lx:[<%016lx>] ", regs->cs & 0xffff, regs->rip);
	printk("\n");
	printk("RSP: %04lx:%016lx  EFLAGS: %08lx\n", regs->ss, regs->rsp,
	       regs->eflags);
	printk("RAX: %016lx RBX: %016lx RCX: %016lx\n", regs->rax, regs->rbx,
	       regs->rcx);
	printk("RDX: %016lx RSI: %016lx RDI: %016lx\n", regs->rdx, regs->rsi,
	       regs->rdi);
	printk("RBP: %016lx R08: %016lx R09: %016lx\n", regs->rbp, regs->r8,
	       regs->r9);
	printk("R10: %016lx R11: %016lx R12: %016lx\n", regs->r10, regs->r11,
	       regs->r12);
	printk("R13: %016lx R14: %016lx R15: %016lx\n", regs->r13, regs->r14,
	       regs->r15);
}
