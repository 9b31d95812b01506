// Signals (kernel/signal.c): kill_something_info() and its helpers,
// group_send_sig_info() with sig_ve_ignored() and sig_ignored(), and
// do_notify_parent().
#include "kernel/signal.h"

#include <algorithm>
#include <cerrno>
#include <iterator>
#include <vector>

#include "include/ub/ub_misc.h"
#include "kernel/cpu.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"

namespace {

bool ValidSignal(int sig) { return sig >= 1 && sig <= KERNEL_NSIG; }

// The default action of `sig` ends the process (terminate or core dump).
bool DefaultIsFatal(int sig) {
  switch (sig) {
    case SIGCHLD:
    case SIGCONT:
    case SIGURG:
    case SIGWINCH:  // ignored
    case SIGSTOP:
    case SIGTSTP:
    case SIGTTIN:
    case SIGTTOU:  // stop
      return false;
    default:
      return true;
  }
}

// sig_kernel_ignore(): signals whose default action is to be ignored.
bool DefaultIsIgnore(int sig) {
  return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH;
}

// A handler is installed for `sig` in p's group (a released task has
// none). The handler is read under its siglock, as rt_sigaction() writes it.
bool Handles(const task_struct* p, int sig) {
  sighand_struct* sighand = p->sighand;
  if (sighand == nullptr) return false;
  spin_lock(&sighand->siglock);
  const __sighandler_t handler = sighand->action[sig - 1].sa.sa_handler;
  spin_unlock(&sighand->siglock);
  return handler != SIG_DFL && handler != SIG_IGN;
}

// include/asm-generic/resource.h: INIT_RLIMITS. The limits the model has no
// use for keep the boot values (RLIMIT_NPROC and RLIMIT_SIGPENDING the 0
// of INIT_RLIMITS: fork_init() would size them from max_threads).
void InitRlimits(signal_struct* signal) {
  struct rlimit* rlim = signal->rlim;
  for (struct rlimit& r : signal->rlim) r = {RLIM_INFINITY, RLIM_INFINITY};
  rlim[RLIMIT_STACK] = {_STK_LIM, RLIM_INFINITY};
  rlim[RLIMIT_CORE] = {0, RLIM_INFINITY};
  rlim[RLIMIT_NPROC] = {0, 0};
  rlim[RLIMIT_NOFILE] = {1024, 1024};  // INR_OPEN
  rlim[RLIMIT_MEMLOCK] = {MLOCK_LIMIT, MLOCK_LIMIT};
  rlim[RLIMIT_SIGPENDING] = {0, 0};
  rlim[RLIMIT_MSGQUEUE] = {819200, 819200};  // MQ_BYTES_MAX
  rlim[RLIMIT_NICE] = {0, 0};
  rlim[RLIMIT_RTPRIO] = {0, 0};
}

// 2.6.18's RLIM_NLIMITS is 15, its last limit RLIMIT_RTPRIO (glibc's own
// RLIM_NLIMITS also counts the later RLIMIT_RTTIME).
static_assert(std::size(signal_struct{}.rlim) == 15 && RLIMIT_RTPRIO == 14,
              "2.6.18's resource limits");
static_assert(sizeof(sighand_struct::action) / sizeof(k_sigaction) ==
                  KERNEL_NSIG,
              "one action per kernel signal");

// sig_ve_ignored(): a VE's init ignores, sent by a task of its own VE (by
// owner) running for a VE, a user signal it has no handler for, and SIGKILL
// and SIGSTOP. Kernel-made siginfo (si_code > 0) is not subject to it.
bool SigVeIgnored(const task_struct* sender, int sig, const siginfo& info,
                  const task_struct* t) {
  if (info.si_code > 0) return false;
  if (sender->ve_task_info.owner_env->init_entry != t) return false;
  if (ve_is_super(sender->ve_task_info.exec_env)) return false;
  return sig == SIGKILL || sig == SIGSTOP || !Handles(t, sig);
}

}  // namespace

