/* arch/demo/mm/init.c (ported) */
void show_mem(void)
{
	printk("Mem-info:\n");
}
EXPORT_SYMBOL(show_mem);

unsigned long cpu_khz;
EXPORT_SYMBOL(cpu_khz);

static void setup_rbs(struct mm_struct *mm)
{
	struct vm_area_struct *vma = kmem_cache_alloc(vm_area_cachep, GFP_KERNEL);

	vma->vm_flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE;
	if (ub_memory_charge(mm, PAGE_SIZE, vma->vm_flags, NULL, UB_SOFT))
		return;
	if (insert_vm_struct(mm, vma))
		ub_memory_uncharge(mm, PAGE_SIZE, vma->vm_flags, NULL);
}
