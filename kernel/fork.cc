// Kernel::Fork: copy_process() and the OpenVZ parts of it (SPEC.md sections
// 1 to 3): the child copies both VE pointers of its parent and gets a global
// pid and, inside a VE, a virtual pid from the VE's own namespace.
#include <cerrno>
#include <cstring>

#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "kernel/mmap.h"

namespace vzsim {

int Kernel::ForkLocked(task_struct* parent, absl::string_view comm,
                       unsigned long clone_flags, task_struct** out) {
  if (parent == nullptr || !task_alive(parent) || (parent->flags & PF_IDLE)) {
    return -ESRCH;
  }
  VeRecord* ve = RecordOf(parent->ve_task_info.owner_env);
  // A stopping VE takes no new tasks (SPEC.md section 2).
  if (!ve->is_running) return -ENOMEM;

  const int pid = pidmap_.Alloc();
  if (pid < 0) return pid;
  int vpid = pid;
  if (ve != ve0_) {
    vpid = ve->pidmap.Alloc();
    if (vpid < 0) {
      pidmap_.Put(pid);
      return vpid;
    }
  }
  auto give_back_pids = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_) {
    pidmap_.Put(pid);
    if (ve != ve0_) ve->pidmap.Put(vpid);
  };

  InterruptPoint();  // an interrupt may arrive here; it must leave no trace
  // ub_task_charge(): numproc and kmemsize, to the parent's exec ub.
  user_beancounter* ub = parent->task_bc.exec_ub;
  if (charge_beancounter(ub, UB_NUMPROC, 1, UB_HARD) < 0) {
    give_back_pids();
    return -ENOMEM;
  }
  if (charge_beancounter(ub, UB_KMEMSIZE, TASK_KMEM_SIZE, UB_HARD) < 0) {
    uncharge_beancounter(ub, UB_NUMPROC, 1);
    give_back_pids();
    return -ENOMEM;
  }
  // copy_mm(): a thread shares the mm, a process gets a charged copy.
  mm_struct* mm = (clone_flags & CLONE_VZ_KTHREAD) ? nullptr : parent->mm;
  if (mm != nullptr && (clone_flags & CLONE_THREAD)) {
    atomic_inc(&mm->mm_users);
  } else if (mm != nullptr) {
    mm = DupMm(mm, ub);
    if (mm == nullptr) {
      uncharge_beancounter(ub, UB_KMEMSIZE, TASK_KMEM_SIZE);
      uncharge_beancounter(ub, UB_NUMPROC, 1);
      give_back_pids();
      return -ENOMEM;
    }
  }

  TaskRecord* p = task_cache_.Alloc();
  p->pid = pid;
  p->vpid = vpid;
  if (comm.empty()) comm = parent->comm;
  std::memcpy(p->comm, comm.data(),
              std::min<size_t>(comm.size(), TASK_COMM_LEN - 1));
  p->state = TASK_RUNNING;
  if (clone_flags & CLONE_VZ_KTHREAD) p->flags |= PF_KTHREAD;
  INIT_LIST_HEAD(&p->children);
  INIT_LIST_HEAD(&p->sibling);
  INIT_LIST_HEAD(&p->thread_group);
  // dup_task_struct() copies the whole task: the capability sets too.
  p->cap_effective = parent->cap_effective;
  p->cap_inheritable = parent->cap_inheritable;
  p->cap_permitted = parent->cap_permitted;
  p->ve_task_info.owner_env = parent->ve_task_info.owner_env;
  p->ve_task_info.exec_env = parent->ve_task_info.exec_env;
  p->task_bc.task_ub = p->task_bc.exec_ub = ub;
  p->mm = mm;
  p->pgrp = parent->pgrp;
  p->session = parent->session;
  p->vpgrp = parent->vpgrp;
  p->vsession = parent->vsession;

  if (clone_flags & CLONE_THREAD) {
    // A new thread: same group, same parent as the group (copy_process
    // with CLONE_THREAD inherits real_parent from the creator).
    task_struct* leader = parent->group_leader;
    p->tgid = leader->tgid;
    p->vtgid = leader->vtgid;
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
    LinkLeaderLocked(p);
  }

  pidmap_.Attach(pid, p);
  if (ve != ve0_) ve->pidmap.Attach(vpid, p);
  HoldIdsLocked(p);
  atomic_inc(&ve->pcounter);
  ++nr_tasks_;
  *out = p;
  return 0;
}

absl::StatusOr<task_struct*> Kernel::Fork(task_struct* parent,
                                          absl::string_view comm,
                                          unsigned long clone_flags) {
  // Kernel threads come from kernel_thread() alone, which applies rule R7;
  // a fork that asked for one would slip past it.
  if (clone_flags & CLONE_VZ_KTHREAD) {
    return ErrnoError(-EINVAL, "fork: CLONE_VZ_KTHREAD is kernel_thread()'s");
  }
  absl::MutexLock lock(&tasklist_lock_);
  task_struct* child = nullptr;
  const int err = ForkLocked(parent, comm, clone_flags, &child);
  if (err < 0) {
    const char* why = err == -ENOMEM   ? "fork: the VE is stopping, or its "
                                         "beancounter refused the charge"
                      : err == -EAGAIN ? "fork: no free pid"
                                       : "fork: the parent is not a live task";
    return ErrnoError(err, why);
  }
  return child;
}

absl::Status Kernel::SetSid(task_struct* task) {
  absl::MutexLock lock(&tasklist_lock_);
  if (task == nullptr || !task_alive(task) || (task->flags & PF_IDLE)) {
    return ErrnoError(-ESRCH, "setsid: not a live task");
  }
  // sys_setsid(): refused to a process-group leader, whose group would be
  // split across two sessions.
  if (task->pgrp == task->pid) {
    return ErrnoError(-EPERM, "setsid: already a process-group leader");
  }
  pidmap_.Put(task->pgrp);
  pidmap_.Put(task->session);
  if (task->ve_task_info.owner_env != ve0_) {
    PidMap& vmap = RecordOf(task->ve_task_info.owner_env)->pidmap;
    vmap.Put(task->vpgrp);
    vmap.Put(task->vsession);
  }
  task->pgrp = task->session = task->pid;
  task->vpgrp = task->vsession = task->vpid;
  HoldIdsLocked(task);
  return absl::OkStatus();
}

}  // namespace vzsim
