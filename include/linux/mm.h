/*
 * include/linux/mm.h: struct vm_area_struct, one mapping of an address
 * space, and the vm_flags that describe it. struct mm_struct, the address
 * space, is in linux/sched.h, as in the kernel.
 *
 * An address space's VMAs are in address order on the mm->mmap list, linked
 * through vm_next, and guarded by mm->mmap_sem (write to change, read to
 * look). The operations on them are the model's (kernel/mmap.h); each charges
 * the mm's beancounter (mm->mm_ub).
 */
#ifndef VZSIM_INCLUDE_LINUX_MM_H
#define VZSIM_INCLUDE_LINUX_MM_H

#include "../asm/page.h"
#include "sched.h"
#include "types.h"

struct file;

/* vm_flags */
#define VM_READ 0x00000001
#define VM_WRITE 0x00000002
#define VM_EXEC 0x00000004
#define VM_SHARED 0x00000008
#define VM_MAYREAD 0x00000010
#define VM_MAYWRITE 0x00000020
#define VM_MAYEXEC 0x00000040
#define VM_MAYSHARE 0x00000080
#define VM_GROWSDOWN 0x00000100	 /* a stack: grows down on a fault */
#define VM_LOCKED 0x00002000	 /* mlock()ed */
#define VM_DONTEXPAND 0x00040000 /* mremap() may not grow it */
#define VM_RESERVED 0x00080000	 /* special (I/O, the kernel's own) */

/* The fields the model uses, of the kernel's larger structure. */
struct vm_area_struct {
	struct mm_struct *vm_mm;	/* the address space it belongs to */
	unsigned long vm_start;		/* first byte */
	unsigned long vm_end;		/* one past the last byte */
	struct vm_area_struct *vm_next; /* the next one up, or NULL */
	unsigned long vm_flags;
	unsigned long vm_pgoff; /* offset in vm_file, in pages */
	struct file *vm_file;	/* NULL for an anonymous mapping */
};

#endif /* VZSIM_INCLUDE_LINUX_MM_H */
