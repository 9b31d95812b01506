/*
 * include/asm-sparc64/irq.h: the interrupt buckets. A device's interrupt
 * arrives as a vector; the vector trap's assembly chains its bucket on the
 * CPU's work list and raises a soft interrupt at the bucket's level
 * (PIL), whose handler, handler_irq(), runs the chain.
 */
#ifndef VZSIM_ARCH_SPARC64_ASM_IRQ_H
#define VZSIM_ARCH_SPARC64_ASM_IRQ_H

#define NR_IRQS 256
#define NUM_IVECS 2048

#include <linux/threads.h>

struct ino_bucket {
	unsigned int irq_chain; /* the next bucket on the list, or 0 */
	unsigned int virt_irq;	/* the line __do_IRQ() runs */
};

extern struct ino_bucket ivector_table[NUM_IVECS];
/* the CPUs' work lists: the first bucket's index + 1, or 0 */
extern unsigned int irq_work_list[NR_CPUS];

#define __irq_ino(bucket) ((unsigned int)((bucket) - &ivector_table[0]) + 1)
static inline struct ino_bucket *__bucket(unsigned int x)
{
	return x ? &ivector_table[x - 1] : (struct ino_bucket *)0;
}
#define irq_work(cpu) (&irq_work_list[(cpu)])

#endif /* VZSIM_ARCH_SPARC64_ASM_IRQ_H */
