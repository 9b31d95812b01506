// Kernel::Fork: copy_process() and do_fork_pid() (kernel/fork.c), with
// OpenVZ's parts: the child copies its parent's task (both VE pointers, the
// capabilities, the namespaces, the process group and session), takes a
// global pid (kernel/pid.c: alloc_pid()) and a virtual pid in the forking
// task's exec env (alloc_vpid()), and counts in its owner VE's pcounter.
#include <cerrno>
#include <cstring>

#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "kernel/mmap.h"
#include "ubc/ub_task.h"

namespace vzsim {

int Kernel::ForkPidsLocked(task_struct* parent, pid_t vpid0, task_struct** out,
                           absl::string_view comm, unsigned long clone_flags) {
  if (parent == nullptr || !task_alive(parent) || IsIdleTask(parent)) {
    return -ESRCH;
  }
  // do_fork_pid(): alloc_pid() first; no number is -EAGAIN.
  const int pid = pids_.numbers().Alloc();
  if (pid < 0) return -EAGAIN;

  InterruptPoint();  // an interrupt may arrive here; it must leave no trace
  TaskRecord* p = task_cache_.Alloc();
  // The beancounters (ubc/ub_task.h): alloc_pid()'s kmemsize (-EAGAIN),
  // dup_task_struct()'s and ub_task_charge()'s numproc (-ENOMEM), to the
  // parent's exec_ub and fork_sub.
  if (int err = UbForkTask(parent, p); err < 0) {
    task_cache_.Free(p);
    pids_.numbers().Put(pid);
    return err;
  }
  p->pid = pid;
  // dup_task_struct() copies the whole task: both VE pointers, the
  // capability sets, the namespaces, the controlling tty.
  p->ve_task_info.owner_env = parent->ve_task_info.owner_env;
  p->ve_task_info.exec_env = parent->ve_task_info.exec_env;
  p->cap_effective = parent->cap_effective;
  p->cap_inheritable = parent->cap_inheritable;
  p->cap_permitted = parent->cap_permitted;
  p->nsproxy = parent->nsproxy;
  RecordOf(p)->has_tty = RecordOf(parent)->has_tty;
  // What a failure from here on gives back, as copy_process()'s error
  // path and do_fork_pid()'s free_pid() do.
  bool process_charged = false;
  auto undo = [&](bool vpid_taken)
                  ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_) {
                    if (vpid_taken) pids_.FreeVpid(p);
                    UbForkUndo(parent, p, process_charged);
                    task_cache_.Free(p);
                    pids_.numbers().Put(pid);
                  };
  // alloc_vpid(pid, pid0 ? pid0 : -1) in the forker's exec env.
  const int vpid =
      pids_.AllocVpid(p, parent->ve_task_info.exec_env, vpid0 > 0 ? vpid0 : -1);
  if (vpid < 0) {
    undo(false);
    return vpid;
  }
  // copy_files(), copy_fs(), copy_sighand(), copy_signal(): a process's own
  // structures.
  const bool process = !(clone_flags & CLONE_THREAD);
  if (process) {
    if (UbForkProcess(parent, p) < 0) {
      undo(true);
      return -ENOMEM;
    }
    process_charged = true;
  }
  // copy_mm(): a thread (or CLONE_VM) shares the mm, a process gets a
  // charged copy, in the child's beancounter.
  mm_struct* mm = parent->mm;
  if (mm != nullptr && (clone_flags & (CLONE_THREAD | CLONE_VM))) {
    atomic_inc(&mm->mm_users);
  } else if (mm != nullptr) {
    mm = DupMm(mm, parent, p);
    if (mm == nullptr) {
      undo(true);
      return -ENOMEM;
    }
  }
  // Nothing fails from here on.
  CopySignalStructs(parent, p, clone_flags);
  atomic_inc(&p->nsproxy->count);
  p->vpid = vpid;
  if (comm.empty()) comm = parent->comm;
  std::memcpy(p->comm, comm.data(),
              std::min<size_t>(comm.size(), TASK_COMM_LEN - 1));
  p->state = TASK_RUNNING;
  INIT_LIST_HEAD(&p->children);
  INIT_LIST_HEAD(&p->sibling);
  INIT_LIST_HEAD(&p->thread_group);
  p->mm = mm;
  p->pgrp = parent->pgrp;
  p->session = parent->session;
  // set_virt_pgid() / set_virt_sid() from the forker's stored numbers.
  p->vpgrp = virt_pgid(parent);
  p->vsession = virt_sid(parent);

