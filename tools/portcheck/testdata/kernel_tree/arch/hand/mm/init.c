/* arch/hand/mm/init.c */
void show_mem(void)
{
	printk("Mem-info:\n");
}
EXPORT_SYMBOL(show_mem);
