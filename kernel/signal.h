// Signals (kernel/signal.c): kill() and its targets, si_pid as each path
// fills it, the protection of a VE's init, signals dropped at send, and
// SIGCHLD to the parent.
//
//   struct siginfo info = {};
//   info.si_signo = SIGUSR1;
//   send_sig_info(SIGUSR1, &info, target);   // queue one signal
//   sys_kill(6025, SIGTERM);                  // a VE task by its virtual pid
//
// Delivery: a signal sent to a process is queued on its group leader (the
// group's shared queue). A signal whose default action ends the process
// (SIGKILL always; SIGTERM, SIGINT, SIGHUP, SIGSEGV, ... when the target's
// group installed no handler) makes the target's thread group exit as soon
// as the sender leaves the task-list lock. A signal whose default action is
// to be ignored (SIGCHLD, SIGCONT, SIGURG, SIGWINCH) is dropped at send
// when no handler is installed (sig_ignored()). Host init takes signals but
// never dies of one (get_signal_to_deliver() skips default actions for
// child_reaper); kernel threads block them all. Non-real-time signals do not
// queue twice: a second one while the first is pending is merged.
#ifndef VZSIM_KERNEL_SIGNAL_H_
#define VZSIM_KERNEL_SIGNAL_H_

#include <csignal>
#include <deque>

#include "kernel/task_record.h"

// The kernel's signal numbers: 1 .. 64, real-time from 32 (glibc's _NSIG and
// SIGRTMIN differ: 65, and a libc call).
constexpr int KERNEL_NSIG = 64;
constexpr int KERNEL_SIGRTMIN = 32;

// struct siginfo: the kernel face's (include/asm-generic/siginfo.h).
#include "include/asm-generic/siginfo.h"
#include "include/linux/signal.h"

// si_code values come from <csignal>, with the kernel's numbers: SI_USER
// (sent by kill()), SI_KERNEL (by the kernel), CLD_EXITED (SIGCHLD).

// A task's queued signals, oldest first, each a struct sigqueue
// (include/linux/signal.h) whose numsiginfo and kmemsize are charged to the
// receiver's task_ub (ub_siginfo_charge()), or with sig_ub null for a
// signal the beancounter refused: it is then pending without its info, as
// the kernel's bitmask alone keeps it.
struct sigqueue_head {
  std::deque<struct sigqueue> queue;  // guarded by the Kernel's sig_lock_
};

// send_sig_info(): queue `sig` on the thread `p` with `info` as given
// (kernel-built siginfo: the caller fills si_pid). 0, -EINVAL for a bad
// signal or a null task, -ESRCH for a dead one.
int send_sig_info(int sig, siginfo* info, task_struct* p);
// sys_kill() (kernel/signal.c: kill_something_info()), si_code SI_USER and
// si_pid virt_tgid(current) for every receiver. `pid` > 0: the process
// find_task_by_pid_ve() finds (-ESRCH when none, before the signal is
// looked at); 0: current's global process group; -1: every process
// current's exec env walks but those whose virt_pid() is 1 (host init and
// every VE's init) and current's own group (-ESRCH when none; 0 when every
// send was refused with EPERM); < -1: process group -pid, a virtual number
// translated (__vpid_to_pid()). -EINVAL for a bad signal; sig 0 only
// checks. A VE's init ignores, from its own VE, signals it has no handler
// for and SIGKILL / SIGSTOP (sig_ve_ignored()).
int sys_kill(pid_t pid, int sig);
// rt_sigaction(): installs (true) or removes a handler of current's group.
int sys_sigaction(int sig, bool has_handler);

namespace vzsim {

// The handler rt_sigaction() installs in the model: a user address
// (sighand->action[sig - 1].sa.sa_handler), never called, since the model
// runs no user code; what matters is that it is neither SIG_DFL nor SIG_IGN.
inline __sighandler_t InstalledHandler() {
  return reinterpret_cast<__sighandler_t>(0x400000);
}
// The boot task's limits and handlers (include/linux/init_task.h:
// INIT_SIGNALS with INIT_RLIMITS, INIT_SIGHAND: every handler SIG_DFL),
// which every CPU's idle task uses; never freed.
signal_struct* init_signals();
sighand_struct* init_sighand();
// copy_signal(), copy_sighand() (kernel/fork.c): a new process gets copies
// of `parent`'s limits and handlers; a CLONE_THREAD child shares them.
void CopySignalStructs(task_struct* parent, task_struct* child,
                       unsigned long clone_flags);
// __exit_signal(), __exit_sighand() (kernel/exit.c): `p` lets go of them;
// the last task frees them. Its pointers are NULL afterwards.
void ReleaseSignalStructs(task_struct* p);

}  // namespace vzsim
// dequeue_signal(): takes the oldest pending signal of `p` into `info`.
// Returns its number, or 0 when none is pending.
int dequeue_signal(task_struct* p, siginfo* info);
// How many signals are queued on `p`.
int signal_pending_count(const task_struct* p);

#endif  // VZSIM_KERNEL_SIGNAL_H_
