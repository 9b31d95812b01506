/*
 * include/linux/signal.h: sending signals from kernel code.
 *
 *	struct siginfo si;
 *	si.si_signo = SIGSEGV; si.si_code = SI_KERNEL;
 *	si.si_pid = virt_pid(current);
 *	force_sig_info(SIGSEGV, &si, current);
 */
#ifndef VZSIM_INCLUDE_LINUX_SIGNAL_H
#define VZSIM_INCLUDE_LINUX_SIGNAL_H

#include "../asm-generic/siginfo.h"

#ifndef __cplusplus /* C++ has them from <csignal> */
#define SIGHUP 1
#define SIGILL 4
#define SIGTRAP 5
#define SIGBUS 7
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGTERM 15
#define SIGCHLD 17
#endif

struct task_struct;
struct user_beancounter;

/*
 * One queued signal (kernel/signal.c: __sigqueue_alloc()): its siginfo, and
 * the beancounter its numsiginfo and kmemsize are charged to
 * (ub_siginfo_charge()). The model keeps them in a queue of its own, so the
 * kernel's list link and user are left out.
 */
struct sigqueue {
	int flags;
	struct siginfo info;
	struct user_beancounter *sig_ub;
};

#ifdef __cplusplus
extern "C" {
#endif

/*
 * kernel/signal.c: unhandled_signal(): 1 if `sig` would take its default
 * action on `tsk` (no handler installed, not traced).
 */
int unhandled_signal(struct task_struct *tsk, int sig);
/* Queues `sig` on `t` with `info` as given; unblocks it. 0 or -errno. */
int force_sig_info(int sig, struct siginfo *info, struct task_struct *t);

#ifdef __cplusplus
}
#endif

#endif /* VZSIM_INCLUDE_LINUX_SIGNAL_H */
