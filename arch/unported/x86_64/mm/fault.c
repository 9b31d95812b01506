/*
 * vanilla 2.6.18 arch/x86_64/mm/fault.c: do_page_fault()'s bad-area path
 * reports a user's segfault with printk, to the host log, and the
 * exception_trace sysctl is on by default.
 */
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <asm/ptrace.h>
#include <asm/segment.h>

#define read_cr2() (current->thread.cr2)

int page_fault_trace = 0;
int exception_trace = 1;

asmlinkage void do_page_fault(struct pt_regs *regs, unsigned long error_code)
{
	struct task_struct *tsk = current;
	struct mm_struct *mm = tsk->mm;
	struct vm_area_struct *vma;
	unsigned long address = read_cr2();
	struct siginfo info;

	if (unlikely(page_fault_trace))
		printk("pagefault rip:%lx rsp:%lx cs:%lu ss:%lu "
		       "address %lx error %lx\n",
		       regs->rip, regs->rsp, regs->cs, regs->ss, address,
		       error_code);

	/* no user context (a kernel thread): no VMA to look at */
	if (unlikely(!mm))
		goto bad_area_nosemaphore;

	down_read(&mm->mmap_sem);
	vma = find_vma(mm, address);
	if (!vma)
		goto bad_area;
	if (vma->vm_start <= address)
		goto good_area;
	if (!(vma->vm_flags & VM_GROWSDOWN))
		goto bad_area;
	if (error_code & PF_USER) {
		/* a stack access far below the stack pointer is a bad one */
		if (address + 65536 + 32 * sizeof(unsigned long) < regs->rsp)
			goto bad_area;
	}
	/* expand_stack(): not modelled, the stack is taken as grown */
good_area:
	up_read(&mm->mmap_sem);
	return;

bad_area:
	up_read(&mm->mmap_sem);

bad_area_nosemaphore:

	/* a fault from user mode ends in SIGSEGV for the task */
	if (error_code & PF_USER) {
		/* an ia32 process jumping above 4 GiB: ignored */
		if ((regs->cs == __USER32_CS || (regs->cs & (1 << 2))) &&
		    (address >> 32))
			return;

		if (exception_trace && unhandled_signal(tsk, SIGSEGV)) {
			printk("%s%s[%d]: segfault at %016lx rip %016lx rsp "
			       "%016lx error %lx\n",
			       tsk->pid > 1 ? KERN_INFO : KERN_EMERG, tsk->comm,
			       tsk->pid, address, regs->rip, regs->rsp,
			       error_code);
		}

		tsk->thread.cr2 = address;
		tsk->thread.error_code = error_code;
		tsk->thread.trap_no = 14;
		info.si_signo = SIGSEGV;
		info.si_errno = 0;
		info.si_code = SEGV_MAPERR;
		info.si_pid = 0;
		info.si_addr = address;
		force_sig_info(SIGSEGV, &info, tsk);
		return;
	}
	/* no_context: a kernel-mode fault without a fixup is an oops (the
	 * glue reports those through die() itself) */
}
