/*
 * include/linux/kernel.h: printk and friends, and container_of().
 *
 *	printk(KERN_WARNING "eth0: link down\n");	(the host's log)
 *	ve_printk(VE_LOG, "%s[%d]: segfault\n", ...);	(the exec env's log)
 *
 * printk() always writes the host log, from any context. ve_printk(dst):
 * from ve0, once to the host log whatever dst is; from a VE, to the host
 * log if dst has VE0_LOG and to the VE's own 4 KiB log if it has VE_LOG
 * (returning the VE write's length), and nowhere (0) otherwise. A line that
 * does not start with a level gets the default one, "<4>", and the return
 * value counts it (kernel/printk.c: __vprintk()).
 *
 * printk_ratelimit(): one token bucket for the whole system, 10 messages
 * of burst and one per 5 s; the call that is allowed again after refusals
 * first logs "printk: %d messages suppressed.".
 */
#ifndef VZSIM_INCLUDE_LINUX_KERNEL_H
#define VZSIM_INCLUDE_LINUX_KERNEL_H

#include "../asm-generic/bug.h"
#include "stddef.h"

#define KERN_EMERG "<0>"
#define KERN_ALERT "<1>"
#define KERN_CRIT "<2>"
#define KERN_ERR "<3>"
#define KERN_WARNING "<4>"
#define KERN_NOTICE "<5>"
#define KERN_INFO "<6>"
#define KERN_DEBUG "<7>"

/* ve_printk() destinations */
#define VE0_LOG 1
#define VE_LOG 2
#define VE_LOG_BOTH (VE0_LOG | VE_LOG)

#ifdef __cplusplus
extern "C" {
#endif

int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int ve_printk(int dst, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int printk_ratelimit(void);
int __printk_ratelimit(int ratelimit_jiffies, int ratelimit_burst);
/* A call trace of current, in the calling architecture's format. */
void dump_stack(void);
/* "Tainted: ..." or "Not tainted" (kernel/panic.c). */
const char *print_tainted(void);
/*
 * kernel/panic.c: panic() logs "Kernel panic - not syncing: <why>". The
 * kernel stops there; the simulation logs it and returns.
 */
void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* kernel/module.c: print_modules(): "Modules linked in:" and the list. */
void print_modules(void);

#ifndef __cplusplus /* C++ has them from <cstdio> */
int sprintf(char *buf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int snprintf(char *buf, __SIZE_TYPE__ size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
#endif

#ifdef __cplusplus
}
#endif

/*
 * container_of(): from a pointer to `member` inside a `type`, the pointer
 * to the `type`. The typed temporary makes the compiler check that `ptr`
 * points to something of the member's type.
 */
#define container_of(ptr, type, member)                                        \
	({                                                                     \
		const __typeof__(((type *)0)->member) *__mptr = (ptr);         \
		(type *)((char *)__mptr - offsetof(type, member));             \
	})

#endif /* VZSIM_INCLUDE_LINUX_KERNEL_H */
