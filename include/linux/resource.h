/*
 * include/linux/resource.h, include/asm-generic/resource.h: the resource
 * limits a thread group shares (current->signal->rlim[], linux/sched.h),
 * their numbers and the values the boot task starts with (INIT_RLIMITS),
 * which every task inherits at fork.
 *
 *	unsigned long max = current->signal->rlim[RLIMIT_STACK].rlim_max;
 *
 * The model enforces two of them, each where the kernel does: RLIMIT_STACK
 * when a stack grows (mm/mmap.c: acct_stack_growth()) and RLIMIT_MEMLOCK
 * when pages are locked (mm/mlock.c, mm/mmap.c, mm/mremap.c). It has no
 * files, CPU time, message queues or priorities, so the others are kept,
 * copied at fork, and read by nothing.
 */
#ifndef VZSIM_INCLUDE_LINUX_RESOURCE_H
#define VZSIM_INCLUDE_LINUX_RESOURCE_H

#ifdef __cplusplus
/* C++ has struct rlimit and the RLIMIT_ numbers from glibc, which are the
 * kernel's on Linux (the same layout: two unsigned longs). */
#include <sys/resource.h>
#else
struct rlimit {
	unsigned long rlim_cur; /* enforced */
	unsigned long rlim_max; /* ceiling for rlim_cur */
};

#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIM_NLIMITS 15 /* glibc's C++ value counts one more (RTTIME) */

#define RLIM_INFINITY (~0UL)
#endif

/* The boot task's stack and mlock limits (include/linux/resource.h);
 * PAGE_SIZE is asm/page.h's, which the arch may have its own of. */
#define _STK_LIM (8 * 1024 * 1024)
#define MLOCK_LIMIT (8 * PAGE_SIZE)

#endif /* VZSIM_INCLUDE_LINUX_RESOURCE_H */
