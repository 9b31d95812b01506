// Pids on the kernel face: the lookups by number, the C walks' backing
// functions, and the pid syscalls, as code running on this thread's
// simulated CPU sees them.
//
// The rest of the face is include/linux/sched.h: virt_pid(), virt_tgid(),
// virt_pgid(), virt_sid(), get_task_pid_ve(), get_task_pid(),
// get_task_ppid(), the task-list lock and the iteration macros
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
// task lists inline (the speed targets of bench/iter_benchmark.cc); the two
// visit the same tasks in the same order.
#ifndef VZSIM_PID_PID_H_
#define VZSIM_PID_PID_H_

#include "include/linux/sched.h"
#include "kernel/cpu.h"
#include "kernel/task_record.h"
#include "pid/pid_table.h"
#include "pid/tasklist_lock.h"

// find_task_by_pid_all() (kernel/pid.c: find_task_by_pid_type_all()): `nr`
// is a global pid; any task of the system, zombies included. A virtual
// number (bit 10 set, or 1 when the exec env is a VE) is a kernel BUG
// there: the model records it and returns NULL.
task_struct* find_task_by_pid_all(pid_t nr)
    ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock);
// find_task_by_pid_ve() (find_task_by_pid_type_ve()): `nr` as the current
// exec env numbers tasks: from ve0 a global pid (a number with bit 10 set
// finds nothing); from a VE a virtual pid of it, or the global pid of one of
// its own tasks. Only tasks the exec env may see are returned.
task_struct* find_task_by_pid_ve(pid_t nr)
    ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock);
// find_task_by_pid(): the old name, still in 028stab: on the first call in
// the kernel's life it prints "<comm>: deprecated find_task_by_pid function
// is used. ..." to the host log; every call acts as find_task_by_pid_ve().
task_struct* find_task_by_pid(pid_t nr)
    ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock);

// The lookups' uncommon cases, and every lookup of the kernel layout, out
// of line: the whole of find_task_by_pid_all() (with its kernel BUG when
// `nr` is virtual: bit 10 set, or 1 from a VE) and of find_task_by_pid_ve().
// The _ve one only reads (it may be `pure`: a loop of lookups keeps what it
// loaded from the CPU across it); the _all one may record a BUG.
task_struct* vzsim_find_all_slow(pid_t nr);
task_struct* vzsim_find_ve_slow(pid_t nr) __attribute__((pure));

// Internals of the C++ iteration macros below.
vzsim::TaskCursor vzsim_leaders_all() ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock);
vzsim::TaskCursor vzsim_leaders_ve() ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock);

// The lookups are inline, and their common case in the flat layout is
// straight-line code: this_cpu() (one TLS load), a bounds check against the
// CPU's copy of the pid table (kernel/cpu.h: PidIndex) and the load of the
// entry. A miss (an empty entry, which is every entry in the kernel layout,
// a number out of range, no CPU) falls to the slow path, which answers in
// full. The token `tasklist_lock` stands for the bound Kernel's mutex,
// which clang cannot see through, hence no analysis of the bodies.
inline task_struct* find_task_by_pid_all(pid_t nr)
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  // A negative number wraps to beyond the table; numbers with bit 10 set
  // are never global pids, so their entries are empty. 1 is virtual from a
  // VE (the slow path checks the exec env).
  const size_t i = static_cast<uint32_t>(nr);
  if (__builtin_expect(cpu != nullptr && i < cpu->pid_index.size, 1)) {
    task_struct* t = cpu->pid_index.tasks[i];
    if (__builtin_expect(t != nullptr && nr != 1, 1)) return t;
  }
  return vzsim_find_all_slow(nr);
}
// From a VE, a virtual number nr + VPID_DIV names the task of global pid nr
// when the task's pid is mapped to (nr, the VE) (PidTable::MapsTo()) and
// the task belongs to the VE; anything else (ve0, 1, a global number, a
// sparse VE's other numbers) takes the slow path.
inline task_struct* find_task_by_pid_ve(pid_t nr)
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  const size_t i = static_cast<uint32_t>(nr - vzsim::PidMap::kVpidDiv);
  if (__builtin_expect(
          cpu != nullptr && vzsim::IsVirtualNr(nr) && i < cpu->pid_index.size,
          1)) {
    // A plain read: only this CPU's own thread writes pcurrent, and it is
    // the one reading here.
    const ve_struct* env = cpu->area().pcurrent->ve_task_info.exec_env;
    task_struct* t = cpu->pid_index.tasks[i];
    if (__builtin_expect(t != nullptr && env != nullptr &&
                             vzsim::PidTable::MapsTo(t, nr, env) &&
                             t->ve_task_info.owner_env == env,
                         1)) {
      return t;
    }
  }
  return vzsim_find_ve_slow(nr);
}
inline vzsim::TaskCursor vzsim_leaders_all() ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  return cpu == nullptr ? vzsim::TaskCursor() : cpu->pids->LeadersAll();
}
inline vzsim::TaskCursor vzsim_leaders_ve() ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  return cpu == nullptr
             ? vzsim::TaskCursor()
             : cpu->pids->LeadersVe(cpu->curr()->ve_task_info.exec_env);
}

// The C++ forms of the face's iteration macros (see the top of this file).
#undef for_each_process_all
#undef for_each_process_ve
#undef do_each_thread_all
#undef do_each_thread_ve

#define for_each_process_all(p)                            \
  for (::vzsim::TaskCursor vz_walk_ = vzsim_leaders_all(); \
       vz_walk_.valid() && ((p) = *vz_walk_, 1); ++vz_walk_)

#define for_each_process_ve(p)                            \
  for (::vzsim::TaskCursor vz_walk_ = vzsim_leaders_ve(); \
       vz_walk_.valid() && ((p) = *vz_walk_, 1); ++vz_walk_)

#define do_each_thread_all(g, t)                                   \
  for (::vzsim::TaskCursor vz_walk_ = vzsim_leaders_all();         \
       vz_walk_.valid() && ((g) = (t) = *vz_walk_, 1); ++vz_walk_) \
    do

#define do_each_thread_ve(g, t)                                    \
  for (::vzsim::TaskCursor vz_walk_ = vzsim_leaders_ve();          \
       vz_walk_.valid() && ((g) = (t) = *vz_walk_, 1); ++vz_walk_) \
    do

// Syscalls that report pids (kernel/timer.c, kernel/sys.c), each the
// number stored in the task, whoever asks: -ESRCH without a CPU.
pid_t sys_getpid();   // virt_tgid(current)
pid_t sys_gettid();   // virt_pid(current)
pid_t sys_getppid();  // virt_tgid(current->real_parent): no translation
pid_t sys_getpgrp();  // virt_pgid(current)
// getpgid(pid) / getsid(pid): 0 for current; else the task
// find_task_by_pid_ve() finds (-ESRCH if none), its group / session as
// get_task_pgid() / get_task_sid() show it.
pid_t sys_getpgid(pid_t pid);
pid_t sys_getsid(pid_t pid);

#endif  // VZSIM_PID_PID_H_
