/* arch/demo/mm/fault.c (ported) */
void do_page_fault(struct pt_regs *regs, unsigned long address)
{
	if (printk_ratelimit())
		ve_printk(VE_LOG, "%s[%d]: segfault at %016lx pc %016lx\n",
			  current->comm, current->pid, address, regs->pc);
	printk(KERN_ALERT "Unable to handle kernel paging request\n");
}
