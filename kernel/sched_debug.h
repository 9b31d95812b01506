// show_state(): the generic whole-system task dump behind sysrq-t. Prints one
// line per task of the system (a do_each_thread_all walk, whatever the exec
// env of the caller) to the host log:
//
//   sshd          R  pid   302  veid     0
#ifndef VZSIM_KERNEL_SCHED_DEBUG_H_
#define VZSIM_KERNEL_SCHED_DEBUG_H_

void show_state();

#endif  // VZSIM_KERNEL_SCHED_DEBUG_H_
