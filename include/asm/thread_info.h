/*
 * include/asm/thread_info.h: struct thread_info, the small per-task block
 * that each architecture keeps at the bottom of the kernel stack. Of its
 * fields the model keeps the three that generic code and the modelled arch
 * functions read: the task it belongs to, the TIF_ flags and the preempt
 * count, where interrupt entry counts hard and soft interrupt nesting
 * (linux/hardirq.h).
 *
 * The layout is the same for every modelled architecture, because one
 * struct task_struct is shared by the C++ model and all ports.
 */
#ifndef VZSIM_INCLUDE_ASM_THREAD_INFO_H
#define VZSIM_INCLUDE_ASM_THREAD_INFO_H

#include "current.h"

struct task_struct;

struct thread_info {
	struct task_struct *task;
	unsigned long flags;
	int preempt_count;
};

/* current_thread_info(): current's thread_info (task->thread_info). */
#define current_thread_info() (get_current()->thread_info)
#define task_thread_info(task) ((task)->thread_info)

#endif /* VZSIM_INCLUDE_ASM_THREAD_INFO_H */
