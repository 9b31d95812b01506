/*
 * include/linux/sched.h: struct task_struct, one task (a thread), with
 * OpenVZ's additions (virtual pids, the VE side in ve_task_info and the
 * beancounter side in task_bc); the task-list lock; the pid views and the
 * walks over tasks, each in its explicit `_all` or `_ve` form.
 *
 *	read_lock(&tasklist_lock);
 *	for_each_process_ve(p)			(only the caller's VE)
 *		printk("%d %s\n", virt_pid(p), p->comm);
 *	read_unlock(&tasklist_lock);
 *
 * `_all` means the whole system, in global pids: system work such as an
 * oops dump. `_ve` means "as the current exec env sees it": from ve0 the
 * same as `_all`; from a VE only that VE's tasks. As in 028stab, the plain
 * for_each_process / do_each_thread do not exist, so unported code fails to
 * compile.
 *
 * Locking: each field of struct task_struct names its lock beside it
 * ("task-list lock": tasklist_lock, held for writing to change the field,
 * for reading to look). The order of the locks is in kernel/kernel.h.
 */
#ifndef VZSIM_INCLUDE_LINUX_SCHED_H
#define VZSIM_INCLUDE_LINUX_SCHED_H

#include "../asm/atomic.h"
#include "../asm/current.h"
#include "../asm/mmu.h"
#include "../asm/processor.h"
#include "../asm/thread_info.h"
#include "../ub/ub_task.h"
#include "capability.h"
#include "list.h"
#include "pid.h"
#include "resource.h"
#include "rwsem.h"
#include "signal.h"
#include "spinlock.h"
#include "stddef.h"
#include "types.h"
#include "ve.h"
#include "ve_task.h"

struct nsproxy;
struct user_beancounter;
struct vm_area_struct;

/*
 * An address space (the fields the model uses). Its VMAs (linux/mm.h) are
 * on the mmap list in address order. Everything but mm_users and mm_ub is
 * guarded by mmap_sem; mm_users changes under the task-list lock; mm_ub,
 * the beancounter the address space is charged to (with a reference), is
 * fixed at creation: the forking child's task_ub, or at exec the exec
 * beancounter of the moment (include/ub/ub_misc.h: set_mm_ub()).
 */
struct mm_struct {
	struct vm_area_struct *mmap; /* the VMAs, lowest address first */
	unsigned long mmap_base;     /* where top-down mmap searches start */
	atomic_t mm_users;	     /* tasks sharing it (threads) */
	int map_count;		     /* number of VMAs */
	struct rw_semaphore mmap_sem;
	unsigned long total_vm, locked_vm; /* pages mapped, pages mlock()ed */
	unsigned long def_flags;      /* VM_LOCKED after mlockall(MCL_FUTURE) */
	unsigned long end_code;	      /* brk() may not go below */
	unsigned long start_brk, brk; /* the heap */
	unsigned long stack_vm;	      /* pages of VM_GROWSDOWN/UP VMAs */
	unsigned long arg_start;      /* where exec put the arguments */
	mm_context_t context;	      /* the arch's part */
	struct user_beancounter *mm_ub;
};

/*
 * What a thread group shares (copy_signal(), copy_sighand() at fork; a
 * CLONE_THREAD child takes its creator's): its resource limits
 * (linux/resource.h) and its signal handlers. `count`: the tasks that
 * point to it; the last one released frees it (kernel/exit.c:
 * __exit_signal(), __exit_sighand()), and its own pointers go NULL then.
 * A new process copies its parent's limits and handlers. `rlim` changes
 * under the task-list lock; `action` under `siglock`, which the model
 * takes whenever it reads or writes a handler.
 */
struct signal_struct {
	atomic_t count;
	struct rlimit rlim[15]; /* RLIM_NLIMITS */
};

struct sighand_struct {
	atomic_t count;
	struct k_sigaction action[64]; /* _NSIG; action[sig - 1] */
	spinlock_t siglock;
};

/* task_struct::state (a simulated task never sleeps). */
#define TASK_RUNNING 0

/* task_struct::exit_state */
#define EXIT_ZOMBIE 16 /* exited; waits for its parent to reap it */
#define EXIT_DEAD 32   /* reaped */

#define TASK_COMM_LEN 16

/* task_struct::flags */
#define PF_EXITING 0x00000004 /* in do_exit() */

