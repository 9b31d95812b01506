// The kernel face of the task-list lock: read_lock(&tasklist_lock) ...
// read_unlock(&tasklist_lock), as kernel code spells it.
//
// `tasklist_lock` is a stateless token that names "the task-list lock of the
// Kernel this thread's CPU belongs to"; the calls lock that Kernel's real
// absl::Mutex. It exists so that clang's -Wthread-safety can check kernel-face
// code: find_task_by_pid_ve() and the iteration macros are annotated as
// needing it, so forgetting read_lock() is a compile-time warning, as missing
// locking is a bug in the kernel.
//
// On a thread bound to no CPU the calls do nothing (there is no kernel).
#ifndef VZSIM_PID_TASKLIST_LOCK_H_
#define VZSIM_PID_TASKLIST_LOCK_H_

#include "absl/base/thread_annotations.h"

struct ABSL_LOCKABLE tasklist_lock_t {};
extern tasklist_lock_t tasklist_lock;

void read_lock(tasklist_lock_t* lock) ABSL_SHARED_LOCK_FUNCTION(*lock);
void read_unlock(tasklist_lock_t* lock) ABSL_UNLOCK_FUNCTION(*lock);
void write_lock_irq(tasklist_lock_t* lock) ABSL_EXCLUSIVE_LOCK_FUNCTION(*lock);
void write_unlock_irq(tasklist_lock_t* lock) ABSL_UNLOCK_FUNCTION(*lock);

// RAII form for C++ callers: { TasklistReadGuard g; for_each_process_ve(p) ...
// }
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
