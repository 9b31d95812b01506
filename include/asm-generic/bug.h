/*
 * include/asm-generic/bug.h: BUG() and WARN_ON(). The simulation never
 * stops: a BUG logs i386's "kernel BUG at %s:%d!" line to the host log and
 * the caller goes on, so that tests can see it.
 */
#ifndef VZSIM_INCLUDE_ASM_GENERIC_BUG_H
#define VZSIM_INCLUDE_ASM_GENERIC_BUG_H

#define BUG()                                                                  \
	do {                                                                   \
		printk("kernel BUG at %s:%d!\n", __FILE__, __LINE__);          \
	} while (0)

#define BUG_ON(condition)                                                      \
	do {                                                                   \
		if (condition)                                                 \
			BUG();                                                 \
	} while (0)

#endif /* VZSIM_INCLUDE_ASM_GENERIC_BUG_H */
