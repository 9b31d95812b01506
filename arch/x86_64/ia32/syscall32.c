/*
 * arch/x86_64/ia32/syscall32.c: syscall32_setup_pages(), the compat
 * vsyscall page exec maps into a 32-bit image (rule R1). 028stab charges
 * it (UB_SOFT) before building it, with the flags the VMA gets, though it
 * is read-only and exec's new mm has empty def_flags (kernel/fork.c:
 * mm_init()): a charge of nothing in practice, which keeps charge and the
 * uncharge at unmap on the same flags. A refused charge fails the exec
 * with -ENOMEM.
 */
#include <linux/binfmts.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <ub/ub_vmpages.h>
#include <asm/segment.h>

/* The page's operations (its nopage handler in the kernel). */
static const struct vm_operations_struct *syscall32_vm_ops;

/* Maps the compat vsyscall page into a new 32-bit image. */
int syscall32_setup_pages(struct linux_binprm *bprm, int exstack)
{
	int npages = (VSYSCALL32_END - VSYSCALL32_BASE) >> PAGE_SHIFT;
	struct vm_area_struct *vma;
	struct mm_struct *mm = current->mm;
	unsigned long flags;
	int ret;

	(void)bprm;
	(void)exstack;
	flags = VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYEXEC | VM_MAYWRITE |
		mm->def_flags | VM_DONTEXPAND;

	ret = -ENOMEM;
	if (ub_memory_charge(mm, VSYSCALL32_END - VSYSCALL32_BASE, flags, NULL,
			     UB_SOFT))
		goto err_charge;

	vma = kmem_cache_alloc(vm_area_cachep, SLAB_KERNEL);
	if (!vma)
		goto err_alloc;

	memset(vma, 0, sizeof(struct vm_area_struct));
	vma->vm_start = VSYSCALL32_BASE;
	vma->vm_end = VSYSCALL32_END;
	/* VM_MAYWRITE: a debugger may set breakpoints (COW) */
	vma->vm_flags = flags;
	vma->vm_page_prot = protection_map[vma->vm_flags & 7];
	vma->vm_ops = syscall32_vm_ops;
	vma->vm_mm = mm;

	down_write(&mm->mmap_sem);
	if ((ret = insert_vm_struct(mm, vma)))
		goto err_ins;
	mm->total_vm += npages;
	up_write(&mm->mmap_sem);
	return 0;

err_ins:
	up_write(&mm->mmap_sem);
	kmem_cache_free(vm_area_cachep, vma);
err_alloc:
	ub_memory_uncharge(mm, VSYSCALL32_END - VSYSCALL32_BASE, flags, NULL);
err_charge:
	return ret;
}
