// The kernel face of pids (SPEC.md section 3): virtual pids, lookups by
// number, and iteration over tasks, each in its explicit `_all` or `_ve` form.
//
//   read_lock(&tasklist_lock);
//   struct task_struct* p = find_task_by_pid_ve(nr);   // nr as the caller sees
//   it for_each_process_ve(p) { ... }                    // only the caller's
//   VE read_unlock(&tasklist_lock);
//
// `_all` means the whole system, in global pids: for system work (an MCA dump,
// an interrupt handler). `_ve` means "as the current exec env sees it": from
// ve0 the same as `_all`; from a VE only that VE's tasks, by virtual pid. The
// plain find_task_by_pid / for_each_process / do_each_thread /
// while_each_thread do not exist, so unported code fails to compile, as in
// the OpenVZ kernels (rules R3 and R4).
//
// Lookups and iteration need the task-list lock held for reading, and clang's
// -Wthread-safety checks that they have it.
#ifndef VZSIM_PID_PID_H_
#define VZSIM_PID_PID_H_

#include "kernel/cpu.h"
#include "kernel/kernel.h"
#include "kernel/task.h"
#include "pid/tasklist_lock.h"
#include "ve/ve.h"

// virt_pid() / virt_tgid(): the task's number in its own VE (the global one
// for host tasks).
inline pid_t virt_pid(const task_struct* t) { return t ? t->vpid : 0; }
inline pid_t virt_tgid(const task_struct* t) {
  return t ? t->group_leader->vpid : 0;
}

// get_task_pid_ve(): `t`'s pid as code running for `env` shows it: the global
// pid when `env` is ve0, else the virtual one.
inline pid_t get_task_pid_ve(const task_struct* t, const ve_struct* env) {
  if (t == nullptr || env == nullptr) return 0;
  return env->veid == 0 ? t->pid : virt_pid(t);
}
// The same for the thread-group id.
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

// Internals of the iteration macros below.
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
  vzsim::Kernel* k = vzsim::this_kernel();
  return k == nullptr ? nullptr : k->FindTaskByPidVeLocked(nr, get_exec_env());
}
inline vzsim::TaskSpan vzsim_leaders_all() ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Kernel* k = vzsim::this_kernel();
  return k == nullptr ? vzsim::TaskSpan{nullptr, nullptr}
                      : k->LeadersAllLocked();
}
inline vzsim::TaskSpan vzsim_leaders_ve() ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Kernel* k = vzsim::this_kernel();
  return k == nullptr ? vzsim::TaskSpan{nullptr, nullptr}
                      : k->LeadersVeLocked(get_exec_env());
}

// for_each_process_all(p): every thread-group leader of the system.
#define for_each_process_all(p)                                  \
  for (::vzsim::TaskSpan vz_span_ = vzsim_leaders_all();         \
       vz_span_.cur != vz_span_.end && ((p) = *vz_span_.cur, 1); \
       ++vz_span_.cur)

// for_each_process_ve(p): the leaders the current exec env may see; from a
// VE only its own, at a cost proportional to the VE's size.
#define for_each_process_ve(p)                                   \
  for (::vzsim::TaskSpan vz_span_ = vzsim_leaders_ve();          \
       vz_span_.cur != vz_span_.end && ((p) = *vz_span_.cur, 1); \
       ++vz_span_.cur)

// do_each_thread_all(g, t) { ... } while_each_thread_all(g, t);
// visits every thread (t) of every leader (g). As in the kernel, `break`
// leaves only the inner loop.
#define do_each_thread_all(g, t)                                       \
  for (::vzsim::TaskSpan vz_span_ = vzsim_leaders_all();               \
       vz_span_.cur != vz_span_.end && ((g) = (t) = *vz_span_.cur, 1); \
       ++vz_span_.cur)                                                 \
    do
#define while_each_thread_all(g, t) while (((t) = next_thread(t)) != (g))

#define do_each_thread_ve(g, t)                                        \
  for (::vzsim::TaskSpan vz_span_ = vzsim_leaders_ve();                \
       vz_span_.cur != vz_span_.end && ((g) = (t) = *vz_span_.cur, 1); \
       ++vz_span_.cur)                                                 \
    do
#define while_each_thread_ve(g, t) while (((t) = next_thread(t)) != (g))

// Syscalls that report pids, each in the caller's own numbering.
pid_t sys_getpid();   // virt_tgid(current)
pid_t sys_gettid();   // virt_pid(current)
pid_t sys_getppid();  // get_task_ppid_ve(current, its own VE)

#endif  // VZSIM_PID_PID_H_
