/*
 * arch/sparc64/hooks.c: the glue between the hook table (arch/arch.h) and
 * the sparc64 functions, doing what the trap code does: the interrupt
 * vector trap chains the line's bucket on the CPU's work list and takes
 * the soft interrupt at its level; a trap in the kernel (TSTATE_PRIV) ends
 * in die_if_kernel(); a SunOS binary's uname trap.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include <asm/irq.h>
#include <asm/ptrace.h>

#include "../arch.h"

struct sunos_utsname {
	char sname[9];
	char nname[9];
	char nnext[56];
	char rel[9];
	char ver[9];
	char mach[9];
};

void handler_irq(int irq, struct pt_regs *regs);
pid_t kernel_thread(int (*fn)(void *), void *arg, unsigned long flags);
void die_if_kernel(char *str, struct pt_regs *regs);
int sunos_uname(struct sunos_utsname *name);

extern const struct kernel_symbol __start___ksymtab_sparc64[];
extern const struct kernel_symbol __stop___ksymtab_sparc64[];

/* the device's interrupt level */
#define NIC_PIL 5

static void hook_hw_interrupt(int irq)
{
	struct pt_regs regs;
	struct ino_bucket *bucket = &ivector_table[irq];
	unsigned int *work = irq_work(smp_processor_id());

	bucket->virt_irq = irq;
	bucket->irq_chain = *work;
	*work = __irq_ino(bucket);

	memset(&regs, 0, sizeof(regs));
	regs.tpc = 0x10a10;
	regs.tnpc = regs.tpc + 4;
	handler_irq(NIC_PIL, &regs);
}

static long hook_kernel_thread(int (*fn)(void *), void *arg,
			       unsigned long flags)
{
	return kernel_thread(fn, arg, flags);
}

/* a kernel-mode data access fault without a fixup */
static void hook_oops(const char *str, long err)
{
	struct pt_regs regs;
	char msg[64];

	(void)err;
	memset(&regs, 0, sizeof(regs));
	regs.tstate = TSTATE_PRIV;
	regs.tpc = 0x4a1234;
	regs.tnpc = regs.tpc + 4;
	strncpy(msg, str, sizeof(msg) - 1);
	msg[sizeof(msg) - 1] = '\0';
	die_if_kernel(msg, &regs);
}

static void copy_field(char *to, const char *from, size_t n)
{
	memcpy(to, from, n);
	to[n] = '\0';
}

static long hook_uname(struct new_utsname *name)
{
	struct sunos_utsname u;
	int err;

	memset(name, 0, sizeof(*name));
	memset(&u, 0, sizeof(u));
	err = sunos_uname(&u);
	if (err)
		return err;
	copy_field(name->sysname, u.sname, 8);
	copy_field(name->nodename, u.nname, 8);
	copy_field(name->release, u.rel, 8);
	copy_field(name->version, u.ver, 8);
	copy_field(name->machine, u.mach, 8);
	return 0;
}

const struct arch_ops sparc64_arch_ops = {
    .name = "sparc64",
    .description = "UltraSPARC: kernel_thread refused in a VE always, "
		   "die_if_kernel's VE:EXCVE line, SunOS uname",
    .hw_interrupt = hook_hw_interrupt,
    .kernel_thread = hook_kernel_thread,
    .oops = hook_oops,
    .arch_uname = hook_uname,
    .ksymtab_start = __start___ksymtab_sparc64,
    .ksymtab_stop = __stop___ksymtab_sparc64,
    .no_site =
	{
	    [1] = "arch/sparc64 builds no VMA by hand (no vDSO, no gate "
		  "page in an mm)",
	    [2] = "sparc64 reports a user fault or unaligned access with a "
		  "signal only; its one user-triggerable host line, "
		  "out_of_memory()'s \"VM: killing process\", 028stab left "
		  "alone and the model cannot run out of pages",
	    [3] = "sparc64's do_ptrace() uses the generic "
		  "ptrace_get_task_struct() lookup",
	    [4] = "arch/sparc64 walks no task list",
	    [5] = "sparc64's pid hand-outs (the SunOS and Solaris getpid) "
		  "are assembly calling the generic sys_getpid() and "
		  "sys_getppid()",
	},
};
