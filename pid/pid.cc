#include "pid/pid.h"

#include <cerrno>

// The caller holds `tasklist_lock`, the token for the bound Kernel's mutex,
// which clang cannot see through.
pid_t get_task_ppid_ve(const task_struct* t,
                       const ve_struct* env) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Kernel* k = vzsim::this_kernel();
  return k == nullptr ? 0 : k->TaskPpidLocked(t, env);
}

// include/linux/sched.h: the walk C code makes, over the same leader arrays
// as the C++ macros of pid.h. A task's position in an array is kept in its
// record, so each step is O(1).
task_struct* __first_task_ve(ve_struct* ve) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr || ve == nullptr) return nullptr;
  const vzsim::TaskSpan span = k->LeadersVeLocked(ve);
  return span.cur == span.end ? nullptr : *span.cur;
}

task_struct* __next_task_ve(ve_struct* ve,
                            task_struct* p) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr || ve == nullptr || p == nullptr) return nullptr;
  const vzsim::TaskSpan span = k->LeadersVeLocked(ve);
  const vzsim::TaskRecord* rec = vzsim::RecordOf(p);
  const size_t next =
      (ve == k->ve0() ? rec->all_index : rec->ve_index) + size_t{1};
  return next < static_cast<size_t>(span.end - span.cur) ? span.cur[next]
                                                         : nullptr;
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
  const pid_t ppid = get_task_ppid_ve(t, t->ve_task_info.owner_env);
  read_unlock(&tasklist_lock);
  return ppid;
}
