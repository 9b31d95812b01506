/*
 * arch/unported/i386/hooks.c: the control architecture's hook table, and
 * the glue to its vanilla i386 functions (as arch/i386/hooks.c does it for
 * the port). The control is vanilla 2.6.18: for each rule, the vanilla
 * version of the real functions 028stab changed, from the architecture
 * where the change is (i386's kernel_thread, die and sys_uname; x86_64's
 * compat pages and segfault report; ia64's ptrace, perfmon, INIT dump and
 * siginfo), and generic code built without CONFIG_VE. It must fail every
 * rule, each for its own reason (tests/porting_control_test.cc).
 */
#include <linux/binfmts.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include <asm/ptrace.h>
#include <asm/segment.h>

#include "../../arch.h"

unsigned int do_IRQ(struct pt_regs *regs);
int kernel_thread(int (*fn)(void *), void *arg, unsigned long flags);
void die(const char *str, struct pt_regs *regs, long err);
int sys_uname(struct old_utsname *name);
extern int exception_trace;

int unported_hook_exec_setup_pages(void);
void unported_hook_user_fault(unsigned long address);
void unported_hook_user_unaligned(unsigned long address);
long unported_hook_ptrace_attach(pid_t pid);
long unported_hook_perfmon_get_task(pid_t pid, struct task_struct **task);
int unported_hook_user_task_search(void *context);
void unported_hook_system_task_dump(void);
void unported_hook_self_fault_signal(unsigned long address);

extern const struct kernel_symbol __start___ksymtab_unported[];
extern const struct kernel_symbol __stop___ksymtab_unported[];

static void hook_hw_interrupt(int irq)
{
	struct pt_regs regs;

	memset(&regs, 0, sizeof(regs));
	regs.orig_eax = ~irq;
	regs.xcs = __USER_CS;
	regs.xds = regs.xes = regs.xss = __USER_DS;
	regs.eip = 0x08048a10;
	regs.esp = 0xbfffe000;
	do_IRQ(&regs);
}

static long hook_kernel_thread(int (*fn)(void *), void *arg,
			       unsigned long flags)
{
	return kernel_thread(fn, arg, flags);
}

static void hook_oops(const char *str, long err)
{
	struct pt_regs regs;

	memset(&regs, 0, sizeof(regs));
	regs.xcs = __KERNEL_CS;
	regs.xds = regs.xes = __USER_DS;
	regs.eip = 0xc0123456;
	die(str, &regs, err);
}

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

const struct arch_ops unported_arch_ops = {
    .name = "unported",
    .description = "control: vanilla 2.6.18 versions of the functions "
		   "OpenVZ changed; must fail every rule",
    .exec_setup_pages = unported_hook_exec_setup_pages,
    .user_fault = unported_hook_user_fault,
    .user_unaligned = unported_hook_user_unaligned,
    .fault_report_sysctl = &exception_trace,
    .ptrace_attach = unported_hook_ptrace_attach,
    .perfmon_get_task = unported_hook_perfmon_get_task,
    .user_task_search = unported_hook_user_task_search,
    .system_task_dump = unported_hook_system_task_dump,
    .self_fault_signal = unported_hook_self_fault_signal,
    .hw_interrupt = hook_hw_interrupt,
    .kernel_thread = hook_kernel_thread,
    .oops = hook_oops,
    .arch_uname = hook_uname,
    .ksymtab_start = __start___ksymtab_unported,
    .ksymtab_stop = __stop___ksymtab_unported,
};
