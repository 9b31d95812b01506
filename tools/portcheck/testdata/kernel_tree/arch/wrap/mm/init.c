/* arch/wrap/mm/init.c: show_mem, not exported */
void show_mem(void)
{
	printk("Mem-info:\n");
}
