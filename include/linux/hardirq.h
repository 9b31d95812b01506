/*
 * include/linux/hardirq.h: interrupt nesting, counted in the preempt count
 * of the running task's thread_info, and the entry and exit of hard
 * interrupts and NMIs with OpenVZ's context switch.
 *
 *	irq_enter();		count one hard interrupt; the outermost one
 *				saves current's exec env and exec ub in the
 *				task (ve_task_info.saved_env,
 *				task_bc.saved_ub) and runs as ve0 / ub0
 *	__do_IRQ(irq, regs);	the handlers
 *	irq_exit();		restore, uncount, then run pending softirqs
 *				unless still inside an interrupt
 *
 * "Outermost" is the test hardirq_count() == HARDIRQ_OFFSET, as 028stab
 * has it: there is no separate depth and no NMI depth. nmi_enter() is
 * irq_enter(), so an NMI switches to ve0 like an interrupt; nmi_exit() is
 * __irq_exit(), which restores but never runs softirqs.
 *
 * Without CONFIG_VE (the unported control architecture, built as vanilla
 * 2.6.18) save_context() and restore_context() are empty, as in a kernel
 * built without VEs.
 *
 * The model's forms do nothing on a thread that drives no simulated CPU.
 */
#ifndef VZSIM_INCLUDE_LINUX_HARDIRQ_H
#define VZSIM_INCLUDE_LINUX_HARDIRQ_H

#include "../asm/current.h"
#include "../asm/thread_info.h"
#include "../ub/ub_task.h"
#include "sched.h"
#include "ve_task.h"

#define PREEMPT_BITS 8
#define SOFTIRQ_BITS 8
#ifndef HARDIRQ_BITS
#define HARDIRQ_BITS 12
#endif

#define PREEMPT_SHIFT 0
#define SOFTIRQ_SHIFT (PREEMPT_SHIFT + PREEMPT_BITS)
#define HARDIRQ_SHIFT (SOFTIRQ_SHIFT + SOFTIRQ_BITS)

#define __IRQ_MASK(x) ((1UL << (x)) - 1)

#define PREEMPT_MASK (__IRQ_MASK(PREEMPT_BITS) << PREEMPT_SHIFT)
#define SOFTIRQ_MASK (__IRQ_MASK(SOFTIRQ_BITS) << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK (__IRQ_MASK(HARDIRQ_BITS) << HARDIRQ_SHIFT)

#define PREEMPT_OFFSET (1UL << PREEMPT_SHIFT)
#define SOFTIRQ_OFFSET (1UL << SOFTIRQ_SHIFT)
#define HARDIRQ_OFFSET (1UL << HARDIRQ_SHIFT)

/* include/linux/preempt.h */
#define preempt_count() (current_thread_info()->preempt_count)
#define add_preempt_count(val)                                                 \
	do {                                                                   \
		preempt_count() += (val);                                      \
	} while (0)
#define sub_preempt_count(val)                                                 \
	do {                                                                   \
		preempt_count() -= (val);                                      \
	} while (0)

#define hardirq_count() (preempt_count() & HARDIRQ_MASK)
#define softirq_count() (preempt_count() & SOFTIRQ_MASK)
#define irq_count() (preempt_count() & (HARDIRQ_MASK | SOFTIRQ_MASK))

/* in_irq(): the masked hard-interrupt count, not a depth. */
#define in_irq() (hardirq_count())
#define in_softirq() (softirq_count())
/* in_interrupt(): hard or soft interrupt, or a bh-disabled section. */
#define in_interrupt() (irq_count())

/* Without CONFIG_PREEMPT: the whole hard-interrupt offset. */
#define IRQ_EXIT_OFFSET HARDIRQ_OFFSET

#ifdef CONFIG_VE
#define save_context()                                                         \
	do {                                                                   \
		struct task_struct *tsk;                                       \
		if (hardirq_count() == HARDIRQ_OFFSET) {                       \
			tsk = get_current();                                   \
			ve_save_context(tsk);                                  \
			ub_save_context(tsk);                                  \
		}                                                              \
	} while (0)

#define restore_context()                                                      \
	do {                                                                   \
		struct task_struct *tsk;                                       \
		if (hardirq_count() == HARDIRQ_OFFSET) {                       \
			tsk = get_current();                                   \
			ve_restore_context(tsk);                               \
			ub_restore_context(tsk);                               \
		}                                                              \
	} while (0)
