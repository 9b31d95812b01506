// What arch code could call before OpenVZ: the plain task-list names with
// their vanilla meaning (the whole system, global pids). vzsim deleted them,
// as the OpenVZ kernels did, so that unported code does not compile; only
// the unported control architecture brings them back, through this header.
// Nothing else may include it.
#ifndef VZSIM_ARCH_UNPORTED_VANILLA_H_
#define VZSIM_ARCH_UNPORTED_VANILLA_H_

#include "pid/pid.h"

#define find_task_by_pid(nr) find_task_by_pid_all(nr)
#define for_each_process(p) for_each_process_all(p)
#define do_each_thread(g, t) do_each_thread_all(g, t)
#define while_each_thread(g, t) while_each_thread_all(g, t)

#endif  // VZSIM_ARCH_UNPORTED_VANILLA_H_
