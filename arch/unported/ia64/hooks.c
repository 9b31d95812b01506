/*
 * arch/unported/ia64/hooks.c: the glue to the vanilla ia64 functions (as
 * arch/ia64/hooks.c does it for the port).
 */
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/string.h>
#include <asm/kdebug.h>
#include <asm/ptrace.h>

void ia64_handle_unaligned(unsigned long ifa, struct pt_regs *regs);
long sys_ptrace(long request, pid_t pid, unsigned long addr,
		unsigned long data);
int pfm_get_task(void *ctx, pid_t pid, struct task_struct **task);
int pfm_check_task_exist(void *ctx);
int default_monarch_init_process(struct notifier_block *self, unsigned long val,
				 void *data);
long force_sigsegv_info(int sig, void *addr);

void unported_hook_user_unaligned(unsigned long address);
long unported_hook_ptrace_attach(pid_t pid);
long unported_hook_perfmon_get_task(pid_t pid, struct task_struct **task);
int unported_hook_user_task_search(void *context);
void unported_hook_system_task_dump(void);
void unported_hook_self_fault_signal(unsigned long address);

void unported_hook_user_unaligned(unsigned long address)
{
	struct pt_regs regs;

	memset(&regs, 0, sizeof(regs));
	ia64_psr(&regs)->cpl = 3;
	regs.cr_iip = 0x4000000000000a10UL;
	ia64_handle_unaligned(address, &regs);
}

long unported_hook_ptrace_attach(pid_t pid)
{
	return sys_ptrace(PTRACE_ATTACH, pid, 0, 0);
}

long unported_hook_perfmon_get_task(pid_t pid, struct task_struct **task)
{
	static char context;

	return pfm_get_task(&context, pid, task);
}

int unported_hook_user_task_search(void *context)
{
	return pfm_check_task_exist(context);
}

void unported_hook_system_task_dump(void)
{
	default_monarch_init_process(NULL, DIE_INIT_MONARCH_PROCESS, NULL);
}

void unported_hook_self_fault_signal(unsigned long address)
{
	force_sigsegv_info(SIGUSR1, (void *)address);
}
