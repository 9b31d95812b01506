/*
 * arch/sparc64/mm/init.c: show_mem(), which 028stab exports (rule R10) for
 * the VE watchdog module. The simulation has no page frames to count.
 */
#include <linux/kernel.h>
#include <linux/module.h>

void show_mem(void)
{
	printk("Mem-info:\n");
	printk("%ld pages of RAM\n", 0L);
}
EXPORT_SYMBOL(show_mem);
