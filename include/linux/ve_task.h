/*
 * include/linux/ve_task.h: the VE side of a task (struct ve_task_info,
 * embedded in every task_struct) and the exec-env calls the porting rules
 * are about:
 *
 *	struct ve_struct *old = set_exec_env(get_ve0());	(run as the
 *host)
 *	...
 *	(void)set_exec_env(old);				(and switch
 *back)
 *
 * owner_env is the VE the task belongs to; exec_env is the VE it works for
 * right now (the host's during an interrupt, say); saved_env is where
 * interrupt entry keeps the interrupted exec_env.
 */
#ifndef VZSIM_INCLUDE_LINUX_VE_TASK_H
#define VZSIM_INCLUDE_LINUX_VE_TASK_H

#include "../asm/current.h"
#include "list.h"
#include "stddef.h"

struct ve_struct;
struct task_struct;

/*
 * The fields the model keeps (the kernel also keeps scheduling-latency
 * statistics here). vetask_list links a leader on its owner VE's
 * vetask_lh; only the kernel layout keeps it (pid/pid_hash.h).
 */
struct ve_task_info {
	struct ve_struct *owner_env;
	struct ve_struct *exec_env;
	struct ve_struct *saved_env;
	struct list_head vetask_list;
};

#define VE_TASK_INFO(task) (&(task)->ve_task_info)

#ifdef __cplusplus
extern "C" {
#endif

/*
 * get_ve0(): the host VE. The kernel has one, a global; the model answers
 * for the simulated kernel of the calling CPU (NULL without one).
 */
struct ve_struct *get_ve0(void);

#ifdef __cplusplus
}
#endif

/*
 * get_exec_env(): the VE current works for. set_exec_env(ve): makes `ve`
 * current's exec env and returns the previous one. As in the kernel these
 * are macros on `current`; unlike it they tolerate a thread that drives no
 * simulated CPU (NULL, nothing changed), and set_exec_env(NULL) changes
 * nothing and returns NULL.
 */
#define get_exec_env()                                                         \
	({                                                                     \
		struct task_struct *__cur = get_current();                     \
		__cur != NULL ? __cur->ve_task_info.exec_env : NULL;           \
	})

#define set_exec_env(ve)                                                       \
	({                                                                     \
		struct task_struct *__cur = get_current();                     \
		struct ve_struct *__env = (ve), *__old = NULL;                 \
		if (__cur != NULL && __env != NULL) {                          \
			__old = __cur->ve_task_info.exec_env;                  \
			__cur->ve_task_info.exec_env = __env;                  \
		}                                                              \
		__old;                                                         \
	})

/*
 * Interrupt entry's save and restore of a task's exec env (linux/hardirq.h:
 * save_context()), for t == current on a simulated CPU. ve0 is read from
 * the CPU's area (asm/current.h): what get_ve0() answers, without a call.
 */
#define ve_save_context(t)                                                     \
	do {                                                                   \
		(t)->ve_task_info.saved_env = (t)->ve_task_info.exec_env;      \
		(t)->ve_task_info.exec_env = vzsim_this_cpu_area->ve0;         \
	} while (0)
#define ve_restore_context(t)                                                  \
	do {                                                                   \
		(t)->ve_task_info.exec_env = (t)->ve_task_info.saved_env;      \
	} while (0)

#endif /* VZSIM_INCLUDE_LINUX_VE_TASK_H */
