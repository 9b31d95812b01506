// struct task_struct: one simulated task (a thread), in the kernel's shape.
//
// Field names follow the kernel so that arch/ code reads like kernel code
// (`current->pid`, `p->group_leader`, `list_for_each_entry(c, &p->children,
// sibling)`), with the OpenVZ additions of SPEC.md section 1: the owner and
// exec VE, and the owner and exec beancounter.
//
// Locking (the lock order is written once, in kernel/kernel.h):
//   - pid, tgid, vpid, group_leader, comm: immutable after fork, except that
//     entering a VE gives the task a new vpid (under the task-list lock).
//   - parent, children, sibling, thread_group, owner_env, pgrp, session,
//     state, exit_state, exit_code, flags, list indices: guarded by the
//     Kernel's task-list lock (write to change, read to look).
//   - exec_env, exec_ub: touched only by the simulated CPU the task is
//     running on (get_exec_env / set_exec_env act on `current`), as in the
//     kernel, where only the task itself switches its exec context.
//
// The struct is standard-layout on purpose: list_entry() uses offsetof on it.
#ifndef VZSIM_KERNEL_TASK_H_
#define VZSIM_KERNEL_TASK_H_

#include <cstdint>

#include "kernel/list.h"

struct ve_struct;
struct user_beancounter;
struct mm_struct;
struct sigqueue_head;

using pid_t = int;
using envid_t = uint32_t;

constexpr int TASK_COMM_LEN = 16;

// task_struct::state: a simulated task is either runnable or dead; blocking
// is not modelled.
constexpr long TASK_RUNNING = 0;
constexpr long TASK_DEAD = 64;

// task_struct::exit_state
constexpr int EXIT_ZOMBIE = 16;  // exited, waiting for its parent to reap it
constexpr int EXIT_DEAD = 32;    // reaped; memory is freed once off-CPU

// task_struct::flags
constexpr unsigned PF_EXITING = 0x00000004;  // in do_exit()
constexpr unsigned PF_KTHREAD = 0x00200000;  // made by kernel_thread()
constexpr unsigned PF_IDLE = 0x00000002;     // a CPU's idle task (swapper)

struct task_struct {
  // --- identity --------------------------------------------------------
  pid_t pid;      // global pid (0 for the per-CPU idle tasks)
  pid_t tgid;     // global pid of the thread-group leader
  pid_t vpid;     // pid in the owner VE's namespace (== pid in ve0)
  pid_t pgrp;     // global id of the process group
  pid_t session;  // global id of the session
  pid_t vpgrp;    // the same two ids in the owner VE's namespace
  pid_t vsession;
  char comm[TASK_COMM_LEN];

  // --- life cycle -------------------------------------------------------
  long state;      // TASK_RUNNING or TASK_DEAD
  int exit_state;  // 0, EXIT_ZOMBIE or EXIT_DEAD
  int exit_code;
  unsigned flags;  // PF_*
  int on_cpu;      // 1 while some simulated CPU runs it as `current`
  int nr_threads;  // leader only: live threads in the group, itself included

  // --- family -----------------------------------------------------------
  task_struct* parent;        // who gets SIGCHLD and reaps us (real_parent)
  task_struct* group_leader;  // itself for a leader
  list_head children;         // our children, linked through their `sibling`
  list_head sibling;          // our link in parent->children
  list_head thread_group;     // circular list of the threads of our group

  // --- OpenVZ contexts (SPEC.md section 1) --------------------------------
  ve_struct* owner_env;
  ve_struct* exec_env;
  user_beancounter* task_ub;
  user_beancounter* exec_ub;
  mm_struct* mm;

  // --- signals (kernel/signal.h); guarded by the Kernel's signal lock -----
  sigqueue_head* pending;  // queued signals, allocated on the first one
  uint64_t sig_handled;    // leader only: bit n set = a handler for signal n

  // --- bookkeeping for O(1) removal from the leader arrays ----------------
  uint32_t all_index;  // position in Kernel's array of all leaders
  uint32_t ve_index;   // position in owner_env->leaders
};

// thread_group_leader()
inline bool thread_group_leader(const task_struct* p) {
  return p->group_leader == p;
}

// next_thread(): the next thread of p's group, wrapping around.
inline task_struct* next_thread(const task_struct* p) {
  return list_entry(p->thread_group.next, task_struct, thread_group);
}

// The task is alive: not exiting, not a zombie, not reaped.
inline bool task_alive(const task_struct* p) {
  return p->exit_state == 0 && (p->flags & PF_EXITING) == 0;
}

#endif  // VZSIM_KERNEL_TASK_H_
