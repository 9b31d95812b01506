/*
 * arch/i386/hooks.c: the glue between the hook table (arch/arch.h) and the
 * i386 functions, doing what the real entry path does before it calls
 * them: the interrupt stub's pt_regs with ~vector in orig_eax, exec's
 * linux_binprm, a kernel-mode pt_regs for a fault in the kernel. Nothing
 * here is modelled behaviour.
 */
#include <linux/binfmts.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include <asm/ptrace.h>
#include <asm/segment.h>

#include "../arch.h"

/* The i386 functions the glue calls (the kernel declares them here and
 * there in its headers). */
int arch_setup_additional_pages(struct linux_binprm *bprm, int exstack);
unsigned int do_IRQ(struct pt_regs *regs);
int kernel_thread(int (*fn)(void *), void *arg, unsigned long flags);
void die(const char *str, struct pt_regs *regs, long err);
int sys_uname(struct old_utsname *name);

extern const struct kernel_symbol __start___ksymtab_i386[];
extern const struct kernel_symbol __stop___ksymtab_i386[];

/* fs/binfmt_elf.c: load_elf_binary(), once the new mm is current's */
static int hook_exec_setup_pages(void)
{
	struct linux_binprm bprm;

	memset(&bprm, 0, sizeof(bprm));
	return arch_setup_additional_pages(&bprm, EXSTACK_DEFAULT);
}

/* entry.S: the interrupt stub saves the user's registers and ~vector */
static void hook_hw_interrupt(int irq)
{
	struct pt_regs regs;

	memset(&regs, 0, sizeof(regs));
	regs.orig_eax = ~irq;
	regs.xcs = __USER_CS;
	regs.xds = regs.xes = regs.xss = __USER_DS;
	regs.eip = 0x08048a10;
	regs.esp = 0xbfffe000;
	regs.eflags = X86_EFLAGS_IF | 0x2;
	do_IRQ(&regs);
}

static long hook_kernel_thread(int (*fn)(void *), void *arg,
			       unsigned long flags)
{
	return kernel_thread(fn, arg, flags);
}

/* do_page_fault()'s no_context: a kernel-mode access to a bad address */
static void hook_oops(const char *str, long err)
{
	struct pt_regs regs;

	memset(&regs, 0, sizeof(regs));
	regs.xcs = __KERNEL_CS;
	regs.xds = regs.xes = __USER_DS;
	regs.eip = 0xc0123456;
	regs.eflags = X86_EFLAGS_IF | 0x2;
	current->thread.trap_no = 14;
	current->thread.error_code = err;
	die(str, &regs, err);
}

/* int $0x80 with __NR_uname (old_utsname) */
static long hook_uname(struct new_utsname *name)
{
	struct old_utsname u;
	int err;

	memset(name, 0, sizeof(*name));
	err = sys_uname(&u);
	if (err)
		return err;
	memcpy(name->sysname, u.sysname, sizeof(u.sysname));
	memcpy(name->nodename, u.nodename, sizeof(u.nodename));
	memcpy(name->release, u.release, sizeof(u.release));
	memcpy(name->version, u.version, sizeof(u.version));
	memcpy(name->machine, u.machine, sizeof(u.machine));
	return 0;
}

const struct arch_ops i386_arch_ops = {
    .name = "i386",
    .description = "32-bit x86: the vDSO page, kernel_thread, "
		   "show_registers' veid, the old uname calls",
    .exec_setup_pages = hook_exec_setup_pages,
    .hw_interrupt = hook_hw_interrupt,
    .kernel_thread = hook_kernel_thread,
    .oops = hook_oops,
    .arch_uname = hook_uname,
    .ksymtab_start = __start___ksymtab_i386,
    .ksymtab_stop = __stop___ksymtab_i386,
    .no_site =
	{
	    [2] = "i386 2.6.18 prints nothing for a user fault "
		  "(mm/fault.c: bad_area_nosemaphore only sends SIGSEGV), "
		  "and x86 fixes unaligned accesses in hardware",
	    [3] = "i386 uses the generic sys_ptrace(), whose lookup is "
		  "kernel/ptrace.c's ptrace_get_task_struct()",
	    [4] = "arch/i386 walks no task list",
	    [5] = "arch/i386 hands out no pid: getpid, ptrace events and "
		  "si_pid are generic",
	},
};
