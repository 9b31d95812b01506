/*
 * vanilla 2.6.18 arch/i386/kernel/irq.c: do_IRQ(), the same code as
 * 028stab's; what differs is what irq_enter() and irq_exit() do without
 * CONFIG_VE (kernel/softirq.c here).
 */
#include <linux/compiler.h>
#include <linux/hardirq.h>
#include <linux/irq.h>
#include <linux/kernel.h>
#include <asm/ptrace.h>

fastcall unsigned int do_IRQ(struct pt_regs *regs)
{
	/* the entry stub pushed ~vector */
	int irq = ~regs->orig_eax;

	if (unlikely((unsigned)irq >= NR_IRQS)) {
		printk(KERN_EMERG "%s: cannot handle IRQ %d\n", "do_IRQ", irq);
		BUG();
		return 1;
	}

	irq_enter();
	__do_IRQ(irq, regs);
	irq_exit();
	return 1;
}
