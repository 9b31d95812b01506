/*
 * arch/i386/kernel/traps.c: the oops path (rule R8). die() prints the
 * banner and calls show_registers(), where 028stab added the VE the task
 * belongs to to the "Process" line: "veid: %d" of VE_TASK_INFO(current)->
 * owner_env, so an oops in an interrupt taken in a VE task still names
 * that VE. The banner reads the host's init_utsname() (rule R9).
 *
 * The simulation has no kernel stack to walk and no kernel text to dump:
 * show_trace() prints only its end marker, and the "Code:" bytes read as
 * " Bad EIP value.".
 */
#include <linux/hardirq.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include <linux/utsrelease.h>
#include <linux/ve.h>
#include <linux/ve_task.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/uaccess.h>

/* debug.decode_call_traces (kernel/sysctl.c), default 1 */
static int decode_call_traces = 1;

void show_trace(struct task_struct *task, struct pt_regs *regs,
		unsigned long *stack)
{
	(void)task;
	(void)regs;
	(void)stack;
	if (decode_call_traces)
		printk("%s =======================\n", "");
	else
		printk("%s =<ctx>= ", "");
}

/*
 * dump_stack(), the same on every arch: a trace of the caller's stack
 */
void dump_stack(void)
{
	unsigned long stack;

	show_trace(current, NULL, &stack);
	if (!decode_call_traces)
		printk("\n");
}

EXPORT_SYMBOL(dump_stack);

void show_registers(struct pt_regs *regs)
{
	int i;
	int in_kernel = 1;
	unsigned long esp;
	unsigned short ss;

	esp = (unsigned long)(&regs->esp);
	savesegment(ss, ss);
	if (user_mode_vm(regs)) {
		in_kernel = 0;
		esp = regs->esp;
		ss = regs->xss & 0xffff;
	}
	print_modules();
	printk(KERN_EMERG
	       "CPU:    %d, VCPU: %d.%d\nEIP:    %04x:[<%08lx>]    %s VLI\n"
	       "EFLAGS: %08lx   (%s %.*s %s) \n",
	       smp_processor_id(), task_vsched_id(current), smp_processor_id(),
	       0xffff & regs->xcs, regs->eip, print_tainted(), regs->eflags,
	       init_utsname()->release,
	       (int)strcspn(init_utsname()->version, " "),
	       init_utsname()->version, VZVERSION);
	print_symbol(KERN_EMERG "EIP is at %s\n", regs->eip);
	printk(KERN_EMERG "eax: %08lx   ebx: %08lx   ecx: %08lx   edx: %08lx\n",
	       regs->eax, regs->ebx, regs->ecx, regs->edx);
	printk(KERN_EMERG "esi: %08lx   edi: %08lx   ebp: %08lx   esp: %08lx\n",
	       regs->esi, regs->edi, regs->ebp, esp);
	printk(KERN_EMERG "ds: %04x   es: %04x   ss: %04x\n",
	       regs->xds & 0xffff, regs->xes & 0xffff, ss);
	printk(KERN_EMERG
	       "Process %.*s (pid: %d, veid: %d, ti=%p task=%p task.ti=%p)",
	       TASK_COMM_LEN, current->comm, current->pid,
	       VEID(VE_TASK_INFO(current)->owner_env), current_thread_info(),
	       current, current->thread_info);
	/*
	 * In the kernel, also the stack and the code around the fault.
	 */
	if (in_kernel) {
		unsigned char *eip;

		printk("\n" KERN_EMERG "Stack: ");
		show_trace(current, regs, (unsigned long *)esp);

		printk(KERN_EMERG "Code: ");

		eip = (unsigned char *)regs->eip - 43;
		for (i = 0; i < 64; i++, eip++) {
			unsigned char c = 0;

			if (eip < (unsigned char *)PAGE_OFFSET ||
			    __get_user(c, eip)) {
				printk(" Bad EIP value.");
				break;
			}
			if (eip == (unsigned char *)regs->eip)
				printk("<%02x> ", c);
			else
				printk("%02x ", c);
		}
	}
	printk("\n");
}

int die_counter = 0;

/*
 * The kernel found something bad in current: report it and kill current.
 * (The die lock, notify_die() and kexec are not modelled.)
 */
void die(const char *str, struct pt_regs *regs, long err)
{
	static int die_owner_depth;
	unsigned long esp;
	unsigned short ss;

	if (++die_owner_depth < 3) {
		printk(KERN_EMERG "%s: %04lx [#%d]\n", str, err & 0xffff,
		       ++die_counter);
		printk(KERN_EMERG);
		printk("SMP ");
		printk("\n");
		show_registers(regs);
		/* name the task again, in case the oops scrolled off */
		esp = (unsigned long)(&regs->esp);
		savesegment(ss, ss);
		if (user_mode(regs)) {
			esp = regs->esp;
			ss = regs->xss & 0xffff;
		}
		printk(KERN_EMERG "EIP: [<%08lx>] ", regs->eip);
		print_symbol("%s", regs->eip);
		printk(" SS:ESP %04x:%08lx\n", ss, esp);
	} else
		printk(KERN_EMERG
		       "Recursive die() failure, output suppressed\n");
	die_owner_depth--;

	if (in_interrupt()) {
		panic("Fatal exception in interrupt");
		return;
	}

	do_exit(SIGSEGV);
}
