/*
 * arch/x86_64/kernel/irq.c: do_IRQ(), as 028stab has it (identical to
 * vanilla 2.6.18): irq_enter() makes the switch to ve0 / ub0.
 */
#include <linux/compiler.h>
#include <linux/hardirq.h>
#include <linux/irq.h>
#include <linux/kernel.h>
#include <asm/ptrace.h>

asmlinkage unsigned int do_IRQ(struct pt_regs *regs)
{
	/* the entry code stores the vector complemented: undo it */
	unsigned irq = ~regs->orig_rax;

	if (unlikely(irq >= NR_IRQS)) {
		printk(KERN_EMERG "%s: cannot handle IRQ %d\n", "do_IRQ", irq);
		BUG();
		return 1;
	}

	irq_enter();
	__do_IRQ(irq, regs);
	irq_exit();

	return 1;
}
