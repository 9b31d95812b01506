/*
 * arch/ia64/mm/contig.c: show_mem(), which 028stab exports (rule R10) for
 * the VE watchdog module. The simulation has no page frames to count.
 */
#include <linux/kernel.h>
#include <linux/module.h>

void show_mem(void)
{
	printk(KERN_INFO "Mem-info:\n");
	printk(KERN_INFO "%d pages of RAM\n", 0);
}
EXPORT_SYMBOL(show_mem);