struct task_struct {
	/* state, flags, mm, exit_state, exit_code: the task-list lock. */
	long state;
	struct thread_info *thread_info; /* preempt count, TIF_ flags; fixed */
	unsigned long flags;
	/* PT_PTRACED once traced (linux/ptrace.h); the task-list lock. */
	unsigned long ptrace;
	struct mm_struct *mm;
	long exit_state;
	int exit_code;

	/*
	 * pid, tgid: immutable after fork. vpid, vtgid: set at fork, and
	 * once more when the task enters a VE, under the task-list lock.
	 */
	pid_t pid;   /* global pid; 0 for the per-CPU idle tasks */
	pid_t tgid;  /* global pid of the thread-group leader */
	pid_t vpid;  /* pid in the owner VE (== pid in ve0) */
	pid_t vtgid; /* tgid in the owner VE (== tgid in ve0) */

	/*
	 * The kernel layout's links (pid/pid_hash.h), unused by the default
	 * one: this leader's place on init_task.tasks, and the struct pids
	 * it uses as pid, process group and session. The task-list lock.
	 */
	struct list_head tasks;
	struct pid_link pids[PIDTYPE_MAX];

	/*
	 * Who gets SIGCHLD and reaps us (ptrace is not modelled, so there is
	 * no separate `parent`). real_parent, children, sibling, thread_group:
	 * the task-list lock; group_leader: immutable after fork.
	 */
	struct task_struct *real_parent;
	struct list_head children; /* our children, through `sibling` */
	struct list_head sibling;  /* our link in real_parent->children */
	struct task_struct *group_leader; /* itself for a leader */
	struct list_head thread_group;	  /* the threads of our group */

	/* Written at fork and by set-comm, under the task-list lock. */
	char comm[TASK_COMM_LEN];
	unsigned int personality; /* linux/personality.h; set at fork */

	/*
	 * Process group and session, global and as the owner VE sees them.
	 * The kernel keeps them once per thread group, in signal_struct
	 * (tsk->signal->pgrp); the model keeps them in each task. The
	 * task-list lock.
	 */
	pid_t pgrp;
	pid_t session;
	pid_t vpgrp;
	pid_t vsession;

	/*
	 * Capabilities (linux/capability.h), per thread as in the kernel:
	 * copied at fork, masked with a VE's bounding set on entering it.
	 * Changed under the task-list lock.
	 */
	kernel_cap_t cap_effective, cap_inheritable, cap_permitted;
	/*
	 * Its user: the model has one, root, so every task's uid is 0 (as
	 * fork copies it); nothing in the model changes it.
	 */
	uid_t uid;

	/* Its group's limits and handlers (above); fixed from fork until
	 * released, when they go NULL. */
	struct signal_struct *signal;
	struct sighand_struct *sighand;

	/*
	 * Its namespaces (linux/nsproxy.h): shared at fork, switched on
	 * entering a VE, under the task-list lock.
	 */
	struct nsproxy *nsproxy;
	struct thread_struct thread; /* the arch's part (asm/processor.h) */

	/*
	 * The exec ub (task_bc.exec_ub) and exec env (ve_task_info.exec_env):
	 * touched only by the CPU the task runs on, as in the kernel, where
	 * only the task itself switches them. The owner env
	 * (ve_task_info.owner_env) and the VE task list links: the task-list
	 * lock.
	 */
	struct task_beancounter task_bc;
	struct ve_task_info ve_task_info;

	/* Page-fault counts, which an arch's fault handler keeps (x86_64
	 * mm/fault.c: do_page_fault()); the model counts none itself. */
	unsigned long min_flt, maj_flt;
};

extern rwlock_t tasklist_lock;

#define thread_group_leader(p) ((p) == (p)->group_leader)

/* next_thread(): the next thread of p's group, wrapping around. */
static inline struct task_struct *next_thread(const struct task_struct *p)
{
	return list_entry(p->thread_group.next, struct task_struct,
			  thread_group);
}

/*
 * ve_is_super(), VEID(), ve_accessible(): the kernel spells the first two as
 * macros; the model's forms also take NULL (not the host; id 0; nothing is
 * accessible from no VE).
 */
static inline int ve_is_super(const struct ve_struct *env)
{
	return env != NULL && env->veid == 0;
}

static inline envid_t VEID(const struct ve_struct *env)
{
	return env == NULL ? 0 : env->veid;
}

