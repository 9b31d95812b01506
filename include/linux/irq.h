/*
 * include/linux/irq.h: what an architecture's do_IRQ() calls between
 * irq_enter() and irq_exit().
 */
#ifndef VZSIM_INCLUDE_LINUX_IRQ_H
#define VZSIM_INCLUDE_LINUX_IRQ_H

#include "../asm/irq.h"

struct pt_regs;

#ifdef __cplusplus
extern "C" {
#endif

/*
 * kernel/irq/handle.c: __do_IRQ(): runs the handlers of `irq`; returns 1.
 * A line nobody requested is reported as ack_bad_irq() reports it.
 */
unsigned int __do_IRQ(unsigned int irq, struct pt_regs *regs);

#ifdef __cplusplus
}
#endif

#endif /* VZSIM_INCLUDE_LINUX_IRQ_H */
