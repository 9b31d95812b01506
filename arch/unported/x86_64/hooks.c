/*
 * arch/unported/x86_64/hooks.c: the glue to the vanilla x86_64 functions
 * (as arch/x86_64/hooks.c does it for the port).
 */
#include <linux/binfmts.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <asm/ptrace.h>
#include <asm/segment.h>

int syscall32_setup_pages(struct linux_binprm *bprm, int exstack);
int ia32_setup_arg_pages(struct linux_binprm *bprm, unsigned long stack_top,
			 int executable_stack);
void do_page_fault(struct pt_regs *regs, unsigned long error_code);
int unported_hook_exec_setup_pages(void);
void unported_hook_user_fault(unsigned long address);

int unported_hook_exec_setup_pages(void)
{
	struct linux_binprm bprm;
	int ret;

	memset(&bprm, 0, sizeof(bprm));
	bprm.p = MAX_ARG_PAGES * PAGE_SIZE - 2 * PAGE_SIZE - 0x100;
	bprm.exec = bprm.p + 0x80;
	ret = ia32_setup_arg_pages(&bprm, IA32_STACK_TOP, EXSTACK_DEFAULT);
	if (ret)
		return ret;
	return syscall32_setup_pages(&bprm, EXSTACK_DEFAULT);
}

void unported_hook_user_fault(unsigned long address)
{
	struct pt_regs regs;

	memset(&regs, 0, sizeof(regs));
	regs.cs = __USER_CS;
	regs.ss = __USER_DS;
	regs.rip = 0x400a10;
	regs.rsp = 0x7fffffffe000UL;
	current->thread.cr2 = address;
	do_page_fault(&regs, PF_USER);
}
