// The kernel face of process life: fork, clone, exit and wait, acting on
// `current` and speaking in the caller's own pid numbering (virtual pids
// inside a VE), as the syscalls do.
//
//   pid_t child = sys_fork();          // > 0 in the parent
//   sys_exit_group(0);                 // current's whole group exits
//
// Each returns a negative errno on failure, as Kernel::Fork / Exit / Wait
// document; -ESRCH on a thread that drives no CPU.
#ifndef VZSIM_KERNEL_PROCESS_H_
#define VZSIM_KERNEL_PROCESS_H_

#include "kernel/task_record.h"

// sys_fork(): a child of current; returns virt_pid(child), the child's
// stored number (its global pid when current's exec env is ve0).
pid_t sys_fork();
// sys_clone(): with CLONE_THREAD a new thread in current's group.
pid_t sys_clone(unsigned long clone_flags);
// sys_exit() / sys_exit_group(): current's thread / whole group exits with
// status (code & 0xff) << 8.
// (The simulated task stays current on its CPU as a dead task until the
// CPU switches to another one.)
int sys_exit(int code);
int sys_exit_group(int code);
// sys_wait4(pid, &status, WNOHANG): reaps an exited child, `pid` as
// Kernel::Wait reads it. Returns the reaped pid (global from ve0, its
// virtual pid from a VE), 0 if none has exited yet, or -ECHILD.
pid_t sys_wait4(pid_t pid, int* status);
// sys_setsid(): current's group leads a new session; returns the leader's
// virtual pid, its new group id.
pid_t sys_setsid();

#endif  // VZSIM_KERNEL_PROCESS_H_