/* Code running for `owner` may touch objects of `target`. */
static inline int ve_accessible(const struct ve_struct *target,
				const struct ve_struct *owner)
{
	return owner != NULL && (ve_is_super(owner) || owner == target);
}

/*
 * The numbers a task stores (include/linux/sched.h, CONFIG_VE): virt_pid()
 * and virt_tgid(), its pid and tgid inside its VE (1 for a VE's init,
 * nr + VPID_DIV for its other tasks, the global ones on the host);
 * virt_pgid() and virt_sid(), its process group and session there. They
 * are set at fork, VE create and enter, setsid, and never recomputed; they
 * do not depend on who looks. The model's forms answer 0 for NULL.
 */
static inline pid_t virt_pid(const struct task_struct *tsk)
{
	return tsk == NULL ? 0 : tsk->vpid;
}

static inline pid_t virt_tgid(const struct task_struct *tsk)
{
	return tsk == NULL ? 0 : tsk->vtgid;
}

static inline pid_t virt_pgid(const struct task_struct *tsk)
{
	return tsk == NULL ? 0 : tsk->vpgrp;
}

static inline pid_t virt_sid(const struct task_struct *tsk)
{
	return tsk == NULL ? 0 : tsk->vsession;
}

/*
 * get_task_pid_ve(): `tsk`'s pid as code running for `env` shows it: the
 * global one from ve0, else the stored virtual one (0 for NULL arguments).
 */
static inline pid_t get_task_pid_ve(const struct task_struct *tsk,
				    const struct ve_struct *env)
{
	if (tsk == NULL || env == NULL)
		return 0;
	return ve_is_super(env) ? tsk->pid : virt_pid(tsk);
}

/*
 * get_task_pid(), get_task_tgid(), get_task_pgid(), get_task_sid(): the
 * same, for the current exec env (global from ve0, else stored virtual).
 */
#define __vz_exec_is_super() ve_is_super(get_exec_env())
#define get_task_pid(tsk) get_task_pid_ve(tsk, get_exec_env())
#define get_task_tgid(tsk)                                                     \
	((tsk) == NULL ? 0 : __vz_exec_is_super() ? (tsk)->tgid : (tsk)->vtgid)
#define get_task_pgid(tsk)                                                     \
	((tsk) == NULL ? 0 : __vz_exec_is_super() ? (tsk)->pgrp : (tsk)->vpgrp)
#define get_task_sid(tsk)                                                      \
	((tsk) == NULL		? 0                                            \
	 : __vz_exec_is_super() ? (tsk)->session                               \
				: (tsk)->vsession)

/* pid_alive(): not yet released (a zombie still is). */
static inline int pid_alive(const struct task_struct *p)
{
	return p != NULL && p->exit_state != EXIT_DEAD;
}

/*
 * get_task_ppid(): the parent pid /proc/<pid>/status shows, for the
 * current exec env: 0 for a released task and for the init the viewer
 * knows as 1 (host init from ve0, the VE's init from inside it); else the
 * tgid of the leader's parent as the viewer numbers it, or 1 when the
 * viewer may not see that parent. getppid() is another rule
 * (virt_tgid(real_parent), pid/pid.h).
 */
static inline pid_t get_task_ppid(const struct task_struct *p)
{
	const struct task_struct *parent;
	const struct ve_struct *env = get_exec_env();

	if (!pid_alive(p) || env == NULL)
		return 0;
	if (get_task_pid_ve(p, env) == 1)
		return 0;
	parent = p->group_leader->real_parent;
	if (parent == NULL)
		return 0;
	if (!ve_accessible(parent->ve_task_info.owner_env, env))
		return 1;
	return ve_is_super(env) ? parent->tgid : parent->vtgid;
}

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The thread-group leaders `ve` may see, one after the other: the first,
 * and the one after `p` (NULL at the end). From ve0 every leader of the
 * system; from a VE its own only, at a cost proportional to the VE's size.
 * The model keeps them in arrays (pid/pid_table.h) or, in the kernel
 * layout, on init_task.tasks and ve->vetask_lh (pid/pid_hash.h).
 */
struct task_struct *__first_task_ve(struct ve_struct *ve)
#ifdef __clang__
    __attribute__((requires_shared_capability(tasklist_lock)))
#endif
    ;
struct task_struct *__next_task_ve(struct ve_struct *ve, struct task_struct *p)
#ifdef __clang__
    __attribute__((requires_shared_capability(tasklist_lock)))
