/*
 * include/asm/current.h: `current`, the task the calling CPU runs.
 *
 * Each architecture finds it its own way, without a call: x86_64 reads it
 * from its per-CPU data area, which %gs points to (include/asm-x86_64/pda.h:
 * read_pda(pcurrent)), i386 from the thread_info at the bottom of the
 * stack. In the simulation a host thread acts as one simulated CPU, and
 * the model (kernel/cpu.h) keeps for it a small per-CPU area in the same
 * spirit, reached through one thread-local pointer: the running task and
 * what interrupt entry and exit need without a call (this CPU's kernel's
 * ve0 and ub0, the pending softirqs). get_current() is NULL on a thread that
 * drives no simulated CPU.
 *
 * The area is the model's, not the kernel's (hence its vzsim_ names);
 * code written against the face uses get_current(), get_ve0(), get_ub0().
 */
#ifndef VZSIM_INCLUDE_ASM_CURRENT_H
#define VZSIM_INCLUDE_ASM_CURRENT_H

struct task_struct;
struct thread_info;
struct ve_struct;
struct user_beancounter;

struct vzsim_cpu_area {
	/*
	 * Written by the thread driving the CPU, read by others too (which
	 * task runs where): always through __atomic builtins.
	 */
	struct task_struct *pcurrent;
	/*
	 * pcurrent's thread_info, set with it, so that the preempt count is
	 * one load from the area (x86_64's pda reaches it the same way,
	 * through its kernelstack field: current_thread_info()). Only the
	 * driving thread reads it.
	 */
	struct thread_info *thread_info;
	/* Set when the CPU is built; the kernel's globals ve0 and ub0. */
	struct ve_struct *ve0;
	struct user_beancounter *ub0;
	/*
	 * The softirq vectors raised on this CPU and not yet run, one bit
	 * each (x86_64's pda has the same field); only the driving thread
	 * touches it.
	 */
	unsigned int __softirq_pending;
};

#ifdef __cplusplus
extern "C" {
#endif

/* The calling thread's CPU area, or NULL (kernel/current.cc). */
extern __thread struct vzsim_cpu_area *vzsim_this_cpu_area
    __attribute__((tls_model("initial-exec")));

#ifdef __cplusplus
}
#endif

static inline struct task_struct *get_current(void)
{
	struct vzsim_cpu_area *area = vzsim_this_cpu_area;

	if (area == 0)
		return 0;
	return __atomic_load_n(&area->pcurrent, __ATOMIC_RELAXED);
}

/*
 * In C++ a macro named `current` would also rewrite the standard library's
 * own members of that name (std::reverse_iterator::current), so C++ model
 * code gets an object that reads like the pointer instead (kernel/cpu.h),
 * and the face's own macros call get_current() by name.
 */
#ifndef __cplusplus
#define current get_current()
#endif

#endif /* VZSIM_INCLUDE_ASM_CURRENT_H */
