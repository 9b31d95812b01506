/*
 * include/linux/mm.h: struct vm_area_struct, one mapping of an address
 * space, and the vm_flags that describe it. struct mm_struct, the address
 * space, is in linux/sched.h, as in the kernel.
 *
 * An address space's VMAs are in address order on the mm->mmap list, linked
 * through vm_next. The operations on them are the model's (kernel/mmap.h);
 * each charges the mm's beancounter (mm->mm_ub).
 */
#ifndef VZSIM_INCLUDE_LINUX_MM_H
#define VZSIM_INCLUDE_LINUX_MM_H

#ifdef __cplusplus
#include "../asm/page.h"
#else
#include <asm/page.h> /* an architecture's own, where it has one */
#endif
#include "sched.h"
#include "types.h"

struct file;
struct vm_operations_struct;

typedef struct {
	unsigned long pgprot;
} pgprot_t;

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
#define VM_GROWSUP 0x00000200	 /* ia64's register backing store */
#define VM_IO 0x00004000	 /* memory-mapped I/O or similar */
#define VM_LOCKED 0x00002000	 /* mlock()ed */
#define VM_DONTEXPAND 0x00040000 /* mremap() may not grow it */
#define VM_RESERVED 0x00080000	 /* special (I/O, the kernel's own) */
#define VM_ACCOUNT 0x00100000	 /* counted as committed memory */

#ifndef VM_DATA_DEFAULT_FLAGS /* asm/page.h may give its own */
#define VM_DATA_DEFAULT_FLAGS                                                  \
	(VM_READ | VM_WRITE | VM_EXEC | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)
#endif
#define VM_STACK_FLAGS (VM_GROWSDOWN | VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT)

/*
 * The fields the model uses, of the kernel's larger structure. Every field
 * is guarded by vm_mm->mmap_sem (write to change, read to look).
 */
struct vm_area_struct {
	struct mm_struct *vm_mm;	/* the address space it belongs to */
	unsigned long vm_start;		/* first byte */
	unsigned long vm_end;		/* one past the last byte */
	struct vm_area_struct *vm_next; /* the next one up, or NULL */
	unsigned long vm_flags;
	unsigned long vm_pgoff; /* offset in vm_file, in pages */
	struct file *vm_file;	/* NULL for an anonymous mapping */
	pgprot_t vm_page_prot;	/* the page protection of its PTEs */
	const struct vm_operations_struct *vm_ops; /* a special mapping's */
};

#ifdef __cplusplus
extern "C" {
#endif

/* vma_pages(): the pages a VMA spans. */
#define vma_pages(vma) (((vma)->vm_end - (vma)->vm_start) >> PAGE_SHIFT)

/* The page protection for vm_flags & 0xf (mm/mmap.c). */
extern pgprot_t protection_map[16];

/*
 * mm/mmap.c: insert_vm_struct(): links a VMA built by hand into `mm`,
 * which then owns it. It charges nothing: the caller charges first
 * (ub_memory_charge()) and uncharges if this fails. -ENOMEM if it overlaps
 * a mapping; -EINVAL for an empty, unaligned or out-of-range one. Needs
 * mm->mmap_sem held for writing.
 */
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
#ifdef __clang__
    __attribute__((requires_capability(mm->mmap_sem)))
#endif
    ;
/* mm/mmap.c: do_munmap(): unmaps [start, start + len), uncharging it. */
int do_munmap(struct mm_struct *mm, unsigned long start, __SIZE_TYPE__ len)
#ifdef __clang__
    __attribute__((requires_capability(mm->mmap_sem)))
#endif
    ;
/*
 * mm/mmap.c: get_unmapped_area(): a free range of `len` bytes of current's
 * address space (`addr` is a hint), or -ENOMEM as an unsigned long. The
 * caller holds current->mm->mmap_sem for writing.
 */
/*
 * mm/mmap.c: find_vma(): the first VMA that ends above `addr`, or NULL.
 * Needs mm->mmap_sem held.
 */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
unsigned long get_unmapped_area(struct file *file, unsigned long addr,
				unsigned long len, unsigned long pgoff,
				unsigned long flags);

#ifdef __cplusplus
}
#endif

#endif /* VZSIM_INCLUDE_LINUX_MM_H */
