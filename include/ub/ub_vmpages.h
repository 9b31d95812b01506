/*
 * include/ub/ub_vmpages.h: charging address spaces to beancounters. Every
 * mapping is charged to its mm's beancounter (mm->mm_ub) when it is made,
 * and uncharged under the same flags when it goes:
 *
 *	if (ub_memory_charge(mm, len, vma->vm_flags, vma->vm_file, UB_SOFT))
 *		goto fail;			(-ENOMEM: nothing stays charged)
 *	if (insert_vm_struct(mm, vma)) {
 *		ub_memory_uncharge(mm, len, vma->vm_flags, vma->vm_file);
 *		goto fail;
 *	}
 *
 * A VM_LOCKED mapping charges lockedpages at every level of the hierarchy;
 * a private writable one (VM_UB_PRIVATE) charges privvmpages, on the top
 * beancounter only, as pages still unused. Kernel-built mappings pass
 * UB_SOFT; UB_FORCE is a kernel BUG.
 */
#ifndef VZSIM_INCLUDE_UB_UB_VMPAGES_H
#define VZSIM_INCLUDE_UB_UB_VMPAGES_H

#include "beancounter.h"

struct file;
struct mm_struct;
struct vm_area_struct;

/*
 * A private or copy-on-write mapping: writable, and either anonymous (even
 * shared: until shmem takes it over) or not shared.
 */
#define VM_UB_PRIVATE(__flags, __file)                                         \
	(((__flags)&VM_WRITE) ? (__file) == NULL || !((__flags)&VM_SHARED) : 0)

/* What ub_protected_charge() did. */
#define PRIVVM_ERROR -1
#define PRIVVM_NO_CHARGE 0
#define PRIVVM_TO_PRIVATE 1
#define PRIVVM_TO_SHARED 2

/* Resident pages are weighted by 2^24, split between beancounters. */
#define UB_PAGE_WEIGHT_SHIFT 24

#ifdef __cplusplus
extern "C" {
#endif

/*
 * ub_memory_charge(): `size` bytes (whole pages; a partial one is not
 * counted) of a mapping with `vm_flags` and `vm_file`, at strictness
 * UB_HARD or UB_SOFT. 0, -ENOMEM (nothing stays charged), or -EINVAL for a
 * NULL mm, a size too large, or UB_FORCE (a kernel BUG).
 */
int ub_memory_charge(struct mm_struct *mm, unsigned long size,
		     unsigned vm_flags, struct file *vm_file, int strict);
/* Takes back what ub_memory_charge() charged for the same arguments. */
void ub_memory_uncharge(struct mm_struct *mm, unsigned long size,
			unsigned vm_flags, struct file *vm_file);
/* mlock(): lockedpages, UB_HARD, every level. 0 or -ENOMEM. */
int ub_locked_charge(struct mm_struct *mm, unsigned long size);
void ub_locked_uncharge(struct mm_struct *mm, unsigned long size);
/*
 * ub_protected_charge(): mprotect() of `size` pages of `vma` to `newflags`.
 * Becoming writable charges privvmpages UB_SOFT (PRIVVM_TO_PRIVATE, or
 * PRIVVM_ERROR if refused); becoming read-only is PRIVVM_TO_SHARED, to be
 * given back with __ub_unused_privvm_dec() once the change is made.
 */
int ub_protected_charge(struct mm_struct *mm, unsigned long size,
			unsigned long newflags, struct vm_area_struct *vma);
/* Gives back `sz` unused private pages of mm's top beancounter. */
void __ub_unused_privvm_dec(struct mm_struct *mm, long sz);
/* privvmpages.held := held pages + unused private pages + shmpages.held. */
void __ub_update_privvm(struct user_beancounter *ub)
#ifdef __clang__
    __attribute__((requires_capability(ub->ub_lock)))
#endif
    ;

#ifdef __cplusplus
}
#endif

#endif /* VZSIM_INCLUDE_UB_UB_VMPAGES_H */
