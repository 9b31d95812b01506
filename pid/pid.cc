#include "pid/pid.h"

#include <atomic>
#include <cerrno>
#include <cstdio>

// kernel/pid.c: find_task_by_pid_type_all(): BUG_ON a virtual number.
task_struct* vzsim_find_all_slow(pid_t nr) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu == nullptr) return nullptr;
  task_struct* found = cpu->pids->FindPid(nr);
  if (found != nullptr && nr != 1) return found;
  if (nr != -1 &&
      (vzsim::IsVirtualNr(nr) ||
       (nr == 1 && !ve_is_super(cpu->curr()->ve_task_info.exec_env)))) {
    vzsim::ReportBug("kernel/pid.c", 353);
    return nullptr;
  }
  return found;
}

// kernel/pid.c: find_task_by_pid_type_ve().
task_struct* vzsim_find_ve_slow(pid_t nr) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu == nullptr) return nullptr;
  return cpu->pids->FindTaskByPidVe(nr, cpu->curr()->ve_task_info.exec_env);
}

// kernel/pid.c: find_task_by_pid_type(): once in the kernel's life a
// KERN_ERR line (and a stack dump, which the model leaves out), then the
// _ve lookup, every time.
task_struct* find_task_by_pid(pid_t nr) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu == nullptr) return nullptr;
  if (cpu->pids->WarnDeprecatedOnce()) {
    char line[256];
    std::snprintf(line, sizeof(line),
                  "<3>%s: deprecated find_task_by_pid function is used. If "
                  "it is called by the proprietary ATI video driver it is "
                  "ok, otherwise please report the case to "
                  "users@openvz.org\n",
                  cpu->curr()->comm);
    vzsim::HostLog(line);
  }
  return find_task_by_pid_ve(nr);
}

// include/linux/sched.h: the walk C code makes, over the same task lists as
// the C++ macros of pid.h. A task's position on a list is kept in its
// record, so each step is O(1).
task_struct* __first_task_ve(ve_struct* ve) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu == nullptr || ve == nullptr) return nullptr;
  const vzsim::TaskCursor walk = cpu->pids->LeadersVe(ve);
  return walk.valid() ? *walk : nullptr;
}

task_struct* __next_task_ve(ve_struct* ve,
                            task_struct* p) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu == nullptr || ve == nullptr || p == nullptr) return nullptr;
  return cpu->pids->NextLeader(ve, p);
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
  const pid_t ppid = virt_tgid(t->real_parent);
  read_unlock(&tasklist_lock);
  return ppid;
}

pid_t sys_getpgrp() {
  task_struct* t = current;
  return t == nullptr ? -ESRCH : virt_pgid(t);
}

namespace {

// kernel/sys.c: sys_getpgid() / sys_getsid().
pid_t GroupOrSession(pid_t pid, bool session) {
  task_struct* self = current;
  if (self == nullptr) return -ESRCH;
  if (pid == 0) return session ? virt_sid(self) : virt_pgid(self);
  read_lock(&tasklist_lock);
  task_struct* p = find_task_by_pid_ve(pid);
  const pid_t result = p == nullptr ? -ESRCH
                       : session    ? get_task_sid(p)
                                    : get_task_pgid(p);
  read_unlock(&tasklist_lock);
  return result;
}

}  // namespace

pid_t sys_getpgid(pid_t pid) { return GroupOrSession(pid, false); }
pid_t sys_getsid(pid_t pid) { return GroupOrSession(pid, true); }
