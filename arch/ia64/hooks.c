/*
 * arch/ia64/hooks.c: the glue between the hook table (arch/arch.h) and the
 * ia64 functions, doing what the entry path does: the exec path's
 * ia64_init_addr_space() call, the interruption handlers' pt_regs (user
 * mode: psr.cpl 3), the ivt's external-interrupt entry with its vector,
 * sys_perfmonctl()'s PFM_LOAD_CONTEXT, the INIT monarch's die-notifier
 * call, a /proc read of the SN2 topology file.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/signal.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include <asm/kdebug.h>
#include <asm/ptrace.h>

#include "../arch.h"

void ia64_init_addr_space(void);
void ia64_handle_unaligned(unsigned long ifa, struct pt_regs *regs);
long sys_ptrace(long request, pid_t pid, unsigned long addr,
		unsigned long data);
int pfm_get_task(void *ctx, pid_t pid, struct task_struct **task);
int pfm_check_task_exist(void *ctx);
int default_monarch_init_process(struct notifier_block *self, unsigned long val,
				 void *data);
long force_sigsegv_info(int sig, void *addr);
void ia64_handle_irq(ia64_vector vector, struct pt_regs *regs);
int kernel_thread(int (*fn)(void *), void *arg, unsigned long flags);
void die(const char *str, struct pt_regs *regs, long err);
int sn_topology_show(struct seq_file *s, void *d);

extern const struct kernel_symbol __start___ksymtab_ia64[];
extern const struct kernel_symbol __stop___ksymtab_ia64[];

/* the exec path: ELF_PLAT_INIT's ia64_init_addr_space() never fails */
static int hook_exec_setup_pages(void)
{
	ia64_init_addr_space();
	return 0;
}

static void user_regs(struct pt_regs *regs)
{
	memset(regs, 0, sizeof(*regs));
	ia64_psr(regs)->cpl = 3;
	regs->cr_iip = 0x4000000000000a10UL;
	regs->r12 = 0x60000fffffffe000UL;
}

/* the unaligned-reference fault from user mode */
static void hook_user_unaligned(unsigned long address)
{
	struct pt_regs regs;

	user_regs(&regs);
	ia64_handle_unaligned(address, &regs);
}

static long hook_ptrace_attach(pid_t pid)
{
	return sys_ptrace(PTRACE_ATTACH, pid, 0, 0);
}

/* sys_perfmonctl(PFM_LOAD_CONTEXT) on a fresh context */
static long hook_perfmon_get_task(pid_t pid, struct task_struct **task)
{
	static char context;

	return pfm_get_task(&context, pid, task);
}

static int hook_user_task_search(void *context)
{
	return pfm_check_task_exist(context);
}

/* the INIT button: the monarch CPU's die notifier, no irq_enter() */
static void hook_system_task_dump(void)
{
	default_monarch_init_process(NULL, DIE_INIT_MONARCH_PROCESS, NULL);
}

/* ia64_do_signal(): a SIGUSR1 whose frame could not be written */
static void hook_self_fault_signal(unsigned long address)
{
	force_sigsegv_info(SIGUSR1, (void *)address);
}

/* ivt.S: the external interrupt, its vector read from cr.ivr */
static void hook_hw_interrupt(int irq)
{
	struct pt_regs regs;

	user_regs(&regs);
	ia64_handle_irq((ia64_vector)irq, &regs);
}

static long hook_kernel_thread(int (*fn)(void *), void *arg,
			       unsigned long flags)
{
	return kernel_thread(fn, arg, flags);
}

/* ia64_do_page_fault()'s no_context: a kernel-mode access, psr.cpl 0 */
static void hook_oops(const char *str, long err)
{
	struct pt_regs regs;

	memset(&regs, 0, sizeof(regs));
	regs.cr_iip = 0xa000000100123450UL;
	die(str, &regs, err);
}

/* cat /proc/sgi_sn/sn_topology: the partition line's second word */
static long hook_uname(struct new_utsname *name)
{
	char buf[512];
	struct seq_file s;
	char *word, *end;

	memset(name, 0, sizeof(*name));
	s.buf = buf;
	s.size = sizeof(buf);
	s.count = 0;
	buf[0] = '\0';
	sn_topology_show(&s, NULL);
	word = strchr(buf, ' ');
	if (word == NULL)
		return -EINVAL;
	word = strchr(word + 1, ' ');
	if (word == NULL)
		return -EINVAL;
	word++;
	end = strchr(word, ' ');
	if (end == NULL || end - word > __NEW_UTS_LEN)
		return -EINVAL;
	memcpy(name->nodename, word, end - word);
	return 0;
}

const struct arch_ops ia64_arch_ops = {
    .name = "ia64",
    .description = "Itanium: the register backing store, perfmon's lookups "
		   "and walk, the INIT dump, unaligned reports",
    .exec_setup_pages = hook_exec_setup_pages,
    .user_unaligned = hook_user_unaligned,
    .ptrace_attach = hook_ptrace_attach,
    .perfmon_get_task = hook_perfmon_get_task,
    .user_task_search = hook_user_task_search,
    .system_task_dump = hook_system_task_dump,
    .self_fault_signal = hook_self_fault_signal,
    .hw_interrupt = hook_hw_interrupt,
    .kernel_thread = hook_kernel_thread,
    .oops = hook_oops,
    .arch_uname = hook_uname,
    .ksymtab_start = __start___ksymtab_ia64,
    .ksymtab_stop = __stop___ksymtab_ia64,
};
