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
  // ub_task_charge(): numproc and kmemsize, to the parent's exec ub.
  user_beancounter* ub = parent->task_bc.exec_ub;
  if (charge_beancounter(ub, UB_NUMPROC, 1, UB_HARD) < 0) {
    pids_.numbers().Put(pid);
    return -ENOMEM;
  }
  if (charge_beancounter(ub, UB_KMEMSIZE, TASK_KMEM_SIZE, UB_HARD) < 0) {
    uncharge_beancounter(ub, UB_NUMPROC, 1);
    pids_.numbers().Put(pid);
    return -ENOMEM;
  }

  TaskRecord* p = task_cache_.Alloc();
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
  // alloc_vpid(pid, pid0 ? pid0 : -1) in the forker's exec env.
  const int vpid =
      pids_.AllocVpid(p, parent->ve_task_info.exec_env, vpid0 > 0 ? vpid0 : -1);
  if (vpid < 0) {
    task_cache_.Free(p);
    uncharge_beancounter(ub, UB_KMEMSIZE, TASK_KMEM_SIZE);
    uncharge_beancounter(ub, UB_NUMPROC, 1);
    pids_.numbers().Put(pid);
    return vpid;
  }
  // copy_mm(): a thread shares the mm, a process gets a charged copy.
  mm_struct* mm = parent->mm;
  if (mm != nullptr && (clone_flags & (CLONE_THREAD | CLONE_VM))) {
    atomic_inc(&mm->mm_users);
  } else if (mm != nullptr) {
    mm = DupMm(mm, ub);
    if (mm == nullptr) {
      pids_.FreeVpid(p);
      task_cache_.Free(p);
      uncharge_beancounter(ub, UB_KMEMSIZE, TASK_KMEM_SIZE);
      uncharge_beancounter(ub, UB_NUMPROC, 1);
      pids_.numbers().Put(pid);
      return -ENOMEM;
    }
  }
  atomic_inc(&p->nsproxy->count);
  p->vpid = vpid;
  if (comm.empty()) comm = parent->comm;
  std::memcpy(p->comm, comm.data(),
              std::min<size_t>(comm.size(), TASK_COMM_LEN - 1));
  p->state = TASK_RUNNING;
  INIT_LIST_HEAD(&p->children);
  INIT_LIST_HEAD(&p->sibling);
  INIT_LIST_HEAD(&p->thread_group);
  p->task_bc.task_ub = p->task_bc.exec_ub = ub;
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
    const char* why = err == -ENOMEM   ? "fork: the beancounter refused "
                                         "the charge"
                      : err == -EAGAIN ? "fork: no free pid"
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
                      : err == -ENOMEM ? "restore fork: the beancounter "
                                         "refused the charge"
                      : err == -EAGAIN ? "restore fork: no free pid"
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
