/*
 * tools/harness/shim/x86_64.h: what arch/x86_64's real functions need
 * beyond the kernel face (include/) and common.h, for the harness.
 * Constants are include/asm-x86_64/'s values; what the simulation has no
 * hardware for is a stub that says so.
 *
 * The stack printers walk the process, interrupt and exception stacks of
 * a real x86_64 kernel (the PDA's irqstackptr, the TSS's ist[]); the shim
 * prints what they print over an empty stack instead:
 *
 * harness-replaces: show_trace _show_stack
 *
 * Likewise the page-fault path's helpers that walk page tables or call
 * a notifier chain:
 *
 * harness-replaces: dump_pagetable vmalloc_fault notify_page_fault
 *
 * and unhandled_signal(), which 2.6.18 x86_64 defines in mm/fault.c on
 * the signal tables (tsk->sighand) and the face has as the model's own
 * (include/linux/signal.h):
 *
 * harness-replaces: unhandled_signal
 */
#ifndef VZSIM_HARNESS_X86_64_H
#define VZSIM_HARNESS_X86_64_H

#include <asm/ptrace.h>
#include <asm/segment.h>

#include "common.h"

/* include/asm-x86_64/page.h, processor.h */
#define THREAD_SIZE (2 * PAGE_SIZE)
#define TASK_SIZE64 (0x800000000000UL - 4096)
#define TASK_SIZE TASK_SIZE64
#define VMALLOC_START 0xffffc20000000000UL
#define VMALLOC_END 0xffffe1ffffffffffUL
#define MODULES_VADDR 0xffffffff88000000UL
#define MODULES_END 0xfffffffffff00000UL
#define PF_RSVD (1 << 3)
#define PF_INSTR (1 << 4)
#define X86_EFLAGS_IF 0x00000200

/* include/asm-x86_64/pda.h: the per-CPU data area (only what the
 * functions read: the current task, an empty interrupt stack) */
struct x8664_pda {
	struct task_struct *pcurrent;
	char *irqstackptr;
};
static inline struct x8664_pda *hx_cpu_pda(int cpu)
{
	static struct x8664_pda pda;

	(void)cpu;
	pda.pcurrent = current;
	return &pda;
}
#define cpu_pda(cpu) hx_cpu_pda(cpu)
#define safe_smp_processor_id() smp_processor_id()

/* include/asm-x86_64/kdebug.h, proto.h: functions of other files */
void printk_address(unsigned long address);
void __die(const char *str, struct pt_regs *regs, long err);
void show_registers(struct pt_regs *regs);
void __show_regs(struct pt_regs *regs);
unsigned long oops_begin(void);
void oops_end(unsigned long flags);
void die(const char *str, struct pt_regs *regs, long err);

/* arch/x86_64/mm/fault.c's helpers: no page tables, no notifier */
static int notify_page_fault(enum die_val val, const char *str,
			     struct pt_regs *regs, long err, int trap, int sig)
{
	return NOTIFY_DONE;
}
static int vmalloc_fault(unsigned long address)
{
	return -1;
}
static void dump_pagetable(unsigned long address)
{
	printk("PGD 0 (the simulation has no page tables)\n");
}

/* include/asm-x86_64/bug.h: what BUG() leaves after its ud2 */
struct bug_frame {
	unsigned char ud2[2];
	unsigned char push;
	signed int filename;
	unsigned char ret;
	unsigned short line;
} __attribute__((packed));

/* include/asm-x86_64/idle.h: no idle notifier is registered */
#define exit_idle() ((void)0)
#define enter_idle() ((void)0)

/* include/asm-x86_64/msr.h: model-specific registers read 0 */
#define rdmsrl(msr, val) ((val) = 0)
#define MSR_FS_BASE 0xc0000100
#define MSR_GS_BASE 0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102

/* arch/x86_64/kernel/ptrace.c: the linear address of a user rip; the
 * simulation has no LDT code segments: rip itself */
#define convert_rip_to_linear(child, regs) ((regs)->rip)

/* include/linux/mm.h: a fault the glue drives hits no VMA; the handlers
 * a found one would reach */
#define expand_stack(vma, address) (-ENOMEM)
#define handle_mm_fault(mm, vma, address, write) VM_FAULT_SIGBUS
#define VM_FAULT_OOM 0x00
#define VM_FAULT_SIGBUS 0x01
#define VM_FAULT_MINOR 0x02
#define VM_FAULT_MAJOR 0x03
#define install_arg_page(vma, page, address) ((void)(page))

/* arch/x86_64/kernel/traps.c's stack printers over an empty stack */
static int kstack_depth_to_print = 12;
static void show_trace(struct task_struct *tsk, struct pt_regs *regs,
		       unsigned long *stack)
{
	(void)tsk;
	(void)regs;
	(void)stack;
	printk("\nCall Trace:\n");
	printk("\n");
}

static void _show_stack(struct task_struct *tsk, struct pt_regs *regs,
			unsigned long *rsp)
{
	show_trace(tsk, regs, rsp);
}

#endif /* VZSIM_HARNESS_X86_64_H */
