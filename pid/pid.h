// Pids as the C++ model serves them to kernel-face code: lookups by number,
// the C walks' backing functions, and the pid syscalls.
//
// The face itself is include/linux/sched.h: virt_pid(), virt_tgid(),
// get_task_pid_ve(), the task-list lock and the iteration macros
// (for_each_process_all / _ve, do_each_thread_all / _ve). Each lookup or walk
// needs the task-list lock held for reading, and clang's -Wthread-safety
// checks that it is:
//
//   read_lock(&tasklist_lock);
//   struct task_struct* p = find_task_by_pid_ve(nr);  // nr as the caller sees
//   read_unlock(&tasklist_lock);
//
// C code walks through __first_task_ve() / __next_task_ve() (pid.cc), one
// call per task. C++ code gets the macros below instead, which scan the
// leader arrays inline (the speed targets of bench/iter_benchmark.cc); the
// two visit the same tasks in the same order.
#ifndef VZSIM_PID_PID_H_
#define VZSIM_PID_PID_H_

#include "include/linux/sched.h"
#include "kernel/cpu.h"
#include "kernel/kernel.h"
#include "kernel/task_record.h"
#include "pid/tasklist_lock.h"
#include "ve/ve.h"

// The same for the thread-group id (vzsim's; 028stab's get_task_tgid()
// reads the exec env instead of taking one).
inline pid_t get_task_tgid_ve(const task_struct* t, const ve_struct* env) {
  if (t == nullptr || env == nullptr) return 0;
  return env->veid == 0 ? t->tgid : virt_tgid(t);
}
// The parent pid of `t` as `env` sees it. From ve0: the parent's global tgid
// (0 for host init). From a VE: 0 for the VE's init, 1 when the parent is
// outside the VE, else the parent's virtual tgid; 0 for a task not in `env`.
pid_t get_task_ppid_ve(const task_struct* t, const ve_struct* env)
    ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock);

// find_task_by_pid_all(): `nr` is a global pid; any task of the system.
task_struct* find_task_by_pid_all(pid_t nr)
    ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock);
// find_task_by_pid_ve(): `nr` as the current exec env sees it; from a VE only
// that VE's own tasks are ever found.
task_struct* find_task_by_pid_ve(pid_t nr)
    ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock);

// Internals of the C++ iteration macros below.
vzsim::TaskSpan vzsim_leaders_all() ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock);
vzsim::TaskSpan vzsim_leaders_ve() ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock);

// The lookups are inline: every kernel-face call is one TLS load away from
// the pid table. The token `tasklist_lock` stands for the bound Kernel's
// mutex, which clang cannot see through, hence no analysis of the bodies.
inline task_struct* find_task_by_pid_all(pid_t nr)
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Kernel* k = vzsim::this_kernel();
  return k == nullptr ? nullptr : k->FindTaskByPidAllLocked(nr);
}
inline task_struct* find_task_by_pid_ve(pid_t nr)
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu == nullptr) return nullptr;
  return cpu->kernel()->FindTaskByPidVeLocked(
      nr, cpu->curr()->ve_task_info.exec_env);
}
inline vzsim::TaskSpan vzsim_leaders_all() ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Kernel* k = vzsim::this_kernel();
  return k == nullptr ? vzsim::TaskSpan{nullptr, nullptr}
                      : k->LeadersAllLocked();
}
inline vzsim::TaskSpan vzsim_leaders_ve() ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  return cpu == nullptr ? vzsim::TaskSpan{nullptr, nullptr}
                        : cpu->kernel()->LeadersVeLocked(
                              cpu->curr()->ve_task_info.exec_env);
}

// The C++ forms of the face's iteration macros (see the top of this file).
#undef for_each_process_all
#undef for_each_process_ve
#undef do_each_thread_all
#undef do_each_thread_ve

#define for_each_process_all(p)                                  \
  for (::vzsim::TaskSpan vz_span_ = vzsim_leaders_all();         \
       vz_span_.cur != vz_span_.end && ((p) = *vz_span_.cur, 1); \
       ++vz_span_.cur)

#define for_each_process_ve(p)                                   \
  for (::vzsim::TaskSpan vz_span_ = vzsim_leaders_ve();          \
       vz_span_.cur != vz_span_.end && ((p) = *vz_span_.cur, 1); \
       ++vz_span_.cur)

#define do_each_thread_all(g, t)                                       \
  for (::vzsim::TaskSpan vz_span_ = vzsim_leaders_all();               \
       vz_span_.cur != vz_span_.end && ((g) = (t) = *vz_span_.cur, 1); \
       ++vz_span_.cur)                                                 \
    do

#define do_each_thread_ve(g, t)                                        \
  for (::vzsim::TaskSpan vz_span_ = vzsim_leaders_ve();                \
       vz_span_.cur != vz_span_.end && ((g) = (t) = *vz_span_.cur, 1); \
       ++vz_span_.cur)                                                 \
    do

// Syscalls that report pids, each in the caller's own numbering.
pid_t sys_getpid();   // virt_tgid(current)
pid_t sys_gettid();   // virt_pid(current)
pid_t sys_getppid();  // get_task_ppid_ve(current, its own VE)

#endif  // VZSIM_PID_PID_H_
