/*
 * include/linux/timer.h: kernel timers. `expires` is in jiffies.
 *
 *	init_timer(&t);
 *	t.function = fn; t.data = arg; t.expires = jiffies + HZ;
 *	add_timer(&t);
 *
 * Expired timers run from the TIMER_SOFTIRQ, which the timer interrupt
 * raises (run_local_timers()), each callback with the exec env set to ve0
 * (kernel/timer.c: __run_timers()). Adding a pending timer is a kernel BUG.
 */
#ifndef VZSIM_INCLUDE_LINUX_TIMER_H
#define VZSIM_INCLUDE_LINUX_TIMER_H

#include "jiffies.h"
#include "list.h"

struct timer_list {
	struct list_head entry;
	unsigned long expires;
	void (*function)(unsigned long);
	unsigned long data;
	void *base; /* non-NULL once initialised */
};

#ifdef __cplusplus
extern "C" {
#endif

void init_timer(struct timer_list *timer);
void add_timer(struct timer_list *timer);
int del_timer(struct timer_list *timer);
/* The timer interrupt's part: raises TIMER_SOFTIRQ. */
void run_local_timers(void);

#ifdef __cplusplus
}
#endif

/* timer_pending(): added and not yet run or deleted. */
#define timer_pending(timer) ((timer)->entry.next != NULL)

#endif /* VZSIM_INCLUDE_LINUX_TIMER_H */
