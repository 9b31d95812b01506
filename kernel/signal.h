// Signals, SPEC.md section 10: siginfo with the sender's pid as the receiver
// sees it, kill(pid) resolved in the caller's VE, kill(-1), the protection
// of a VE's init, and SIGCHLD to the parent.
//
//   struct siginfo info = {};
//   info.si_signo = SIGUSR1;
//   send_sig_info(SIGUSR1, &info, target);   // queue one signal
//   sys_kill(2, SIGTERM);                     // virtual pid 2 of current's VE
//
// Delivery: a signal is queued on its target. A signal whose default action
// ends the process (SIGKILL always; SIGTERM, SIGINT, SIGHUP, SIGSEGV, ...
// when the target's group installed no handler) makes the target's thread
// group exit as soon as the sender leaves the task-list lock. Non-real-time
// signals do not queue twice: a second one while the first is pending is
// merged, as in the kernel.
//
// Locking: the signal queues are guarded by the Kernel's signal lock, which
// nests inside the task-list lock.
#ifndef VZSIM_KERNEL_SIGNAL_H_
#define VZSIM_KERNEL_SIGNAL_H_

#include <csignal>
#include <deque>

#include "kernel/task_record.h"

// glibc spells the fields of its own siginfo_t as macros; the kernel's
// struct siginfo below uses the plain names, so the macros must go (glibc's
// siginfo_t is not used anywhere in vzsim).
#undef si_pid
#undef si_uid
#undef si_status
#undef si_addr

// The kernel's signal numbers: 1 .. 64, real-time from 32 (glibc's _NSIG and
// SIGRTMIN differ: 65, and a libc call).
constexpr int KERNEL_NSIG = 64;
constexpr int KERNEL_SIGRTMIN = 32;

// struct siginfo (include/asm-generic/siginfo.h), the fields the simulation
// uses. glibc's siginfo_t is a different, tag-less type.
struct siginfo {
  int si_signo;
  int si_errno;
  int si_code;
  pid_t si_pid;  // the sender, as the receiver sees it
  unsigned si_uid;
  int si_status;          // SIGCHLD: exit code
  unsigned long si_addr;  // faults: the address
};

// si_code values come from <csignal>, with the kernel's numbers: SI_USER
// (sent by kill()), SI_KERNEL (by the kernel), CLD_EXITED (SIGCHLD).

struct sigqueue_head {
  std::deque<siginfo> queue;
};

// The pid of `sender` as code serving `receiver` must show it: its global
// tgid if the receiver is a host task, its virtual tgid if both are in the
// same VE, else 0 (not visible).
pid_t task_pid_seen_by(const task_struct* sender, const task_struct* receiver);

// send_sig_info(): queue `sig` on `p` with `info` as given (kernel-built
// siginfo: the caller fills si_pid). 0, -EINVAL for a bad signal or a null
// task, -ESRCH for a dead one.
int send_sig_info(int sig, siginfo* info, task_struct* p);
// sys_kill(): `pid` > 0: one process by pid as current sees it; 0: current's
// process group; -1: every process current may signal (from a VE: the VE's,
// but its init and current's own group); < -1: process group -pid. Sets
// si_pid for each receiver. -ESRCH if nothing was reached, -EINVAL for a bad
// signal; sig 0 only checks.
int sys_kill(pid_t pid, int sig);
// rt_sigaction(): installs (true) or removes a handler of current's group.
int sys_sigaction(int sig, bool has_handler);
// dequeue_signal(): takes the oldest pending signal of `p` into `info`.
// Returns its number, or 0 when none is pending.
int dequeue_signal(task_struct* p, siginfo* info);
// How many signals are queued on `p`.
int signal_pending_count(const task_struct* p);

#endif  // VZSIM_KERNEL_SIGNAL_H_
