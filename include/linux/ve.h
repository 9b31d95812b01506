/*
 * include/linux/ve.h: struct ve_struct, one Virtual Environment (a
 * container). ve0 (veid 0) is the host: it always exists and always runs.
 *
 * Locking: each field names its lock beside it. "Set at creation": written
 * while the VE is made, under the task-list lock, and read-only after.
 *
 * The model keeps what C code has no use for (the VE's pid table, its
 * leader array, its utsname copy, its log) in a C++ record around this
 * struct (ve/ve_record.h).
 */
#ifndef VZSIM_INCLUDE_LINUX_VE_H
#define VZSIM_INCLUDE_LINUX_VE_H

#include "../asm/atomic.h"
#include "capability.h"
#include "list.h"
#include "types.h"

typedef unsigned envid_t;

struct task_struct;
struct nsproxy;

/* The fields the model uses, of the kernel's much larger structure. */
struct ve_struct {
	envid_t veid; /* set at creation */
	/*
	 * The VE's init (virtual pid 1). When it has exited and every other
	 * task of the VE is gone, the host's init (child_reaper) takes its
	 * place, as kernel/exit.c: do_initproc_exit() leaves it. Guarded by the
	 * task-list lock.
	 */
	struct task_struct *init_entry;
	/*
	 * The VE's capability bounding set: what its tasks may keep. ve0's is
	 * CAP_INIT_EFF_SET; a new VE's is its creator's effective set without
	 * CAP_SETVEID (kernel/ve/vecalls.c: set_ve_caps()). Set at creation.
	 */
	kernel_cap_t ve_cap_bset;
	/*
	 * Tasks of the VE, threads and zombies included, not yet released.
	 * Changed under the task-list lock; atomic besides, as in the kernel.
	 */
	atomic_t pcounter;
	/* The CPU class id /proc/vz/veinfo prints. Set at creation. */
	unsigned int class_id;
	/*
	 * From the end of its creation until its init starts to exit. Guarded
	 * by the task-list lock.
	 */
	int is_running;
	/* Created with VE_LOCK: entered only with VE_SKIPLOCK. Set at creation.
	 */
	int is_locked;
	/*
	 * Its tasks get virtual pids (nr + VPID_DIV, init 1): the value of the
	 * kernel.virt_pids sysctl when the VE was created. Set at creation.
	 */
	int virt_pids;
	/*
	 * Set for good once an explicit virtual pid other than 1 or nr +
	 * VPID_DIV was asked for (a restore): lookups then go through the
	 * vpid hash instead of the arithmetic (kernel/pid.c: alloc_vpid()).
	 * Guarded by the task-list lock.
	 */
	unsigned char sparse_vpid;
	/*
	 * Its thread-group leaders, through ve_task_info.vetask_list, in the
	 * kernel layout (pid/pid_hash.h); unused by the default one. Guarded
	 * by the task-list lock.
	 */
	struct list_head vetask_lh;
	/* Its namespaces (its own uts namespace), which its tasks get on
	 * entering (kernel/ve/vecalls.c: init_ve_namespaces()). Set at
	 * creation. */
	struct nsproxy *ve_ns;
};

#endif /* VZSIM_INCLUDE_LINUX_VE_H */
