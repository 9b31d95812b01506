/*
 * include/linux/ve.h: struct ve_struct, one Virtual Environment (a
 * container). ve0 (veid 0) is the host: it always exists and always runs.
 *
 * Locking: veid is immutable; init_entry, is_running and pcounter change
 * under the task-list lock (pcounter is atomic besides, as in the kernel).
 *
 * The model keeps what C code has no use for (the VE's pid table, its
 * leader array, its utsname copy, its log) in a C++ record around this
 * struct (ve/ve_record.h).
 */
#ifndef VZSIM_INCLUDE_LINUX_VE_H
#define VZSIM_INCLUDE_LINUX_VE_H

#include "../asm/atomic.h"
#include "capability.h"
#include "types.h"

typedef unsigned envid_t;

struct task_struct;

/* The fields the model uses, of the kernel's much larger structure. */
struct ve_struct {
	envid_t veid;
	/* The VE's init (virtual pid 1); NULL once it has been reaped. */
	struct task_struct *init_entry;
	/*
	 * The VE's capability bounding set: what its tasks may keep. ve0's is
	 * CAP_INIT_EFF_SET; a new VE's is its creator's effective set without
	 * CAP_SETVEID (kernel/ve/vecalls.c: set_ve_caps()).
	 */
	kernel_cap_t ve_cap_bset;
	/* Live tasks of the VE, threads included. */
	atomic_t pcounter;
	/* The CPU class id /proc/vz/veinfo prints. */
	unsigned int class_id;
	/* From creation until its init exits; a stopped VE takes no task. */
	int is_running;
};

#endif /* VZSIM_INCLUDE_LINUX_VE_H */
