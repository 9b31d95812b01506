/*
 * include/linux/pid.h: struct pid, the kernel's object behind a number. It
 * lives while any task uses its number as pid, process group or session
 * (the tasks[] chains), and sits on the pid hash (pid_chain, by nr) and,
 * once a VE numbers it, on the vpid hash (vpid_chain, by vnr and veid).
 * Each task points back at the pids it uses through pids[] (struct
 * pid_link, linux/sched.h).
 *
 * The default layout of the model (pid/pid_table.h) keeps its own flat
 * tables and leaves these fields unused; the kernel layout
 * (pid/pid_hash.h) keeps them as kernel/pid.c does.
 */
#ifndef VZSIM_INCLUDE_LINUX_PID_H
#define VZSIM_INCLUDE_LINUX_PID_H

#include "../asm/atomic.h"
#include "list.h"

enum pid_type { PIDTYPE_PID, PIDTYPE_PGID, PIDTYPE_SID, PIDTYPE_MAX };

/*
 * The kernel's fields but the RCU head and the beancounter it charges.
 * Every field is guarded by the task-list lock.
 */
struct pid {
	atomic_t count;
	int nr; /* the global number */
	struct hlist_node pid_chain;
	struct hlist_head tasks[PIDTYPE_MAX]; /* who uses nr, by use */
	int vnr;			      /* the number in VE veid */
	int veid;			      /* 0: no virtual number */
	struct hlist_node vpid_chain;
};

struct pid_link {
	struct hlist_node node; /* on pid->tasks[type] */
	struct pid *pid;
};

#endif /* VZSIM_INCLUDE_LINUX_PID_H */
