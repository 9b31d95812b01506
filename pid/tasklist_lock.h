// The task-list lock as C++ model code takes it. The lock itself is the
// kernel face's: `tasklist_lock` (include/linux/sched.h) and read_lock() /
// read_unlock() / write_lock_irq() / write_unlock_irq()
// (include/linux/spinlock.h), which kernel-style code calls as the kernel
// spells them.
//
// `tasklist_lock` is a token that names "the task-list lock of the Kernel
// this thread's CPU belongs to"; the calls (pid/tasklist_lock.cc) lock that
// Kernel's real absl::Mutex. It exists so that clang's -Wthread-safety can
// check kernel-face code: __first_task_ve() (behind the iteration macros)
// and find_task_by_pid_ve() are annotated as needing it, so forgetting
// read_lock() is a compile-time warning, as missing locking is a bug in the
// kernel.
//
// On a thread bound to no CPU the calls do nothing (there is no kernel).
#ifndef VZSIM_PID_TASKLIST_LOCK_H_
#define VZSIM_PID_TASKLIST_LOCK_H_

#include "absl/base/thread_annotations.h"
#include "include/linux/sched.h"
#include "include/linux/spinlock.h"

// RAII form for C++ callers: { TasklistReadGuard g; for_each_process_ve(p)
// ... }
class ABSL_SCOPED_LOCKABLE TasklistReadGuard {
 public:
  TasklistReadGuard() ABSL_SHARED_LOCK_FUNCTION(tasklist_lock) {
    read_lock(&tasklist_lock);
  }
  ~TasklistReadGuard() ABSL_UNLOCK_FUNCTION() { read_unlock(&tasklist_lock); }
  TasklistReadGuard(const TasklistReadGuard&) = delete;
  TasklistReadGuard& operator=(const TasklistReadGuard&) = delete;
};

#endif  // VZSIM_PID_TASKLIST_LOCK_H_
