/*
 * include/ub/ub_vmpages.h: charging a mapping to the mm's beancounter.
 *
 *	if (ub_memory_charge(mm, len, vm_flags, NULL, UB_SOFT))
 *		return -ENOMEM;			(nothing was charged)
 *	if (insert_vm_struct(mm, vma)) {
 *		ub_memory_uncharge(mm, len, vm_flags, NULL);
 *		...
 *	}
 *
 * VM_LOCKED charges lockedpages; a private writable mapping (VM_WRITE, and
 * anonymous or not VM_SHARED) charges privvmpages; anything else charges
 * nothing. Unmapping a VMA uncharges it by the same tests, so a VMA built
 * by hand that was not charged under them underflows at exit.
 */
#ifndef VZSIM_INCLUDE_UB_UB_VMPAGES_H
#define VZSIM_INCLUDE_UB_UB_VMPAGES_H

#include "beancounter.h"

struct mm_struct;
struct file;

#ifdef __cplusplus
extern "C" {
#endif

/* 0, or -ENOMEM with nothing charged; -EINVAL for a null mm. */
int ub_memory_charge(struct mm_struct *mm, unsigned long size,
		     unsigned long vm_flags, struct file *vm_file,
		     enum ub_severity strict);
void ub_memory_uncharge(struct mm_struct *mm, unsigned long size,
			unsigned long vm_flags, struct file *vm_file);

#ifdef __cplusplus
}
#endif

#endif /* VZSIM_INCLUDE_UB_UB_VMPAGES_H */
