/*
 * vanilla 2.6.18 arch/ia64/kernel/perfmon.c: pfm_get_task() and
 * pfm_check_task_exist() see every task (find_task_by_pid(),
 * do_each_thread).
 */
#include <linux/errno.h>
#include <linux/sched.h>

typedef void pfm_context_t;

static int pfm_task_incompatible(pfm_context_t *ctx, struct task_struct *task)
{
	(void)ctx;
	/* no kernel threads */
	if (task->mm == NULL)
		return -EPERM;
	/* not a zombie */
	if (task->exit_state == EXIT_ZOMBIE)
		return -EBUSY;
	return 0;
}

/* (static in the kernel; the glue calls it as sys_perfmonctl's
 * PFM_LOAD_CONTEXT does) */
int pfm_get_task(pfm_context_t *ctx, pid_t pid, struct task_struct **task)
{
	struct task_struct *p = current;
	int ret;

	if (pid < 2)
		return -EPERM;

	if (pid != current->pid) {
		read_lock(&tasklist_lock);

		p = find_task_by_pid(pid);

		/* hold a reference: the task must outlive what follows */
		if (p)
			get_task_struct(p);

		read_unlock(&tasklist_lock);

		if (p == NULL)
			return -ESRCH;
	}

	ret = pfm_task_incompatible(ctx, p);
	if (ret == 0)
		*task = p;
	else if (p != current)
		put_task_struct(p);
	return ret;
}

/* Does a task still carry the context? */
int pfm_check_task_exist(pfm_context_t *ctx)
{
	struct task_struct *g, *t;
	int ret = -ESRCH;

	read_lock(&tasklist_lock);

	do_each_thread(g, t)
	{
		if (t->thread.pfm_context == ctx) {
			ret = 0;
			break;
		}
	}
	while_each_thread(g, t);

	read_unlock(&tasklist_lock);

	return ret;
}
