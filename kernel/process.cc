#include "kernel/process.h"

#include <cerrno>

#include "kernel/cpu.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"

namespace {

pid_t PidAsSeenBy(const task_struct* viewer, pid_t global, pid_t virt) {
  return viewer->ve_task_info.owner_env->veid == 0 ? global : virt;
}

}  // namespace

pid_t sys_clone(unsigned long clone_flags) {
  vzsim::Kernel* k = vzsim::this_kernel();
  task_struct* self = current;
  if (k == nullptr) return -ESRCH;
  auto child = k->Fork(self, {}, clone_flags);
  if (!child.ok()) return -vzsim::ErrnoOf(child.status());
  return PidAsSeenBy(self, (*child)->pid, (*child)->vpid);
}

pid_t sys_fork() { return sys_clone(0); }

int sys_exit(int code) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  return -vzsim::ErrnoOf(k->Exit(current, code));
}

int sys_exit_group(int code) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  return -vzsim::ErrnoOf(k->ExitGroup(current, code));
}

pid_t sys_wait4(pid_t pid, int* status) {
  vzsim::Kernel* k = vzsim::this_kernel();
  task_struct* self = current;
  if (k == nullptr || self == nullptr) return -ESRCH;
  vzsim::WaitResult result;
  int err;
  {
    // The caller names the child in its own numbering. Translating it and
    // reaping happen under one hold of the task-list lock, as do_wait()
    // matches virt_pid() inside its walk (kernel/exit.c: eligible_child()):
    // dropping the lock in between would let another thread reap the child
    // and a new task take its global pid, which would then be reaped instead.
    absl::MutexLock lock(&k->tasklist_lock());
    pid_t global = pid;
    if (pid > 0) {
      task_struct* child =
          k->FindTaskByPidVeLocked(pid, self->ve_task_info.owner_env);
      if (child == nullptr) return -ECHILD;
      global = child->pid;
    }
    err = k->WaitLocked(self, global, &result);
  }
  if (err < 0) return err;
  if (result.pid == 0) return 0;
  if (status != nullptr) *status = result.exit_code;
  return PidAsSeenBy(self, result.pid, result.vpid);
}

pid_t sys_setsid() {
  vzsim::Kernel* k = vzsim::this_kernel();
  task_struct* self = current;
  if (k == nullptr || self == nullptr) return -ESRCH;
  absl::Status s = k->SetSid(self);
  if (!s.ok()) return -vzsim::ErrnoOf(s);
  return self->vpid;
}