namespace vzsim {

signal_struct* init_signals() {
  static signal_struct* const boot = [] {
    auto* s = new signal_struct{};
    InitRlimits(s);
    return s;
  }();
  return boot;
}

sighand_struct* init_sighand() {
  static sighand_struct* const boot = new sighand_struct{};  // all SIG_DFL
  return boot;
}

void CopySignalStructs(task_struct* parent, task_struct* child,
                       unsigned long clone_flags) {
  if (clone_flags & CLONE_THREAD) {  // CLONE_SIGHAND with it
    child->signal = parent->signal;
    child->sighand = parent->sighand;
    atomic_inc(&child->signal->count);
    atomic_inc(&child->sighand->count);
    return;
  }
  auto* signal = new signal_struct{};
  atomic_set(&signal->count, 1);
  std::copy(std::begin(parent->signal->rlim), std::end(parent->signal->rlim),
            signal->rlim);
  auto* sighand = new sighand_struct{};
  atomic_set(&sighand->count, 1);
  spin_lock(&parent->sighand->siglock);
  std::copy(std::begin(parent->sighand->action),
            std::end(parent->sighand->action), sighand->action);
  spin_unlock(&parent->sighand->siglock);
  child->signal = signal;
  child->sighand = sighand;
}

void ReleaseSignalStructs(task_struct* p) {
  if (p->signal != nullptr && p->signal != init_signals() &&
      atomic_dec_and_test(&p->signal->count)) {
    delete p->signal;
  }
  if (p->sighand != nullptr && p->sighand != init_sighand() &&
      atomic_dec_and_test(&p->sighand->count)) {
    delete p->sighand;
  }
  p->signal = nullptr;
  p->sighand = nullptr;
}

int Kernel::SendSignalLocked(task_struct* p, int sig, const siginfo& info) {
  if (p == nullptr || !ValidSignal(sig)) return -EINVAL;
  if (p->exit_state == EXIT_DEAD || IsIdleTask(p)) return -ESRCH;
  if (!task_alive(p) && RecordOf(p->group_leader)->nr_threads == 0) {
    return 0;  // a zombie group: nothing runs to take it
  }
  absl::MutexLock lock(&sig_lock_);
  if (RecordOf(p)->sigqueue == nullptr) {
    RecordOf(p)->sigqueue = new sigqueue_head;
  }
  bool merged = false;
  if (sig < KERNEL_SIGRTMIN) {  // legacy signals do not queue twice
    for (const struct sigqueue& q : RecordOf(p)->sigqueue->queue) {
      merged |= q.info.si_signo == sig;
    }
  }
  if (!merged) {
    // send_signal(): __sigqueue_alloc() charges the receiver's task_ub. A
    // refused real-time signal that kill() did not send is -EAGAIN; any
    // other is still pending, without its info (collect_signal() then
    // hands out zeros but the number).
    struct sigqueue q = {};
    q.info = info;
    q.info.si_signo = sig;
    if (ub_siginfo_charge(&q, p->task_bc.task_ub) != 0) {
      if (sig >= KERNEL_SIGRTMIN && info.si_code != SI_USER) return -EAGAIN;
      q = {};
      q.info.si_signo = sig;
    }
    RecordOf(p)->sigqueue->queue.push_back(q);
  }
  // Host init never takes a default action (get_signal_to_deliver()).
  if (p->group_leader != init_task_ &&
      (sig == SIGKILL || (DefaultIsFatal(sig) && !Handles(p, sig)))) {
    fatal_pending_.push_back(p->pid);
  }
  return 0;
}

int Kernel::GroupSendSigLocked(task_struct* sender, int sig,
                               const siginfo& info, task_struct* p) {
  // check_kill_permission(): a valid number (the model has no uids, so
  // every sender may signal every target); sig 0 only checks.
  if (sig < 0 || sig > KERNEL_NSIG) return -EINVAL;
  if (sig == 0) return 0;
  if (p->exit_state == EXIT_DEAD) return -ESRCH;  // no sighand any more
  if (SigVeIgnored(sender, sig, info, p)) return 0;
  // sig_ignored(): a default-ignore signal without a handler is dropped.
  if (DefaultIsIgnore(sig) && !Handles(p, sig)) return 0;
  return SendSignalLocked(p->group_leader, sig, info);  // the shared queue
}

int Kernel::KillPgLocked(task_struct* sender, int sig, const siginfo& info,
                         pid_t pgrp) {
  // __kill_pg_info(): a virtual group number is translated from the exec
  // env; then every leader of that global group the exec env may see.
  if (pgrp <= 0) return -EINVAL;
  const ve_struct* env = sender->ve_task_info.exec_env;
  if (IsVirtualPid(pgrp, env)) pgrp = pids_.VpidToPid(pgrp, env);
  bool success = false;
  int retval = -ESRCH;
  for (task_struct* p : pids_.LeadersVe(env)) {
    if (p->pgrp != pgrp) continue;
    const int err = GroupSendSigLocked(sender, sig, info, p);
    success |= err == 0;
    retval = err;
  }
  return success ? 0 : retval;
}

int Kernel::KillLocked(task_struct* sender, pid_t pid, int sig) {
  if (sender == nullptr || !task_alive(sender)) return -ESRCH;
  InterruptPoint();  // an interrupt may arrive here; it must leave no trace
  const ve_struct* env = sender->ve_task_info.exec_env;
  // sys_kill(): SI_USER, the sender's stored tgid for every receiver.
  siginfo info{};
  info.si_code = SI_USER;
  info.si_pid = virt_tgid(sender);
  if (pid > 0) {  // kill_proc_info()
    task_struct* t = pids_.FindTaskByPidVe(pid, env);
    if (t == nullptr || IsIdleTask(t)) return -ESRCH;
    return GroupSendSigLocked(sender, sig, info, t);
  }
  if (pid == 0) return KillPgLocked(sender, sig, info, sender->pgrp);
  if (pid < -1) return KillPgLocked(sender, sig, info, -pid);
  // kill(-1): every process the exec env walks, but the inits (virt_pid 1)
  // and the caller's own group.
  int count = 0;
  int retval = 0;
  std::vector<task_struct*> targets;
  for (task_struct* p : pids_.LeadersVe(env)) {
    if (virt_pid(p) > 1 && p->tgid != sender->tgid) targets.push_back(p);
  }
  for (task_struct* p : targets) {
    const int err = GroupSendSigLocked(sender, sig, info, p);
    ++count;
    if (err != -EPERM) retval = err;
  }
  return count > 0 ? retval : -ESRCH;
}

absl::Status Kernel::Kill(task_struct* sender, pid_t pid, int sig) {
  int err;
  {
    absl::ReaderMutexLock lock(&tasklist_lock_);
    err = KillLocked(sender, pid, sig);
  }
  DeliverFatalSignals();
  return ErrnoError(
      err, err == -EINVAL ? "kill: bad signal" : "kill: no such process");
}

void Kernel::DeliverFatalSignals() {
  std::vector<pid_t> victims;
  {
    absl::MutexLock lock(&sig_lock_);
    victims.swap(fatal_pending_);
  }
  if (victims.empty()) return;
  absl::MutexLock lock(&tasklist_lock_);
  for (pid_t nr : victims) {
    task_struct* p = pids_.FindPid(nr);
    if (p == nullptr || (RecordOf(p->group_leader)->nr_threads == 0)) continue;
    // The exit code of a signalled process is the signal number.
    int sig = SIGKILL;
    {
      absl::MutexLock sl(&sig_lock_);
      if (RecordOf(p)->sigqueue != nullptr) {
        for (const struct sigqueue& q : RecordOf(p)->sigqueue->queue) {
          const int qsig = q.info.si_signo;
          if (qsig == SIGKILL || (DefaultIsFatal(qsig) && !Handles(p, qsig))) {
            sig = qsig;
            break;
          }
        }
      }
    }
    ExitGroupLocked(p, sig);
  }
}

absl::Status Kernel::SetSignalHandler(task_struct* task, int sig,
                                      bool has_handler) {
  if (!ValidSignal(sig) || sig == SIGKILL || sig == SIGSTOP) {
    return ErrnoError(-EINVAL, "sigaction: bad signal, or SIGKILL / SIGSTOP");
  }
  absl::ReaderMutexLock lock(&tasklist_lock_);
  if (task == nullptr || !task_alive(task)) {
    return ErrnoError(-ESRCH, "sigaction: not a live task");
  }
  // sys_rt_sigaction(): do_sigaction() under the group's siglock.
  sighand_struct* sighand = task->sighand;
  spin_lock(&sighand->siglock);
  sighand->action[sig - 1].sa.sa_handler =
      has_handler ? InstalledHandler() : SIG_DFL;
  spin_unlock(&sighand->siglock);
  return absl::OkStatus();
}

siginfo Kernel::DequeueSignal(task_struct* task) {
  absl::MutexLock lock(&sig_lock_);
  siginfo info{};
  if (task == nullptr || RecordOf(task)->sigqueue == nullptr ||
      RecordOf(task)->sigqueue->queue.empty()) {
    return info;
  }
  struct sigqueue& q = RecordOf(task)->sigqueue->queue.front();
  info = q.info;
  ub_siginfo_uncharge(&q);  // __sigqueue_free()
  RecordOf(task)->sigqueue->queue.pop_front();
  return info;
}

int Kernel::PendingSignalCount(const task_struct* task) const {
  absl::MutexLock lock(&sig_lock_);
  if (task == nullptr || RecordOf(task)->sigqueue == nullptr) return 0;
  return static_cast<int>(RecordOf(task)->sigqueue->queue.size());
}

void Kernel::FreeSignalsLocked(task_struct* p) {
  absl::MutexLock lock(&sig_lock_);
  sigqueue_head* head = RecordOf(p)->sigqueue;
  if (head == nullptr) return;
  for (struct sigqueue& q : head->queue) ub_siginfo_uncharge(&q);  // flush
  delete head;
  RecordOf(p)->sigqueue = nullptr;
}

void Kernel::NotifyParentLocked(task_struct* leader) {
  // do_notify_parent(): the child as its parent's owner VE numbers it, the
  // way it ended; dropped at send unless the parent handles SIGCHLD.
  task_struct* parent = leader->real_parent;
  if (parent == nullptr || parent->exit_state != 0) return;
  siginfo info{};
  const int code = leader->exit_code;
  if ((code & 0x7f) == 0) {
    info.si_code = CLD_EXITED;
    info.si_status = code >> 8;
  } else {
    info.si_code = (code & 0x80) ? CLD_DUMPED : CLD_KILLED;
    info.si_status = code & 0x7f;
  }
  info.si_pid = get_task_pid_ve(leader, parent->ve_task_info.owner_env);
  if (!Handles(parent, SIGCHLD)) return;  // sig_ignored()
  SendSignalLocked(parent->group_leader, SIGCHLD, info);
}

}  // namespace vzsim

int send_sig_info(int sig, siginfo* info,
                  task_struct* p) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  if (info == nullptr) return -EINVAL;
  return k->SendSignalLocked(p, sig, *info);
}

int sys_kill(pid_t pid, int sig) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  return -vzsim::ErrnoOf(k->Kill(current, pid, sig));
}

int sys_sigaction(int sig, bool has_handler) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  return -vzsim::ErrnoOf(k->SetSignalHandler(current, sig, has_handler));
}

int dequeue_signal(task_struct* p, siginfo* info) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr || info == nullptr) return 0;
  *info = k->DequeueSignal(p);
  return info->si_signo;
}

int signal_pending_count(const task_struct* p) {
  vzsim::Kernel* k = vzsim::this_kernel();
  return k == nullptr ? 0 : k->PendingSignalCount(p);
}
