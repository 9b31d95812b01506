/*
 * arch/i386/kernel/irq.c: do_IRQ(), the C part of every hardware
 * interrupt, as 028stab has it (identical to vanilla 2.6.18): the switch
 * to ve0 / ub0 is irq_enter()'s, not the architecture's. The model runs
 * __do_IRQ() on the interrupted stack (CONFIG_4KSTACKS' switch to the
 * per-CPU IRQ stack changes no context).
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
