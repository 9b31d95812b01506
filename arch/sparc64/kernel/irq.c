/*
 * arch/sparc64/kernel/irq.c: handler_irq(), the soft interrupt that runs a
 * CPU's pending interrupt buckets, as 028stab has it (identical to vanilla
 * 2.6.18): irq_enter() makes the switch to ve0 / ub0.
 */
#include <linux/hardirq.h>
#include <linux/irq.h>
#include <linux/smp.h>
#include <asm/irq.h>
#include <asm/ptrace.h>

struct ino_bucket ivector_table[NUM_IVECS];
unsigned int irq_work_list[NR_CPUS];

#define clear_softint(bits)                                                    \
	do {                                                                   \
	} while (0)

static unsigned int xchg32(unsigned int *m, unsigned int val)
{
	unsigned int old = *m;

	*m = val;
	return old;
}

void handler_irq(int irq, struct pt_regs *regs)
{
	struct ino_bucket *bucket;

	clear_softint(1 << irq);

	irq_enter();

	bucket = __bucket(xchg32(irq_work(smp_processor_id()), 0));
	while (bucket) {
		struct ino_bucket *next = __bucket(bucket->irq_chain);

		bucket->irq_chain = 0;
		__do_IRQ(bucket->virt_irq, regs);

		bucket = next;
	}

	irq_exit();
}