#else
#define save_context()                                                         \
	do {                                                                   \
	} while (0)
#define restore_context()                                                      \
	do {                                                                   \
	} while (0)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* kernel/softirq.c: runs the pending softirqs (kernel/softirq.cc). */
void do_softirq(void);

#ifdef __cplusplus
}
#endif

#ifdef CONFIG_VE
/*
 * save_context() / restore_context() for the task `area`'s CPU runs, with
 * ve0 and ub0 from the same area: ve_save_context() and ub_save_context()
 * (linux/ve_task.h, ub/ub_task.h) without reading the area again.
 */
static inline void vzsim_save_context(struct vzsim_cpu_area *area)
{
	struct task_struct *tsk =
	    __atomic_load_n(&area->pcurrent, __ATOMIC_RELAXED);

	tsk->ve_task_info.saved_env = tsk->ve_task_info.exec_env;
	tsk->ve_task_info.exec_env = area->ve0;
	tsk->task_bc.saved_ub = tsk->task_bc.exec_ub;
	tsk->task_bc.exec_ub = area->ub0;
}

static inline void vzsim_restore_context(struct vzsim_cpu_area *area)
{
	struct task_struct *tsk =
	    __atomic_load_n(&area->pcurrent, __ATOMIC_RELAXED);

	ve_restore_context(tsk);
	ub_restore_context(tsk);
}
#endif

/*
 * irq_enter(), and irq_exit() with CONFIG_VE, are inline, as the kernel's
 * irq_enter() (a macro) is: one read of the CPU's area, the count through
 * the area's thread_info (as x86_64 reaches it from its pda, without
 * reading current), the save or restore, and a call only to run pending
 * softirqs on the outermost exit. The kernel's irq_exit() is out of line
 * (kernel/softirq.c); inline here because the simulation's call would cost
 * more than the work (docs/benchmarks.md has the measurements).
 */
static inline void irq_enter(void)
{
	struct vzsim_cpu_area *area = vzsim_this_cpu_area;
	struct thread_info *ti;

	if (area == 0)
		return;
	ti = area->thread_info;
	ti->preempt_count += HARDIRQ_OFFSET;
#ifdef CONFIG_VE
	if ((ti->preempt_count & HARDIRQ_MASK) == HARDIRQ_OFFSET)
		vzsim_save_context(area);
#endif
}

/* Leaves a hard interrupt without running softirqs. */
#define __irq_exit()                                                           \
	do {                                                                   \
		if (get_current() != NULL) {                                   \
			restore_context();                                     \
			sub_preempt_count(HARDIRQ_OFFSET);                     \
		}                                                              \
	} while (0)

#ifdef CONFIG_VE
/*
 * kernel/softirq.c: irq_exit(), with OpenVZ's restore_context() before the
 * count drops; softirqs run afterwards, in the interrupted task's restored
 * context, which __do_softirq() switches again. The model ignores an
 * irq_exit() without irq_enter() (the kernel has no such check; its count
 * would go below zero).
 */
static inline void irq_exit(void)
{
	struct vzsim_cpu_area *area = vzsim_this_cpu_area;
	struct thread_info *ti;
	int count;

	if (area == 0)
		return;
	ti = area->thread_info;
	count = ti->preempt_count;
	if ((count & HARDIRQ_MASK) == 0)
		return;
	if ((count & HARDIRQ_MASK) == HARDIRQ_OFFSET)
		vzsim_restore_context(area);
	count -= IRQ_EXIT_OFFSET;
	ti->preempt_count = count;
	if ((count & (HARDIRQ_MASK | SOFTIRQ_MASK)) == 0 &&
	    area->__softirq_pending != 0)
		do_softirq();
}
#else
#ifdef __cplusplus
extern "C" {
#endif

/* kernel/softirq.c: leaves a hard interrupt and runs pending softirqs. */
void irq_exit(void);

#ifdef __cplusplus
}
#endif
#endif

#define nmi_enter() irq_enter()
#define nmi_exit() __irq_exit()

#endif /* VZSIM_INCLUDE_LINUX_HARDIRQ_H */
