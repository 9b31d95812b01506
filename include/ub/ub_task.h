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
 * task_ub is the beancounter the task itself is charged to (numproc);
 * exec_ub is where the objects it allocates are charged right now; saved_ub
 * is where interrupt entry keeps the interrupted exec_ub; fork_sub is the
 * beancounter its children are born into. setluid() sets exec_ub and
 * fork_sub of the caller; a child gets all three from its parent's fork_sub
 * (kernel/ub/ub_misc.c: ub_task_charge()). Each holds a reference.
 *
 * The precharges are charges made ahead, in batches, so that most
 * allocations touch no beancounter lock: file_precharged numfile (with
 * their kmemsize) taken at fork, and kmem_precharged bytes of kmemsize of
 * task_ub that the task's small kernel allocations draw from and its frees
 * go back to (kernel/ub/ub_mem.c: ub_kmemsize_charge()).
 */
#ifndef VZSIM_INCLUDE_UB_UB_TASK_H
#define VZSIM_INCLUDE_UB_UB_TASK_H

#include "../asm/current.h"
#include "../linux/stddef.h"

struct user_beancounter;
struct task_struct;

/* The fields the model keeps, of the kernel's larger structure. */
struct task_beancounter {
	struct user_beancounter *exec_ub;
	struct user_beancounter *saved_ub;
	struct user_beancounter *task_ub;
	struct user_beancounter *fork_sub;
	unsigned long file_precharged, file_quant, file_count;
	unsigned long kmem_precharged;
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
/* ub_init_task_bc(): empty precharges, the first file batch 2^4. */
void ub_init_task_bc(struct task_beancounter *tbc);

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

/*
 * Interrupt entry's save and restore of a task's exec ub, for t == current
 * on a simulated CPU; ub0 as get_ub0() answers it, from the CPU's area
 * (asm/current.h) without a call.
 */
#define ub_save_context(t)                                                     \
	do {                                                                   \
		(t)->task_bc.saved_ub = (t)->task_bc.exec_ub;                  \
		(t)->task_bc.exec_ub = vzsim_this_cpu_area->ub0;               \
	} while (0)
#define ub_restore_context(t)                                                  \
	do {                                                                   \
		(t)->task_bc.exec_ub = (t)->task_bc.saved_ub;                  \
	} while (0)

#endif /* VZSIM_INCLUDE_UB_UB_TASK_H */
