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

#ifdef __cplusplus
/* C++ has the signal numbers, __sighandler_t, SIG_DFL and SIG_IGN from
 * glibc, with the kernel's values. glibc spells its own struct sigaction's
 * sa_handler as a macro; the kernel's k_sigaction below uses the plain
 * name (glibc's struct sigaction is not used anywhere in vzsim). */
#include <csignal>
#undef sa_handler
#endif

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

/* include/asm-<arch>/signal.h: a handler, and the two that are not */
typedef void __signalfn_t(int);
typedef __signalfn_t *__sighandler_t;
#define SIG_DFL ((__sighandler_t)0) /* the default action */
#define SIG_IGN ((__sighandler_t)1) /* ignore the signal */
#define _NSIG 64
#endif

/*
 * include/asm-<arch>/signal.h: a signal's disposition, one per signal in
 * current->sighand->action[sig - 1] (linux/sched.h). The model keeps the
 * handler only: SIG_DFL, SIG_IGN, or a user address it never calls
 * (kernel/signal.h: a handler is "installed"); no flags, no mask. C++
 * leaves the inner struct unnamed: glibc has a struct sigaction of its own.
 */
#ifndef __cplusplus
struct sigaction {
	__sighandler_t sa_handler;
};
#endif

struct k_sigaction {
#ifdef __cplusplus
	struct {
		__sighandler_t sa_handler;
	} sa;
#else
	struct sigaction sa;
#endif
};

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
