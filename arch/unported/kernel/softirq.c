/*
 * vanilla 2.6.18 kernel/softirq.c: irq_exit() before OpenVZ, which added
 * restore_context() at its top. With irq_enter() built without CONFIG_VE
 * (no save_context()), an interrupt runs in whatever context it arrived
 * in: the interrupted VE's.
 */
#include <linux/hardirq.h>
#include <linux/interrupt.h>

void irq_exit(void)
{
	sub_preempt_count(IRQ_EXIT_OFFSET);
	if (!in_interrupt() && local_softirq_pending())
		do_softirq();
}
