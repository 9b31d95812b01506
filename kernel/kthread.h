// Kernel threads: the generic part an architecture's kernel_thread() ends
// in (kernel/fork.c: do_fork()) and the ve_allow_kthreads sysctl
// (kernel/sysctl.c), on the kernel face (include/linux/sched.h,
// include/linux/sysctl.h).
//
// The porting rule (R7) puts a check of the exec env in the arch's
// kernel_thread(); each architecture spells it its own way (arch/*/).
#ifndef VZSIM_KERNEL_KTHREAD_H_
#define VZSIM_KERNEL_KTHREAD_H_

#include "include/linux/sched.h"
#include "include/linux/sysctl.h"

#endif  // VZSIM_KERNEL_KTHREAD_H_
