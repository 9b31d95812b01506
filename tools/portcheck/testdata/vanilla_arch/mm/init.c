/* arch/demo/mm/init.c (vanilla) */
void show_mem(void)
{
	printk("Mem-info:\n");
}

unsigned long cpu_khz;

static void setup_rbs(struct mm_struct *mm)
{
	struct vm_area_struct *vma = kmem_cache_alloc(vm_area_cachep, GFP_KERNEL);

	vma->vm_flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE;
	insert_vm_struct(mm, vma);
}

static void setup_nat_page(struct mm_struct *mm)
{
	struct vm_area_struct *vma = kmem_cache_alloc(vm_area_cachep, GFP_KERNEL);

	vma->vm_flags = VM_READ | VM_MAYREAD | VM_RESERVED;
	insert_vm_struct(mm, vma);
}
