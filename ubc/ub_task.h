// The beancounter side of a task's life, in the order the kernel charges
// (kernel/fork.c: copy_process(); kernel/pid.c: alloc_pid(), free_pid();
// kernel/exit.c: release_task(); kernel/ub/ub_misc.c, kernel/ub/ub_mem.c):
//
//   fork   UbForkTask(parent, p)     the pid, task_struct and stack, to the
//                                    parent's exec_ub; numproc and the
//                                    numfile precharge, to its fork_sub
//          UbForkProcess(parent, p)  a new process's signal, sighand, files
//                                    and fs structures (not for a thread)
//          UbForkUndo(parent, p, ..) a fork that fails after UbForkTask
//   exit   UbExitFiles(t, leader)    files and fs, when the group's last
//                                    thread exits
//   reap   UbReleaseTask(reaper, p)  signal structures (the leader), the
//                                    pid, numproc, the numfile precharge
//   free   UbFreeTask(p)             the kmemsize reserve, the references,
//                                    task_struct and stack
//
// `parent`, `t` and `reaper` are the task the kernel runs as (current):
// the small kmemsize charges and frees of its own beancounter go through
// its reserve (UbKmemCharge).
//
// Thread safety: a task's precharges are touched only by operations acting
// as that task, which the Kernel runs under its task-list lock; counters
// take their beancounter's lock.
#ifndef VZSIM_UBC_UB_TASK_H_
#define VZSIM_UBC_UB_TASK_H_

#include "include/linux/sched.h"
#include "include/ub/beancounter.h"

namespace vzsim {

// ub_kmemsize_charge() for `actor` (null: none, charge directly). Returns
// 0 or -ENOMEM; 0 for a null ub (nothing to charge).
int UbKmemCharge(task_struct* actor, user_beancounter* ub, unsigned long size,
                 ub_severity strict);
// ub_kmemsize_uncharge() for `actor`.
void UbKmemUncharge(task_struct* actor, user_beancounter* ub,
                    unsigned long size);

// ub_init_early() for a boot (idle) task: exec_ub ub0 (no reference, as the
// kernel's boot task), task_ub and fork_sub ub0, numproc 1 UB_FORCE.
void UbInitBootTask(task_struct* t, user_beancounter* ub0);

// 0; -EAGAIN when the pid's kmemsize is refused; -ENOMEM when the task's
// kmemsize or numproc is. Nothing stays charged on failure.
int UbForkTask(task_struct* parent, task_struct* p);
// 0 or -ENOMEM (nothing of it stays charged).
int UbForkProcess(task_struct* parent, task_struct* p);
// A fork that failed after UbForkTask (and UbForkProcess when
// `process_charged`): gives everything back, as copy_process()'s error
// path and do_fork_pid()'s free_pid() do.
void UbForkUndo(task_struct* parent, task_struct* p, bool process_charged);
void UbExitFiles(task_struct* t, task_struct* leader);
void UbReleaseTask(task_struct* reaper, task_struct* p);
void UbFreeTask(task_struct* p);

}  // namespace vzsim

#endif  // VZSIM_UBC_UB_TASK_H_
