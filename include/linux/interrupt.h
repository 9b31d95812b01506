/*
 * include/linux/interrupt.h: interrupt handlers and softirqs.
 *
 *	open_softirq(NET_RX_SOFTIRQ, net_rx_action, NULL);
 *	raise_softirq(NET_RX_SOFTIRQ);	(from a handler: runs at irq_exit())
 *
 * A softirq raised outside interrupt context stays pending until the next
 * irq_exit(), local_bh_enable() or do_softirq(): 028stab wakes ksoftirqd
 * only when the debug.ksoftirqd sysctl is set, which the model does not
 * have. Softirqs run with the exec env set to ve0 for the whole run and
 * the exec ub set to ub0 around each pass over the pending vectors
 * (kernel/softirq.c: __do_softirq()), lowest vector first, at most 10
 * passes.
 */
#ifndef VZSIM_INCLUDE_LINUX_INTERRUPT_H
#define VZSIM_INCLUDE_LINUX_INTERRUPT_H

#include "hardirq.h"

struct pt_regs;

typedef int irqreturn_t;
#define IRQ_NONE (0)
#define IRQ_HANDLED (1)

/* request_irq() flags */
#define SA_INTERRUPT 0x20000000 /* run with interrupts off */
#define SA_SHIRQ 0x04000000	/* the line may be shared */

enum {
	HI_SOFTIRQ = 0,
	TIMER_SOFTIRQ,
	NET_TX_SOFTIRQ,
	NET_RX_SOFTIRQ,
	BLOCK_SOFTIRQ,
	TASKLET_SOFTIRQ
};

struct softirq_action {
	void (*action)(struct softirq_action *);
	void *data;
};

#ifdef __cplusplus
extern "C" {
#endif

/*
 * request_irq(): adds `handler` to line `irq`. -EINVAL for a bad line or
 * no handler; the model also answers -ESRCH on a thread without a CPU.
 */
int request_irq(unsigned int irq,
		irqreturn_t (*handler)(int, void *, struct pt_regs *),
		unsigned long irqflags, const char *devname, void *dev_id);
void free_irq(unsigned int irq, void *dev_id);

void open_softirq(int nr, void (*action)(struct softirq_action *), void *data);
void raise_softirq_irqoff(unsigned int nr);
void raise_softirq(unsigned int nr);
void do_softirq(void);
/* This CPU's pending softirq vectors, one bit each. */
unsigned int local_softirq_pending(void);

void local_bh_disable(void);
void local_bh_enable(void);

#ifdef __cplusplus
}
#endif

#endif /* VZSIM_INCLUDE_LINUX_INTERRUPT_H */
