/*
 * include/ub/ub_misc.h: the charges of a task itself. At fork a child is
 * born into its parent's fork_sub: one numproc, on the top beancounter
 * only (the levels below count it with UB_FORCE), and a batch of numfile
 * precharged when the beancounter is far from its barrier:
 *
 *	if (ub_task_charge(current, p))
 *		goto bad_fork_charge;		(-ENOMEM: numproc refused)
 *	...
 *	ub_task_uncharge(p);			(when p is reaped)
 *	ub_task_put(p);				(when p is freed)
 */
#ifndef VZSIM_INCLUDE_UB_UB_MISC_H
#define VZSIM_INCLUDE_UB_UB_MISC_H

#include "beancounter.h"

struct task_struct;
struct mm_struct;
struct sigqueue;

#ifdef __cplusplus
extern "C" {
#endif

/*
 * ub_task_charge(): `task`'s task_ub, exec_ub and fork_sub all become
 * parent's fork_sub (with references); numproc 1 UB_HARD on its top
 * beancounter; the numfile precharge. 0, or -ENOMEM (nothing charged, no
 * reference kept), or -EINVAL for a NULL task.
 */
int ub_task_charge(struct task_struct *parent, struct task_struct *task);
/* Gives back numproc and what is still precharged of numfile. */
void ub_task_uncharge(struct task_struct *task);
/* Gives back the kmemsize reserve and drops the three references. */
void ub_task_put(struct task_struct *task);

/*
 * ub_siginfo_charge(): a queued signal, to the receiver's task_ub: at every
 * level from `ub` up, under that level's lock, the sigqueue's kmemsize and
 * one numsiginfo, both UB_HARD. 0 (q->sig_ub holds a reference), -ENOMEM
 * (the levels below the refusing one given back, nothing kept), or -EINVAL
 * for a NULL queue entry or beancounter.
 */
int ub_siginfo_charge(struct sigqueue *q, struct user_beancounter *ub);
/* Gives back what ub_siginfo_charge() charged, at every level. */
void ub_siginfo_uncharge(struct sigqueue *q);

#ifdef __cplusplus
}
#endif

/*
 * set_mm_ub(): an address space is charged to its task's task_ub (at fork),
 * or, with no task, to current's exec beancounter (exec's mm_alloc()).
 */
#define set_mm_ub(mm, tsk)                                                     \
	do {                                                                   \
		(mm)->mm_ub = get_beancounter((tsk) ? (tsk)->task_bc.task_ub   \
						    : get_exec_ub());          \
	} while (0)
#define put_mm_ub(mm)                                                          \
	do {                                                                   \
		put_beancounter((mm)->mm_ub);                                  \
		(mm)->mm_ub = NULL;                                            \
	} while (0)

#endif /* VZSIM_INCLUDE_UB_UB_MISC_H */
