#include "kernel/process.h"

#include <cerrno>

#include "kernel/cpu.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"

pid_t sys_clone(unsigned long clone_flags) {
  vzsim::Kernel* k = vzsim::this_kernel();
  task_struct* self = current;
  if (k == nullptr) return -ESRCH;
  auto child = k->Fork(self, {}, clone_flags);
  if (!child.ok()) return -vzsim::ErrnoOf(child.status());
  // do_fork_pid(): the child's stored virtual pid, whoever forks it.
  return virt_pid(*child);
}

pid_t sys_fork() { return sys_clone(0); }

int sys_exit(int code) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  // kernel/exit.c: sys_exit(): the status word wait4 reports.
  return -vzsim::ErrnoOf(k->Exit(current, (code & 0xff) << 8));
}

int sys_exit_group(int code) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  return -vzsim::ErrnoOf(k->ExitGroup(current, (code & 0xff) << 8));
}

pid_t sys_wait4(pid_t pid, int* status) {
  vzsim::Kernel* k = vzsim::this_kernel();
  task_struct* self = current;
  if (k == nullptr || self == nullptr) return -ESRCH;
  vzsim::WaitResult result;
  int err;
  {
    // eligible_child() matches the caller's number inside do_wait()'s walk,
    // under one hold of the task-list lock.
    absl::MutexLock lock(&k->tasklist_lock());
    err = k->WaitLocked(self, pid, &result);
  }
  if (err < 0) return err;
  if (result.pid == 0) return 0;
  if (status != nullptr) *status = result.exit_code;
  // get_task_pid(): global from ve0, the stored virtual number otherwise.
  return ve_is_super(self->ve_task_info.exec_env) ? result.pid : result.vpid;
}

pid_t sys_setsid() {
  vzsim::Kernel* k = vzsim::this_kernel();
  task_struct* self = current;
  if (k == nullptr || self == nullptr) return -ESRCH;
  absl::Status s = k->SetSid(self);
  if (!s.ok()) return -vzsim::ErrnoOf(s);
  return virt_pgid(self->group_leader);
}
