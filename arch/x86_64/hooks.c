/*
 * arch/x86_64/hooks.c: the glue between the hook table (arch/arch.h) and
 * the x86_64 functions. It does what the entry path does: entry.S's
 * kernel_thread (assembly in the kernel) builds the registers and calls
 * do_fork_kthread(); the interrupt stub saves ~vector in orig_rax; the
 * page-fault stub passes the error code with the address in %cr2; the
 * ia32 ELF loader sets up the stack, then the compat vsyscall page.
 */
#include <linux/binfmts.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include <asm/ptrace.h>
#include <asm/segment.h>

#include "../arch.h"

int syscall32_setup_pages(struct linux_binprm *bprm, int exstack);
int ia32_setup_arg_pages(struct linux_binprm *bprm, unsigned long stack_top,
			 int executable_stack);
void do_page_fault(struct pt_regs *regs, unsigned long error_code);
unsigned int do_IRQ(struct pt_regs *regs);
long do_fork_kthread(unsigned long clone_flags, unsigned long stack_start,
		     struct pt_regs *regs, unsigned long stack_size,
		     int *parent_tidptr, int *child_tidptr);
void die(const char *str, struct pt_regs *regs, long err);
long sys32_uname(struct old_utsname *name);
extern int exception_trace;

extern const struct kernel_symbol __start___ksymtab_x86_64[];
extern const struct kernel_symbol __stop___ksymtab_x86_64[];

/* fs/binfmt_elf.c for an ia32 image: setup_arg_pages() (which the ia32
 * loader maps to ia32_setup_arg_pages()), then
 * arch_setup_additional_pages() (syscall32_setup_pages()); 3 pages of
 * arguments */
static int hook_exec_setup_pages(void)
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

/* the page-fault trap from user mode, a read of an unmapped address */
static void hook_user_fault(unsigned long address)
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

static void hook_hw_interrupt(int irq)
{
	struct pt_regs regs;

	memset(&regs, 0, sizeof(regs));
	regs.orig_rax = ~(unsigned long)irq;
	regs.cs = __USER_CS;
	regs.ss = __USER_DS;
	regs.rip = 0x400a10;
	regs.rsp = 0x7fffffffe000UL;
	do_IRQ(&regs);
}

/* entry.S: kernel_thread: kernel_thread_flags | flags, user stack -1 */
static long hook_kernel_thread(int (*fn)(void *), void *arg,
			       unsigned long flags)
{
	struct pt_regs regs;

	memset(&regs, 0, sizeof(regs));
	regs.rdi = (unsigned long)fn;
	regs.rsi = (unsigned long)arg;
	regs.cs = __KERNEL_CS;
	regs.ss = __KERNEL_DS;
	return do_fork_kthread(flags | CLONE_VM | CLONE_UNTRACED, ~0UL, &regs,
			       0, NULL, NULL);
}

static void hook_oops(const char *str, long err)
{
	struct pt_regs regs;

	memset(&regs, 0, sizeof(regs));
	regs.cs = __KERNEL_CS;
	regs.ss = __KERNEL_DS;
	regs.rip = 0xffffffff80123456UL;
	regs.rsp = 0xffff810001234f00UL;
	current->thread.trap_no = 14;
	die(str, &regs, err);
}

/* int $0x80 from a 32-bit process: __NR_uname is sys32_uname */
static long hook_uname(struct new_utsname *name)
{
	struct old_utsname u;
	long err;

	memset(name, 0, sizeof(*name));
	err = sys32_uname(&u);
	if (err)
		return err;
	memcpy(name->sysname, u.sysname, sizeof(u.sysname));
	memcpy(name->nodename, u.nodename, sizeof(u.nodename));
	memcpy(name->release, u.release, sizeof(u.release));
	memcpy(name->version, u.version, sizeof(u.version));
	memcpy(name->machine, u.machine, sizeof(u.machine));
	return 0;
}

const struct arch_ops x86_64_arch_ops = {
    .name = "x86_64",
    .description = "64-bit x86 with its ia32 layer: charged compat pages, "
		   "the segfault report in the VE's log, do_fork_kthread",
    .exec_setup_pages = hook_exec_setup_pages,
    .user_fault = hook_user_fault,
    .fault_report_sysctl = &exception_trace,
    .hw_interrupt = hook_hw_interrupt,
    .kernel_thread = hook_kernel_thread,
    .oops = hook_oops,
    .arch_uname = hook_uname,
    .ksymtab_start = __start___ksymtab_x86_64,
    .ksymtab_stop = __stop___ksymtab_x86_64,
    .no_site =
	{
	    [3] = "x86_64 and its ia32 layer use the generic "
		  "ptrace_get_task_struct() lookup",
	    [4] = "arch/x86_64 walks no task list",
	    [5] = "arch/x86_64 hands out no pid: getpid and si_pid are "
		  "generic",
	},
};