  if (clone_flags & CLONE_THREAD) {
    // A new thread: same group, same parent as the group; vtgid is the
    // creator's virt_tgid().
    task_struct* leader = parent->group_leader;
    p->tgid = leader->tgid;
    p->vtgid = virt_tgid(parent);
    p->group_leader = leader;
    p->real_parent = leader->real_parent;
    list_add_tail(&p->thread_group, &leader->thread_group);
    ++RecordOf(leader)->nr_threads;
  } else {
    p->tgid = pid;
    p->vtgid = vpid;
    p->group_leader = p;
    RecordOf(p)->nr_threads = 1;
    p->real_parent = parent;
    list_add_tail(&p->sibling, &parent->children);
    pids_.LinkLeader(p);
  }
  pids_.AttachTask(p);  // the pid's reference is alloc_pid()'s
  atomic_inc(&p->ve_task_info.owner_env->pcounter);  // pget_ve()
  ++nr_tasks_;
  *out = p;
  return 0;
}

int Kernel::ForkLocked(task_struct* parent, absl::string_view comm,
                       unsigned long clone_flags, task_struct** out) {
  return ForkPidsLocked(parent, 0, out, comm, clone_flags);
}

absl::StatusOr<task_struct*> Kernel::Fork(task_struct* parent,
                                          absl::string_view comm,
                                          unsigned long clone_flags) {
  // Kernel threads come from kernel_thread() alone, which applies rule R7;
  // a fork that asked for one would slip past it.
  absl::MutexLock lock(&tasklist_lock_);
  task_struct* child = nullptr;
  const int err = ForkLocked(parent, comm, clone_flags, &child);
  if (err < 0) {
    const char* why =
        err == -ENOMEM   ? "fork: a beancounter refused the task (kmemsize, "
                           "numproc) or its address space"
        : err == -EAGAIN ? "fork: no free pid, or the beancounter refused "
                           "the pid's kmemsize"
                         : "fork: the parent is not a live task";
    return ErrnoError(err, why);
  }
  return child;
}

absl::StatusOr<task_struct*> Kernel::RestoreFork(task_struct* parent,
                                                 pid_t vpid,
                                                 absl::string_view comm) {
  if (vpid <= 0) return ErrnoError(-EINVAL, "restore fork: vpid must be > 0");
  absl::MutexLock lock(&tasklist_lock_);
  task_struct* child = nullptr;
  const int err = ForkPidsLocked(parent, vpid, &child, comm, 0);
  if (err < 0) {
    const char* why = err == -EEXIST   ? "restore fork: the virtual pid is "
                                         "taken in the VE"
                      : err == -ENOMEM ? "restore fork: a beancounter "
                                         "refused the task or its mm"
                      : err == -EAGAIN ? "restore fork: no free pid, or the "
                                         "pid's kmemsize"
                                       : "restore fork: the parent is not a "
                                         "live task";
    return ErrnoError(err, why);
  }
  return child;
}

absl::Status Kernel::SetSid(task_struct* task) {
  absl::MutexLock lock(&tasklist_lock_);
  if (task == nullptr || !task_alive(task) || IsIdleTask(task)) {
    return ErrnoError(-ESRCH, "setsid: not a live task");
  }
  // kernel/sys.c: sys_setsid() acts on the group leader: refused to a
  // session leader, and when a process group named after the leader's pid
  // exists in view (the leader leads one, say).
  task_struct* leader = task->group_leader;
  const pid_t session = leader->pid;
  if (leader->session == session) {
    return ErrnoError(-EPERM, "setsid: already a session leader");
  }
  for (const task_struct* p : pids_.LeadersVe(task->ve_task_info.exec_env)) {
    if (p->pgrp == session) {
      return ErrnoError(-EPERM, "setsid: a process group has its pid");
    }
  }
  task_struct* t = leader;
  do {
    pids_.ChangeGroupIds(t, session, session);
    t->vpgrp = t->vsession = virt_pid(leader);
    RecordOf(t)->has_tty = 0;
    t = next_thread(t);
  } while (t != leader);
  return absl::OkStatus();
}

}  // namespace vzsim
