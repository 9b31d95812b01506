/*
 * include/ub/ub_task.h: the beancounter side of a task (struct
 * task_beancounter, embedded in every task_struct as task_bc) and the
 * exec-ub calls:
 *
 *	struct user_beancounter *old = set_exec_ub(get_ub0());	(charge the
 *host)
 *	...
 *	(void)set_exec_ub(old);
 *
 * task_ub is the beancounter the task itself is charged to; exec_ub is where
 * new charges go right now; saved_ub is where interrupt entry keeps the
 * interrupted exec_ub; fork_sub is the beancounter a child is charged to.
 */
#ifndef VZSIM_INCLUDE_UB_UB_TASK_H
#define VZSIM_INCLUDE_UB_UB_TASK_H

#include "../asm/current.h"
#include "../linux/stddef.h"

struct user_beancounter;
struct task_struct;

/*
 * The fields the model keeps. The kernel also keeps per-task precharges
 * for files and kernel memory here.
 */
struct task_beancounter {
	struct user_beancounter *exec_ub;
	struct user_beancounter *saved_ub;
	struct user_beancounter *task_ub;
	struct user_beancounter *fork_sub;
};

/* get_task_ub(): the beancounter `task` is charged to (NULL for NULL). */
#define get_task_ub(task)                                                      \
	({                                                                     \
		struct task_struct *__tsk = (task);                            \
		__tsk != NULL ? __tsk->task_bc.task_ub : NULL;                 \
	})

#ifdef __cplusplus
extern "C" {
#endif

/*
 * get_ub0(): the host's beancounter, of the calling CPU's simulated kernel
 * (NULL without one).
 */
struct user_beancounter *get_ub0(void);

#ifdef __cplusplus
}
#endif

/*
 * get_exec_ub() / set_exec_ub(ub): as get_exec_env() / set_exec_env() in
 * linux/ve_task.h, for the exec beancounter.
 */
#define get_exec_ub()                                                          \
	({                                                                     \
		struct task_struct *__cur = get_current();                     \
		__cur != NULL ? __cur->task_bc.exec_ub : NULL;                 \
	})

#define set_exec_ub(ub)                                                        \
	({                                                                     \
		struct task_struct *__cur = get_current();                     \
		struct user_beancounter *__ub = (ub), *__old = NULL;           \
		if (__cur != NULL && __ub != NULL) {                           \
			__old = __cur->task_bc.exec_ub;                        \
			__cur->task_bc.exec_ub = __ub;                         \
		}                                                              \
		__old;                                                         \
	})

/* Interrupt entry's save and restore of a task's exec ub. */
#define ub_save_context(t)                                                     \
	do {                                                                   \
		(t)->task_bc.saved_ub = (t)->task_bc.exec_ub;                  \
		(t)->task_bc.exec_ub = get_ub0();                              \
	} while (0)
#define ub_restore_context(t)                                                  \
	do {                                                                   \
		(t)->task_bc.exec_ub = (t)->task_bc.saved_ub;                  \
	} while (0)

#endif /* VZSIM_INCLUDE_UB_UB_TASK_H */
