/*
 * include/linux/nsproxy.h: the namespaces a task lives in, shared by every
 * task that has the same ones (task_struct::nsproxy). Fork shares the
 * parent's; creating a VE gives its creator a new one with a new uts
 * namespace (ve->ve_ns); entering a VE switches to the VE's. The model has
 * the uts namespace only.
 */
#ifndef VZSIM_INCLUDE_LINUX_NSPROXY_H
#define VZSIM_INCLUDE_LINUX_NSPROXY_H

#include "../asm/atomic.h"

struct uts_namespace;

/* Changed under the task-list lock (count is atomic besides). */
struct nsproxy {
	atomic_t count;		      /* tasks (and the VE) that use it */
	struct uts_namespace *uts_ns; /* set when made */
};

#endif /* VZSIM_INCLUDE_LINUX_NSPROXY_H */
