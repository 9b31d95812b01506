/*
 * include/asm/irq.h: the number of interrupt lines (the same for the four
 * modelled architectures in the model).
 */
#ifndef VZSIM_INCLUDE_ASM_IRQ_H
#define VZSIM_INCLUDE_ASM_IRQ_H

#define NR_IRQS 256

#endif /* VZSIM_INCLUDE_ASM_IRQ_H */
