// Kernel::Exit and friends (kernel/exit.c): do_exit(), exit_notify(),
// forget_original_parent(), release_task(), wait4(), and OpenVZ's
// do_initproc_exit(): the exit of a VE's init stops the VE.
//
// Reaping: a leader becomes a zombie until its parent reaps it with Wait().
// Host init reaps its zombie children at once, as /sbin/init's wait loop
// does; so, as a convenience of the model, does a running VE's init (in the
// kernel that is its userspace's business). A VE init that is exiting
// reaps its children in do_initproc_exit()'s loop, which is the kernel's
// own. Threads are reaped at once.
#include <cerrno>
#include <csignal>
#include <vector>

#include "absl/strings/str_format.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "kernel/mmap.h"
#include "ubc/ub_task.h"

namespace vzsim {
namespace {

bool Reapable(const task_struct* p) {
  return p->exit_state == EXIT_ZOMBIE && RecordOf(p)->nr_threads == 0;
}

// A VE init in do_initproc_exit()'s wait loop: exiting, not a zombie yet,
// still its VE's init.
bool InitWaiting(const ve_struct* ve) {
  const task_struct* init = ve->init_entry;
  return init != nullptr && init->ve_task_info.owner_env == ve &&
         (init->flags & PF_EXITING) && init->exit_state == 0;
}

}  // namespace

bool Kernel::ReapsAutomaticallyLocked(const task_struct* parent) const {
  return parent != nullptr && parent->exit_state == 0 &&
         parent->ve_task_info.owner_env->init_entry == parent;
}

task_struct* Kernel::ReaperForLocked(task_struct* dying, task_struct* orphan) {
  // forget_original_parent(): another thread of the group not yet a
  // zombie (one in do_exit() qualifies),
  for (task_struct* t = next_thread(dying); t != dying; t = next_thread(t)) {
    if (t->exit_state == 0) return t;
  }
  // else the init of the orphan's own VE, alive or not (during
  // do_initproc_exit() it is the exiting init, which reaps in its loop),
  // and host init for an orphan that is that init.
  task_struct* reaper = orphan->ve_task_info.owner_env->init_entry;
  if (reaper == orphan || reaper == nullptr || reaper == dying ||
      reaper->exit_state != 0) {
    reaper = init_task_;
  }
  return reaper;
}

void Kernel::ForgetOriginalParentLocked(task_struct* dying) {
  task_struct *child, *next;
  list_for_each_entry_safe(child, next, &dying->children, sibling) {
    task_struct* reaper = ReaperForLocked(dying, child);
    list_del_init(&child->sibling);
    list_add_tail(&child->sibling, &reaper->children);
    child->real_parent = reaper;
    for (task_struct* t = next_thread(child); t != child; t = next_thread(t)) {
      t->real_parent = reaper;
    }
    // reparent_thread(): a zombie tells its new parent again.
    if (Reapable(child)) ExitNotifyLocked(child);
  }
}

void Kernel::ExitNotifyLocked(task_struct* leader) {
  // do_notify_parent(): SIGCHLD, then the parent may reap the group.
  NotifyParentLocked(leader);
  if (ReapsAutomaticallyLocked(leader->real_parent)) ReleaseTaskLocked(leader);
}

void Kernel::ReleaseTaskLocked(task_struct* p) {
  ve_struct* ve = p->ve_task_info.owner_env;
  if (thread_group_leader(p)) {
    pids_.UnlinkLeader(p);
    list_del_init(&p->sibling);
  } else {
    list_del_init(&p->thread_group);
  }
  pids_.DetachTask(p);
  FreeSignalsLocked(p);
  ReleaseSignalStructs(p);
  // release_task() runs as the reaper: the thread itself when a thread is
  // reaped at once, else the parent that waits for it.
  UbReleaseTask(thread_group_leader(p) ? p->real_parent : p, p);
  if (p->nsproxy != nullptr) atomic_dec(&p->nsproxy->count);
  --nr_tasks_;
  p->exit_state = EXIT_DEAD;
  p->state = TASK_DEAD;
  // A task still running on a CPU is freed when that CPU switches away.
  if (!RecordOf(p)->on_cpu) FreeTaskLocked(p);
  // pput_ve(): the last task of a stopped VE schedules its cleanup; an
  // init waiting for the rest of its VE goes on once it is alone.
  atomic_dec(&ve->pcounter);
  const int left = atomic_read(&ve->pcounter);
  if (ve != ve0_ && !ve->is_running) {
    if (left == 0) {
      EnvCleanupLocked(ve);
    } else if (left == 1 && InitWaiting(ve)) {
      stopped_ves_.push_back(ve);
    }
  }
}

void Kernel::FreeTaskLocked(task_struct* p) {
  UbFreeTask(p);  // __put_task_struct(): ub_task_put(), free_task()
  task_cache_.Free(p);
}

void Kernel::PutOffCpuLocked(task_struct* task) {
  RecordOf(task)->on_cpu = 0;
  if (task->exit_state == EXIT_DEAD) FreeTaskLocked(task);
}

void Kernel::EnvCleanupLocked(ve_struct* ve) {
  // kernel/ve/vecalls.c: env_cleanup() (run by vzmond): the namespaces
  // go, the VE leaves the list and its id is free again; the struct is
  // freed at its last reference, "CT: %d: stopped".
  if (ve->ve_ns != nullptr) atomic_dec(&ve->ve_ns->count);
  pids_.DropVeList(ve);
  ves_.Remove(ve);
  Printk(absl::StrFormat("<6>CT: %d: stopped\n", static_cast<int>(ve->veid)));
}

void Kernel::InitprocExitLocked(ve_struct* ve, task_struct* init) {
  // No enter from now on; a create of this veid gives EBUSY or EACCES.
  ve->is_running = 0;
  // SIGKILL (si_code SI_KERNEL, si_pid 1) forced on every thread of the
  // VE, init's too: each goes through do_exit() at once. Collect global
  // pids first: a task's exit may reap others.
  std::vector<pid_t> victims;
  for (task_struct* leader : pids_.LeadersVe(ve)) {
    task_struct* t = leader;
    do {
      if (t != init && task_alive(t)) victims.push_back(t->pid);
      t = next_thread(t);
    } while (t != leader);
  }
  for (pid_t nr : victims) {
    task_struct* t = pids_.FindPid(nr);
    if (t != nullptr && task_alive(t)) ExitLocked(t, SIGKILL);
  }
  // The wait loop: init reaps what it can (its zombie children, which
  // ReapsAutomaticallyLocked lets it), and goes on once it is alone.
  if (atomic_read(&ve->pcounter) == 1) stopped_ves_.push_back(ve);
}

void Kernel::FinishStoppedVesLocked() {
  while (!stopped_ves_.empty()) {
    ve_struct* ve = stopped_ves_.back();
    stopped_ves_.pop_back();
    if (!InitWaiting(ve) || atomic_read(&ve->pcounter) != 1) continue;
    // The rest of do_initproc_exit(): host init takes the init's place and
    // becomes its parent; then do_exit() goes on.
    task_struct* init = ve->init_entry;
    ve->init_entry = init_task_;
    list_del_init(&init->sibling);
    list_add_tail(&init->sibling, &init_task_->children);
    init->real_parent = init_task_;
    FinishExitLocked(init);
  }
}

void Kernel::FinishExitLocked(task_struct* task) {
  // exit_mm(): the last user of an address space tears it down.
  if (mm_struct* mm = task->mm) {
    task->mm = nullptr;
    if (atomic_dec_and_test(&mm->mm_users)) DestroyMm(mm, task);
  }
  ForgetOriginalParentLocked(task);

  task_struct* leader = task->group_leader;
  // exit_files(), exit_fs(): the group's last thread frees what they share.
  if (--RecordOf(leader)->nr_threads == 0) UbExitFiles(task, leader);
  if (task != leader) {
    ReleaseTaskLocked(task);  // threads are reaped at once
    if (Reapable(leader)) ExitNotifyLocked(leader);
    return;
  }
  // A leader stays a zombie until its parent reaps it, and is not reapable
  // before the last thread of its group is gone (delay_group_leader()).
  task->exit_state = EXIT_ZOMBIE;
  if (Reapable(task)) ExitNotifyLocked(task);
}

int Kernel::ExitLocked(task_struct* task, int exit_code) {
  if (task == nullptr || IsIdleTask(task) || !task_alive(task)) {
    return -ESRCH;
  }
  if (task == init_task_) return -EPERM;  // "Attempted to kill init!"
  task->flags |= PF_EXITING;
  task->exit_code = exit_code;
  ve_struct* ve = task->ve_task_info.owner_env;
  ++exit_depth_;
  if (ve != ve0_ && ve->init_entry == task) {
    InitprocExitLocked(ve, task);  // init finishes once it is alone
  } else {
    FinishExitLocked(task);
  }
  if (--exit_depth_ == 0) FinishStoppedVesLocked();
  return 0;
}

int Kernel::ExitGroupLocked(task_struct* task, int exit_code) {
  if (task == nullptr || IsIdleTask(task)) return -ESRCH;
  task_struct* leader = task->group_leader;
  if (leader == init_task_) return -EPERM;
  if (RecordOf(leader)->nr_threads == 0)
    return -ESRCH;  // the whole group is gone
  // Non-leader threads first, then the leader, so that the leader's exit
  // finds its group empty and can notify its parent at once. A leader that
  // is a zombie already may be reaped by its last thread's exit: read its
  // state before, never after.
  const bool leader_alive = task_alive(leader);
  ++exit_depth_;
  for (task_struct* t = next_thread(leader); t != leader;) {
    task_struct* next = next_thread(t);
    if (task_alive(t)) ExitLocked(t, exit_code);
    t = next;
  }
  if (leader_alive) ExitLocked(leader, exit_code);
  if (--exit_depth_ == 0) FinishStoppedVesLocked();
  return 0;
}

namespace {

// kernel/exit.c: eligible_child(): does `p` match wait4's `pid` as code
// running for `env` (the waiter's exec env) means it?
bool EligibleChild(pid_t pid, const task_struct* p, const task_struct* waiter,
                   const ve_struct* env) {
  if (pid > 0) {
    return IsVirtualPid(pid, env) ? virt_pid(p) == pid : p->pid == pid;
  }
  if (pid == 0) return p->pgrp == waiter->pgrp;
  if (pid < -1) {
    return IsVirtualNr(-pid) ? virt_pgid(p) == -pid : p->pgrp == -pid;
  }
  return true;  // -1: any child
}

}  // namespace

int Kernel::WaitLocked(task_struct* parent, pid_t pid, WaitResult* out) {
  if (parent == nullptr || IsIdleTask(parent) || !task_alive(parent)) {
    return -ESRCH;
  }
  const ve_struct* env = parent->ve_task_info.exec_env;
  // do_wait(): the children of every thread of the caller's group.
  bool matched = false;
  task_struct* t = parent->group_leader;
  do {
    task_struct* child;
    list_for_each_entry(child, &t->children, sibling) {
      if (!EligibleChild(pid, child, parent, env)) continue;
      matched = true;
      if (!Reapable(child)) continue;
      out->pid = child->pid;
      out->vpid = child->vpid;
      out->exit_code = child->exit_code;
      ReleaseTaskLocked(child);
      FinishStoppedVesLocked();
      return 0;
    }
    t = next_thread(t);
  } while (t != parent->group_leader);
  if (!matched) return -ECHILD;
  *out = WaitResult{};
  return 0;
}

absl::Status Kernel::Exit(task_struct* task, int exit_code) {
  absl::MutexLock lock(&tasklist_lock_);
  const int err = ExitLocked(task, exit_code);
  return ErrnoError(err, err == -EPERM ? "exit: host init may not exit"
                                       : "exit: not a live task");
}

absl::Status Kernel::ExitGroup(task_struct* task, int exit_code) {
  absl::MutexLock lock(&tasklist_lock_);
  const int err = ExitGroupLocked(task, exit_code);
  return ErrnoError(err, err == -EPERM ? "exit_group: host init may not exit"
                                       : "exit_group: no live thread");
}

absl::StatusOr<WaitResult> Kernel::Wait(task_struct* parent, pid_t pid) {
  absl::MutexLock lock(&tasklist_lock_);
  WaitResult result;
  const int err = WaitLocked(parent, pid, &result);
  if (err < 0) {
    return ErrnoError(err, err == -ECHILD ? "wait: no such child"
                                          : "wait: the caller is not a live "
                                            "task");
  }
  return result;
}

}  // namespace vzsim
