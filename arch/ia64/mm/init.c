/*
 * arch/ia64/mm/init.c: ia64_init_addr_space(), the register backing store
 * and the NaT page exec maps into every new ia64 image (rule R1).
 *
 * 028stab charges the backing store (a private writable page) with
 * UB_SOFT, and on a refusal skips it silently: the process gets a SIGSEGV
 * the first time it spills registers. The NaT page at address zero is
 * read-only, never charged.
 */
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/personality.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <ub/ub_vmpages.h>

/* The model's address space is x86_64's: the stack ends below STACK_TOP,
 * and RLIMIT_STACK is 8 MiB. */
#define STACK_TOP 0x7ffffffff000UL
#define MAX_USER_STACK_SIZE (8UL << 20)

void ia64_set_rbs_bot(void)
{
	unsigned long stack_size = MAX_USER_STACK_SIZE & -16;

	current->thread.rbs_bot = PAGE_ALIGN(STACK_TOP - stack_size);
}

/*
 * Exec's ia64 part of a new address space: one page of register backing
 * store (it grows up from rbs_bot) and, unless the personality keeps page
 * zero for itself (MMAP_PAGE_ZERO), the NaT page at address zero.
 */
void ia64_init_addr_space(void)
{
	struct vm_area_struct *vma;

	ia64_set_rbs_bot();

	if (ub_memory_charge(current->mm, PAGE_SIZE, VM_DATA_DEFAULT_FLAGS,
			     NULL, UB_SOFT))
		goto skip;

	/* without memory for the VMA the process does without a backing
	 * store until it first writes one */
	vma = kmem_cache_alloc(vm_area_cachep, SLAB_KERNEL);
	if (vma) {
		memset(vma, 0, sizeof(*vma));
		vma->vm_mm = current->mm;
		vma->vm_start = current->thread.rbs_bot & PAGE_MASK;
		vma->vm_end = vma->vm_start + PAGE_SIZE;
		vma->vm_page_prot = protection_map[VM_DATA_DEFAULT_FLAGS & 0x7];
		vma->vm_flags = VM_DATA_DEFAULT_FLAGS | VM_GROWSUP | VM_ACCOUNT;
		down_write(&current->mm->mmap_sem);
		if (insert_vm_struct(current->mm, vma)) {
			up_write(&current->mm->mmap_sem);
			kmem_cache_free(vm_area_cachep, vma);
			ub_memory_uncharge(current->mm, PAGE_SIZE,
					   VM_DATA_DEFAULT_FLAGS, NULL);
			return;
		}
		up_write(&current->mm->mmap_sem);
	} else
		ub_memory_uncharge(current->mm, PAGE_SIZE,
				   VM_DATA_DEFAULT_FLAGS, NULL);

skip:
	/* the NaT page at address zero, for speculative loads through NULL */
	if (!(current->personality & MMAP_PAGE_ZERO)) {
		vma = kmem_cache_alloc(vm_area_cachep, SLAB_KERNEL);
		if (vma) {
			memset(vma, 0, sizeof(*vma));
			vma->vm_mm = current->mm;
			vma->vm_end = PAGE_SIZE;
			vma->vm_page_prot =
			    __pgprot(pgprot_val(PAGE_READONLY) | _PAGE_MA_NAT);
			vma->vm_flags =
			    VM_READ | VM_MAYREAD | VM_IO | VM_RESERVED;
			down_write(&current->mm->mmap_sem);
			if (insert_vm_struct(current->mm, vma)) {
				up_write(&current->mm->mmap_sem);
				kmem_cache_free(vm_area_cachep, vma);
				return;
			}
			up_write(&current->mm->mmap_sem);
		}
	}
}
