/*
 * arch/i386/kernel/sysenter.c: arch_setup_additional_pages(), the vDSO
 * page exec maps into every new i386 image (rule R1).
 *
 * 028stab only added VM_DONTEXPAND here and charged nothing, rightly: the
 * page is read-only, so it is not private memory (VM_UB_PRIVATE), and exec
 * builds it in the image's new mm, whose def_flags mm_init() (kernel/fork.c)
 * has cleared, so it is never VM_LOCKED either. Unmapping it at exit
 * uncharges nothing for the same two reasons.
 */
#include <linux/binfmts.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>

/* The vDSO's page operations (its nopage handler in the kernel). */
static const struct vm_operations_struct *syscall_vm_ops;

#define IS_ERR_VALUE(x) ((x) >= (unsigned long)-4095)

/* Maps the vDSO page wherever there is room in the new image. */
int arch_setup_additional_pages(struct linux_binprm *bprm, int exstack)
{
	struct vm_area_struct *vma;
	struct mm_struct *mm = current->mm;
	unsigned long addr;
	int ret;

	(void)bprm;
	(void)exstack;
	down_write(&mm->mmap_sem);
	addr = get_unmapped_area(NULL, 0, PAGE_SIZE, 0, 0);
	if (IS_ERR_VALUE(addr)) {
		ret = addr;
		goto up_fail;
	}

	vma = kmem_cache_zalloc(vm_area_cachep, SLAB_KERNEL);
	if (!vma) {
		ret = -ENOMEM;
		goto up_fail;
	}

	vma->vm_start = addr;
	vma->vm_end = addr + PAGE_SIZE;
	/* VM_MAYWRITE: a debugger may set breakpoints (COW) */
	vma->vm_flags =
	    VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYEXEC | VM_MAYWRITE;
	vma->vm_flags |= mm->def_flags | VM_DONTEXPAND;
	vma->vm_page_prot = protection_map[vma->vm_flags & 7];
	vma->vm_ops = syscall_vm_ops;
	vma->vm_mm = mm;

	ret = insert_vm_struct(mm, vma);
	if (ret) {
		kmem_cache_free(vm_area_cachep, vma);
		goto up_fail;
	}

	current->mm->context.vdso = (void *)addr;
	mm->total_vm++;
up_fail:
	up_write(&mm->mmap_sem);
	return ret;
}
