/*
 * arch/i386/kernel/sysenter.c: arch_setup_additional_pages(), the vDSO
 * page exec maps into every new i386 image (rule R1).
 *
 * 028stab left this page uncharged: it is read-only, but its vm_flags take
 * mm->def_flags, so after mlockall(MCL_FUTURE) it carries VM_LOCKED, and
 * the uncharge when it is unmapped at exit takes lockedpages below zero.
 * This teaching port charges it, as 028stab's x86_64 charges its compat
 * page (arch/x86_64/ia32/syscall32.c: syscall32_setup_pages()); a real
 * 028stab tree run through the checks fails R1 here.
 */
#include <linux/binfmts.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <ub/ub_vmpages.h>

/* The vDSO's page operations (its nopage handler in the kernel). */
static const struct vm_operations_struct *syscall_vm_ops;

#define IS_ERR_VALUE(x) ((x) >= (unsigned long)-4095)

/* Set up a VMA at program startup for the vsyscall page */
int arch_setup_additional_pages(struct linux_binprm *bprm, int exstack)
{
	struct vm_area_struct *vma;
	struct mm_struct *mm = current->mm;
	unsigned long addr;
	unsigned long flags;
	int ret;

	(void)bprm;
	(void)exstack;
	down_write(&mm->mmap_sem);
	addr = get_unmapped_area(NULL, 0, PAGE_SIZE, 0, 0);
	if (IS_ERR_VALUE(addr)) {
		ret = addr;
		goto up_fail;
	}

	/* MAYWRITE to allow gdb to COW and set breakpoints */
	flags = VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYEXEC | VM_MAYWRITE;
	flags |= mm->def_flags | VM_DONTEXPAND;
	ret = -ENOMEM;
	if (ub_memory_charge(mm, PAGE_SIZE, flags, NULL, UB_SOFT))
		goto up_fail;

	vma = kmem_cache_zalloc(vm_area_cachep, SLAB_KERNEL);
	if (!vma)
		goto uncharge;

	vma->vm_start = addr;
	vma->vm_end = addr + PAGE_SIZE;
	vma->vm_flags = flags;
	vma->vm_page_prot = protection_map[vma->vm_flags & 7];
	vma->vm_ops = syscall_vm_ops;
	vma->vm_mm = mm;

	ret = insert_vm_struct(mm, vma);
	if (ret) {
		kmem_cache_free(vm_area_cachep, vma);
		goto uncharge;
	}

	current->mm->context.vdso = (void *)addr;
	mm->total_vm++;
	up_write(&mm->mmap_sem);
	return 0;

uncharge:
	ub_memory_uncharge(mm, PAGE_SIZE, flags, NULL);
up_fail:
	up_write(&mm->mmap_sem);
	return ret;
}
