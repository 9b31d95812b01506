/*
 * arch/i386/mm/pgtable.c: show_mem(), which 028stab exports (rule R10): the
 * VE watchdog module (kernel/ve/vzwdog.c) calls it. The simulation has no
 * page frames to count; it prints the header and the totals as zero.
 */
#include <linux/kernel.h>
#include <linux/module.h>

void show_mem(void)
{
	printk(KERN_INFO "Mem-info:\n");
	printk(KERN_INFO "%d pages of RAM\n", 0);
	printk(KERN_INFO "%d pages of HIGHMEM\n", 0);
}
EXPORT_SYMBOL(show_mem);
