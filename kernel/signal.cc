// Signals (SPEC.md section 10): kill resolution from a VE, si_pid as the
// receiver sees the sender, the protection of a VE's init, SIGCHLD.
#include "kernel/signal.h"

#include <cerrno>
#include <vector>

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

bool Handles(const task_struct* p, int sig) {
  return (vzsim::RecordOf(p->group_leader)->sig_handled >> (sig - 1)) & 1;
}

}  // namespace

pid_t task_pid_seen_by(const task_struct* sender, const task_struct* receiver) {
  if (sender == nullptr || receiver == nullptr) return 0;
  if (receiver->ve_task_info.owner_env->veid == 0) return sender->tgid;
  if (receiver->ve_task_info.owner_env == sender->ve_task_info.owner_env) {
    return sender->group_leader->vpid;  // virt_tgid()
  }
  return 0;
}

namespace vzsim {

int Kernel::SendSignalLocked(task_struct* p, int sig, const siginfo& info) {
  if (p == nullptr || !ValidSignal(sig)) return -EINVAL;
  if (!task_alive(p) || (p->flags & PF_IDLE)) return -ESRCH;
  absl::MutexLock lock(&sig_lock_);
  if (RecordOf(p)->sigqueue == nullptr)
    RecordOf(p)->sigqueue = new sigqueue_head;
  bool merged = false;
  if (sig < KERNEL_SIGRTMIN) {  // legacy signals do not queue twice
    for (const siginfo& q : RecordOf(p)->sigqueue->queue)
      merged |= q.si_signo == sig;
  }
  if (!merged) {
    siginfo copy = info;
    copy.si_signo = sig;
    RecordOf(p)->sigqueue->queue.push_back(copy);
  }
  if (sig == SIGKILL || (DefaultIsFatal(sig) && !Handles(p, sig))) {
    fatal_pending_.push_back(p->pid);
  }
  return 0;
}

bool Kernel::InitDropsLocked(const task_struct* sender,
                             const task_struct* target, int sig) const {
  const task_struct* leader = target->group_leader;
  // Host init: nothing without a handler reaches it, SIGKILL included.
  if (leader == init_task_) return sig == SIGKILL || !Handles(leader, sig);
  ve_struct* ve = leader->ve_task_info.owner_env;
  if (ve == ve0_ || ve->init_entry != leader) return false;
  // A VE's init is protected from its own VE only; the host may kill it.
  if (sender->ve_task_info.exec_env != ve) return false;
  return sig == SIGKILL || sig == SIGSTOP || !Handles(leader, sig);
}

int Kernel::KillLocked(task_struct* sender, pid_t pid, int sig) {
  if (sender == nullptr || !task_alive(sender)) return -ESRCH;
  if (sig < 0 || sig > KERNEL_NSIG) return -EINVAL;
  InterruptPoint();  // an interrupt may arrive here; it must leave no trace
  ve_struct* env = sender->ve_task_info.exec_env;
  // The processes kill() may reach: one by pid, or a walk of the caller's
  // view (for_each_process_ve: the VE's own, or everything from ve0).
  std::vector<task_struct*> targets;
  if (pid > 0) {
    task_struct* t = FindTaskByPidVeLocked(pid, env);
    if (t == nullptr || (t->flags & PF_IDLE)) return -ESRCH;
    targets.push_back(t);
  } else {
    // The group number is in the caller's view: virtual inside a VE.
    const pid_t own = env == ve0_ ? sender->pgrp : sender->vpgrp;
    const pid_t pgrp = pid == 0 ? own : -pid;
    TaskSpan span = LeadersVeLocked(env);
    for (task_struct* const* it = span.cur; it != span.end; ++it) {
      task_struct* p = *it;
      if (!task_alive(p) && RecordOf(p)->nr_threads == 0) continue;
      if (pid == -1) {
        // Everyone but init (the host's or the VE's) and our own group.
        if (p == sender->group_leader || p == init_task_ ||
            (env != ve0_ && p == env->init_entry)) {
          continue;
        }
      } else {
        const pid_t its = env == ve0_ ? p->pgrp : p->vpgrp;
        if (its != pgrp) continue;
      }
      targets.push_back(p);
    }
    if (targets.empty()) return -ESRCH;
  }
  if (sig == 0) return 0;
  for (task_struct* t : targets) {
    if (InitDropsLocked(sender, t, sig)) continue;  // silently, as the kernel
    siginfo info{};
    info.si_code = SI_USER;
    info.si_pid = task_pid_seen_by(sender, t);
    SendSignalLocked(t, sig, info);
  }
  return 0;
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
    task_struct* p = pidmap_.Lookup(nr);
    if (p == nullptr || (RecordOf(p->group_leader)->nr_threads == 0)) continue;
    // The exit code of a signalled process is the signal number.
    int sig = SIGKILL;
    {
      absl::MutexLock sl(&sig_lock_);
      if (RecordOf(p)->sigqueue != nullptr) {
        for (const siginfo& q : RecordOf(p)->sigqueue->queue) {
          if (q.si_signo == SIGKILL ||
              (DefaultIsFatal(q.si_signo) && !Handles(p, q.si_signo))) {
            sig = q.si_signo;
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
  absl::MutexLock sl(&sig_lock_);
  const uint64_t bit = uint64_t{1} << (sig - 1);
  uint64_t& mask = RecordOf(task->group_leader)->sig_handled;
  mask = has_handler ? (mask | bit) : (mask & ~bit);
  return absl::OkStatus();
}

siginfo Kernel::DequeueSignal(task_struct* task) {
  absl::MutexLock lock(&sig_lock_);
  siginfo info{};
  if (task == nullptr || RecordOf(task)->sigqueue == nullptr ||
      RecordOf(task)->sigqueue->queue.empty()) {
    return info;
  }
  info = RecordOf(task)->sigqueue->queue.front();
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
  delete RecordOf(p)->sigqueue;
  RecordOf(p)->sigqueue = nullptr;
}

void Kernel::NotifyParentLocked(task_struct* leader) {
  task_struct* parent = leader->real_parent;
  if (parent == nullptr || !task_alive(parent)) return;
  siginfo info{};
  info.si_code = CLD_EXITED;
  info.si_pid = task_pid_seen_by(leader, parent);
  info.si_status = leader->exit_code;
  SendSignalLocked(parent, SIGCHLD, info);
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
