/*
 * include/asm/current.h: `current`, the task the calling CPU runs.
 *
 * Each architecture finds it its own way (a per-CPU data area, the stack
 * pointer, a register); in the simulation a host thread acts as one
 * simulated CPU, and the model (kernel/cpu.cc) answers get_current() for
 * it. NULL on a thread that drives no simulated CPU.
 */
#ifndef VZSIM_INCLUDE_ASM_CURRENT_H
#define VZSIM_INCLUDE_ASM_CURRENT_H

struct task_struct;

#ifdef __cplusplus
extern "C" {
#endif

struct task_struct *get_current(void);

#ifdef __cplusplus
}
#endif

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
