#include "pid/pid.h"

#include <cerrno>

// The caller holds `tasklist_lock`, the token for the bound Kernel's mutex,
// which clang cannot see through.
pid_t get_task_ppid_ve(const task_struct* t,
                       const ve_struct* env) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Kernel* k = vzsim::this_kernel();
  return k == nullptr ? 0 : k->TaskPpidLocked(t, env);
}

pid_t sys_getpid() {
  task_struct* t = current;
  return t == nullptr ? -ESRCH : virt_tgid(t);
}

pid_t sys_gettid() {
  task_struct* t = current;
  return t == nullptr ? -ESRCH : virt_pid(t);
}

pid_t sys_getppid() {
  task_struct* t = current;
  if (t == nullptr) return -ESRCH;
  read_lock(&tasklist_lock);
  const pid_t ppid = get_task_ppid_ve(t, t->owner_env);
  read_unlock(&tasklist_lock);
  return ppid;
}
