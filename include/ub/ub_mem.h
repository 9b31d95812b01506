/*
 * include/ub/ub_mem.h: kmemsize, the kernel memory a beancounter's tasks
 * make the kernel allocate (task structures, address spaces, VMAs, queued
 * signals, ...). Each object is charged to the exec beancounter of the task
 * that allocates it, and given back to the same beancounter when freed.
 *
 *	if (ub_kmemsize_charge(get_exec_ub(), size, UB_HARD))
 *		return NULL;
 *	...
 *	ub_kmemsize_uncharge(ub, size);
 *
 * Small charges of a task's own beancounter go through its reserve
 * (task_bc.kmem_precharged), refilled 16 KiB at a time: kmemsize.held moves
 * in steps of that quantum, and what a task frees stays in its reserve until
 * it holds two quanta.
 */
#ifndef VZSIM_INCLUDE_UB_UB_MEM_H
#define VZSIM_INCLUDE_UB_UB_MEM_H

#include "beancounter.h"

/* The reserve's quantum: 4 pages. */
#define UB_KMEM_QUANT (4096UL * 4)

#ifdef __cplusplus
extern "C" {
#endif

/* For current: 0, or -ENOMEM (refused), -EINVAL for a NULL ub. */
int ub_kmemsize_charge(struct user_beancounter *ub, unsigned long size,
		       enum ub_severity strict);
void ub_kmemsize_uncharge(struct user_beancounter *ub, unsigned long size);

#ifdef __cplusplus
}
#endif

#endif /* VZSIM_INCLUDE_UB_UB_MEM_H */
