/*
 * arch/ia64/kernel/irq_ia64.c: ia64_handle_irq(), the C part of every
 * external interrupt, as 028stab has it (identical to vanilla 2.6.18):
 * irq_enter() makes the switch to ve0 / ub0. The task-priority register
 * juggling is not modelled.
 */
#include <linux/hardirq.h>
#include <linux/irq.h>
#include <asm/ptrace.h>

void ia64_handle_irq(ia64_vector vector, struct pt_regs *regs)
{
	irq_enter();
	while (vector != IA64_SPURIOUS_INT_VECTOR) {
		__do_IRQ(local_vector_to_irq(vector), regs);
		ia64_eoi();
		vector = ia64_get_ivr();
	}
	irq_exit();
}
