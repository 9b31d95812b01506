/*
 * vanilla 2.6.18 arch/i386/mm/pgtable.c: show_mem(), not exported.
 */
#include <linux/kernel.h>

void show_mem(void)
{
	printk(KERN_INFO "Mem-info:\n");
	printk(KERN_INFO "%d pages of RAM\n", 0);
}
