// The model's record of a task: the C struct task_struct
// (include/linux/sched.h), which kernel-style code sees, plus what only the
// C++ model uses (its place in the leader arrays, its signal queue, ...).
//
// Every task the model makes is a TaskRecord (the task slab, the per-CPU
// idle tasks), so a task_struct* can always be turned back into its record:
//
//   vzsim::RecordOf(p)->nr_threads
//
// Locking: each field names its lock beside it, as the task_struct fields
// do (include/linux/sched.h).
#ifndef VZSIM_KERNEL_TASK_RECORD_H_
#define VZSIM_KERNEL_TASK_RECORD_H_

#include <cstdint>

#include "include/linux/sched.h"

struct sigqueue_head;  // kernel/signal.h

// task_struct::state of a reaped task (the model's; 2.6.18 marks it PF_DEAD).
constexpr long TASK_DEAD = 128;

namespace vzsim {

struct TaskRecord : task_struct {
  // The kernel's struct pid keeps (vnr, veid): the VE whose vpid hash maps
  // this task's pid, and the number there; veid 0 = no mapping. The
  // task-list lock. First in the record, right after the face's task_struct
  // ends with ve_task_info: a lookup from a VE tests these and
  // ve_task_info.owner_env, which then sit in adjacent cache lines.
  struct PidMapping {
    envid_t veid;
    pid_t vnr;
  };
  union {
    PidMapping pid_mapping;
    struct {
      envid_t pid_veid;
      pid_t pid_vnr;
    };
  };
  // The task's thread_info (task->thread_info points here): in the kernel
  // it sits at the bottom of the task's kernel stack.
  struct thread_info ti;
  // on_cpu, nr_threads: the Kernel's task-list lock.
  int on_cpu;      // 1 while some simulated CPU runs it as `current`
  int nr_threads;  // leader only: live threads in the group, itself included
  // Signals (kernel/signal.h): the Kernel's signal lock (sig_lock_).
  sigqueue_head* sigqueue;  // queued signals, allocated on the first one
  // Positions in the task lists, for O(1) removal (pid/pid_table.h): the
  // task-list lock.
  uint32_t all_index;  // on the global list
  uint32_t ve_index;   // on the owner VE's list
  // signal->tty != NULL: the task has a controlling terminal (copied at
  // fork, dropped by setsid; a VE's init may not have one).
  int has_tty;
  // The beancounter its own kernel objects were charged to at fork (its
  // pid, task_struct and stack; a leader's also its process's signal, file
  // and fs structures), with a reference (ubc/ub_task.h).
  user_beancounter* kmem_ub;
};

inline TaskRecord* RecordOf(task_struct* t) {
  return static_cast<TaskRecord*>(t);
}
inline const TaskRecord* RecordOf(const task_struct* t) {
  return static_cast<const TaskRecord*>(t);
}

}  // namespace vzsim

// A CPU's idle task (the kernel's swapper, pid 0): never forked from,
// signalled or exited.
inline bool IsIdleTask(const task_struct* p) { return p->pid == 0; }

// The task is alive: not exiting, not a zombie, not reaped.
inline bool task_alive(const task_struct* p) {
  return p->exit_state == 0 && (p->flags & PF_EXITING) == 0;
}

#endif  // VZSIM_KERNEL_TASK_RECORD_H_
