// Kernel::Exit and friends: do_exit(), exit_notify(), forget_original_parent()
// and release_task(), with the OpenVZ rules of SPEC.md section 2 (the exit of
// a VE's init stops the VE and kills the rest of it) and section 3 (orphans
// go to the VE's init inside a VE, to pid 1 on the host).
//
// Reaping: a leader becomes a zombie until its parent reaps it with Wait().
// Init tasks (host pid 1 and each VE's init) reap their zombie children
// themselves, as /sbin/init's wait loop does; threads are reaped at once.
#include <cerrno>
#include <csignal>
#include <vector>

#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "kernel/mmap.h"

namespace vzsim {
namespace {

// The parent runs /sbin/init's wait loop: it reaps zombie children at once.
bool ReapsAutomatically(const task_struct* parent) {
  return parent != nullptr && task_alive(parent) &&
         parent->ve_task_info.owner_env->init_entry == parent;
}

bool Reapable(const task_struct* p) {
  return p->exit_state == EXIT_ZOMBIE && RecordOf(p)->nr_threads == 0;
}

}  // namespace

task_struct* Kernel::ReaperForLocked(task_struct* dying, task_struct* orphan) {
  // find_new_reaper(): first another live thread of the dying task's group,
  for (task_struct* t = next_thread(dying); t != dying; t = next_thread(t)) {
    if (task_alive(t)) return t;
  }
  // then the init of the orphan's VE (the OpenVZ rule), then host pid 1.
  task_struct* ve_init = orphan->ve_task_info.owner_env->init_entry;
  if (orphan->ve_task_info.owner_env != ve0_ && ve_init != nullptr &&
      ve_init != dying && task_alive(ve_init)) {
    return ve_init;
  }
  return init_task_;
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
    if (Reapable(child) && ReapsAutomatically(reaper)) {
      ReleaseTaskLocked(child);
    }
  }
}

void Kernel::ExitNotifyLocked(task_struct* leader) {
  // do_notify_parent(): SIGCHLD, then the parent may reap the group.
  NotifyParentLocked(leader);
  if (ReapsAutomatically(leader->real_parent)) ReleaseTaskLocked(leader);
}

void Kernel::ReleaseTaskLocked(task_struct* p) {
  ve_struct* ve = p->ve_task_info.owner_env;
  if (thread_group_leader(p)) {
    UnlinkLeaderLocked(p);
    list_del_init(&p->sibling);
  } else {
    list_del_init(&p->thread_group);
  }
  DropIdsLocked(p);
  FreeSignalsLocked(p);
  // ub_task_uncharge()
  uncharge_beancounter(p->task_bc.task_ub, UB_NUMPROC, 1);
  uncharge_beancounter(p->task_bc.task_ub, UB_KMEMSIZE, TASK_KMEM_SIZE);
  if (ve->init_entry == p) ve->init_entry = nullptr;
  atomic_dec(&ve->pcounter);
  --nr_tasks_;
  p->exit_state = EXIT_DEAD;
  p->state = TASK_DEAD;
  // A task still running on a CPU is freed when that CPU switches away.
  if (!RecordOf(p)->on_cpu) task_cache_.Free(p);
}

void Kernel::PutOffCpuLocked(task_struct* task) {
  RecordOf(task)->on_cpu = 0;
  if (task->exit_state == EXIT_DEAD) task_cache_.Free(task);
}

void Kernel::StopVeLocked(ve_struct* ve, task_struct* dying_init) {
  // zap_ve_processes(): no new tasks from now on, and every other task of
  // the VE is killed. Collect global pids first: killing one task may reap
  // others (its zombie children), so pointers would go stale.
  ve->is_running = false;
  std::vector<pid_t> victims;
  for (task_struct* leader : RecordOf(ve)->leaders) {
    if (leader != dying_init->group_leader) victims.push_back(leader->pid);
  }
  for (pid_t nr : victims) {
    if (task_struct* p = pidmap_.Lookup(nr)) ExitGroupLocked(p, SIGKILL);
  }
  // Other threads of init's own group go too.
  for (task_struct* t = next_thread(dying_init); t != dying_init;) {
    task_struct* next = next_thread(t);
    if (task_alive(t)) ExitLocked(t, SIGKILL);
    t = next;
  }
}

int Kernel::ExitLocked(task_struct* task, int exit_code) {
  if (task == nullptr || (task->flags & PF_IDLE) || !task_alive(task)) {
    return -ESRCH;
  }
  if (task == init_task_) return -EPERM;  // "Attempted to kill init!"
  task->flags |= PF_EXITING;
  task->exit_code = exit_code;
  ve_struct* ve = task->ve_task_info.owner_env;
  if (ve != ve0_ && ve->init_entry == task) StopVeLocked(ve, task);
  // exit_mm(): the last user of an address space tears it down.
  if (mm_struct* mm = task->mm) {
    task->mm = nullptr;
    if (atomic_dec_and_test(&mm->mm_users)) DestroyMm(mm);
  }
  ForgetOriginalParentLocked(task);

  task_struct* leader = task->group_leader;
  --RecordOf(leader)->nr_threads;
  if (task != leader) {
    ReleaseTaskLocked(task);  // threads are reaped at once
    if (Reapable(leader)) ExitNotifyLocked(leader);
    return 0;
  }
  // A leader stays a zombie until its parent reaps it, and is not reapable
  // before the last thread of its group is gone (delay_group_leader()).
  task->exit_state = EXIT_ZOMBIE;
  if (Reapable(task)) ExitNotifyLocked(task);
  return 0;
}

int Kernel::ExitGroupLocked(task_struct* task, int exit_code) {
  if (task == nullptr || (task->flags & PF_IDLE)) return -ESRCH;
  task_struct* leader = task->group_leader;
  if (leader == init_task_) return -EPERM;
  if (RecordOf(leader)->nr_threads == 0)
    return -ESRCH;  // the whole group is gone
  // Non-leader threads first, then the leader, so that the leader's exit
  // finds its group empty and can notify its parent at once. A leader that
  // is a zombie already may be reaped by its last thread's exit: read its
  // state before, never after.
  const bool leader_alive = task_alive(leader);
  for (task_struct* t = next_thread(leader); t != leader;) {
    task_struct* next = next_thread(t);
    if (task_alive(t)) ExitLocked(t, exit_code);
    t = next;
  }
  if (leader_alive) ExitLocked(leader, exit_code);
  return 0;
}

int Kernel::WaitLocked(task_struct* parent, pid_t pid, WaitResult* out) {
  if (parent == nullptr || (parent->flags & PF_IDLE) || !task_alive(parent)) {
    return -ESRCH;
  }
  if (pid == 0 || pid < -1)
    return -EINVAL;  // process-group waits: not modelled
  // do_wait(): the children of every thread of the caller's group.
  bool matched = false;
  task_struct* t = parent->group_leader;
  do {
    task_struct* child;
    list_for_each_entry(child, &t->children, sibling) {
      if (pid != -1 && child->pid != pid) continue;
      matched = true;
      if (!Reapable(child)) continue;
      out->pid = child->pid;
      out->vpid = child->vpid;
      out->exit_code = child->exit_code;
      ReleaseTaskLocked(child);
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
    const char* why = err == -ECHILD   ? "wait: no such child"
                      : err == -EINVAL ? "wait: pid must be -1 or positive"
                                       : "wait: the caller is not a live task";
    return ErrnoError(err, why);
  }
  return result;
}

}  // namespace vzsim
