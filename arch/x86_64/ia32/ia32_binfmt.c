/*
 * arch/x86_64/ia32/ia32_binfmt.c: ia32_setup_arg_pages(), the stack of a
 * 32-bit image, built by hand (rule R1). 028stab charges the writable
 * private stack to privvmpages (UB_SOFT) before building it; a refused
 * charge fails the exec with -ENOMEM. The argument pages themselves
 * (install_arg_page()) are not modelled.
 */
#include <linux/binfmts.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <ub/ub_vmpages.h>
#include <asm/segment.h>

int ia32_setup_arg_pages(struct linux_binprm *bprm, unsigned long stack_top,
			 int executable_stack)
{
	unsigned long stack_base;
	struct vm_area_struct *mpnt;
	struct mm_struct *mm = current->mm;
	int ret;

	stack_base = stack_top - MAX_ARG_PAGES * PAGE_SIZE;
	mm->arg_start = bprm->p + stack_base;

	bprm->p += stack_base;
	if (bprm->loader)
		bprm->loader += stack_base;
	bprm->exec += stack_base;

	ret = -ENOMEM;
	if (ub_memory_charge(mm,
			     stack_top - (PAGE_MASK & (unsigned long)bprm->p),
			     VM_STACK_FLAGS, NULL, UB_SOFT))
		goto err_charge;

	mpnt = kmem_cache_alloc(vm_area_cachep, SLAB_KERNEL);
	if (!mpnt)
		goto err_alloc;

	memset(mpnt, 0, sizeof(*mpnt));

	down_write(&mm->mmap_sem);
	{
		mpnt->vm_mm = mm;
		mpnt->vm_start = PAGE_MASK & (unsigned long)bprm->p;
		mpnt->vm_end = stack_top;
		if (executable_stack == EXSTACK_ENABLE_X)
			mpnt->vm_flags = VM_STACK_FLAGS | VM_EXEC;
		else if (executable_stack == EXSTACK_DISABLE_X)
			mpnt->vm_flags = VM_STACK_FLAGS & ~VM_EXEC;
		else
			mpnt->vm_flags = VM_STACK_FLAGS;
		mpnt->vm_page_prot =
		    (mpnt->vm_flags & VM_EXEC) ? PAGE_COPY_EXEC : PAGE_COPY;
		if ((ret = insert_vm_struct(mm, mpnt)))
			goto err_insert;
		mm->stack_vm = mm->total_vm = vma_pages(mpnt);
	}
	up_write(&mm->mmap_sem);

	return 0;

err_insert:
	up_write(&mm->mmap_sem);
	kmem_cache_free(vm_area_cachep, mpnt);
err_alloc:
	ub_memory_uncharge(mm, stack_top - (PAGE_MASK & (unsigned long)bprm->p),
			   VM_STACK_FLAGS, NULL);
err_charge:
	return ret;
}
EXPORT_SYMBOL(ia32_setup_arg_pages);