#endif
    ;

#ifdef __cplusplus
}
#endif

/* The virtual CPU scheduler's id of p's CPU: 0 without CONFIG_SCHED_VCPU. */
static inline unsigned int task_vsched_id(const struct task_struct *p)
{
	(void)p;
	return 0;
}

/* get_task_struct() / put_task_struct(): the model keeps no task refcount. */
#define get_task_struct(tsk)                                                   \
	do {                                                                   \
	} while (0)
#define put_task_struct(tsk)                                                   \
	do {                                                                   \
	} while (0)

struct pt_regs;

#ifdef __cplusplus
extern "C" {
#endif

/*
 * find_task_by_pid_type_all(): a task by its global number, whatever the
 * exec env: system work only. find_task_by_pid_type_ve(): by the number
 * the current exec env sees (a VE's own numbers inside a VE; global ones
 * from ve0); NULL for a task the exec env may not see. Both need
 * tasklist_lock held for reading.
 */
struct task_struct *find_task_by_pid_type_all(int type, int pid);
struct task_struct *find_task_by_pid_type_ve(int type, int pid);

/*
 * kernel/fork.c: do_fork(): a child of current (of current's parent with
 * CLONE_PARENT), sharing its mm with CLONE_VM; returns the child's pid as
 * virt_pid() gives it, or -errno. The model ignores regs and the stack.
 */
long do_fork(unsigned long clone_flags, unsigned long stack_start,
	     struct pt_regs *regs, unsigned long stack_size, int *parent_tidptr,
	     int *child_tidptr);

/*
 * kernel/exit.c: do_exit(): current exits with `code`. The kernel never
 * returns from it; the model marks current exiting (its thread group goes
 * once the CPU switches away) and returns to the caller, which must do
 * nothing more.
 */
void do_exit(long code);

#ifdef __cplusplus
}
#endif

#ifndef __cplusplus /* C++ has them, and the clone flags, from <sched.h> */
#define find_task_by_pid_all(nr) find_task_by_pid_type_all(PIDTYPE_PID, nr)
#ifdef CONFIG_VE
#define find_task_by_pid_ve(nr) find_task_by_pid_type_ve(PIDTYPE_PID, nr)
#else
/* Vanilla 2.6.18: one pid space, the global lookup. */
#define find_task_by_pid(nr) find_task_by_pid_type_all(PIDTYPE_PID, nr)
#endif

#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_PARENT 0x00008000
#define CLONE_THREAD 0x00010000
#define CLONE_UNTRACED 0x00800000
#endif

#define first_task_ve() __first_task_ve(get_exec_env())
#define next_task_ve(p) __next_task_ve(get_exec_env(), p)

/* for_each_process_all(p): every thread-group leader of the system. */
#define for_each_process_all(p)                                                \
	for (p = __first_task_ve(get_ve0()); p != NULL;                        \
	     p = __next_task_ve(get_ve0(), p))

/* for_each_process_ve(p): the leaders the current exec env may see. */
#define for_each_process_ve(p)                                                 \
	for (p = first_task_ve(); p != NULL; p = next_task_ve(p))

/*
 * do_each_thread_all(g, t) { ... } while_each_thread_all(g, t);
 * visits every thread (t) of every leader (g). A double loop: `break`
 * leaves only the inner one.
 */
#define do_each_thread_all(g, t)                                               \
	for (g = t = __first_task_ve(get_ve0()); g != NULL;                    \
	     g = t = __next_task_ve(get_ve0(), g))                             \
		do

#define while_each_thread_all(g, t) while ((t = next_thread(t)) != g)

#define do_each_thread_ve(g, t)                                                \
	for (g = t = first_task_ve(); g != NULL; g = t = next_task_ve(g))      \
		do

#define while_each_thread_ve(g, t) while ((t = next_thread(t)) != g)

#ifndef CONFIG_VE
/*
 * Vanilla 2.6.18's walks, which 028stab removed so that unported code
 * does not compile: the whole system, in one pid space. Only code built
 * without CONFIG_VE (the unported control architecture) sees them.
 */
#define for_each_process(p) for_each_process_all(p)
#define do_each_thread(g, t) do_each_thread_all(g, t)
#define while_each_thread(g, t) while_each_thread_all(g, t)
#endif

#endif /* VZSIM_INCLUDE_LINUX_SCHED_H */
