/*
 * arch/sparc64/kernel/sparc64_ksyms.c: 028stab adds mem_map_zero, the
 * zero page's struct page, for the checkpointing modules.
 */
#include <linux/module.h>

struct page;
struct page *mem_map_zero;
EXPORT_SYMBOL(mem_map_zero);
