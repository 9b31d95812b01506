/*
 * include/linux/ptrace.h: the ptrace requests and what generic code offers
 * an architecture's sys_ptrace().
 */
#ifndef VZSIM_INCLUDE_LINUX_PTRACE_H
#define VZSIM_INCLUDE_LINUX_PTRACE_H

#define PTRACE_TRACEME 0
#define PTRACE_PEEKTEXT 1
#define PTRACE_PEEKDATA 2
#define PTRACE_POKETEXT 4
#define PTRACE_POKEDATA 5
#define PTRACE_ATTACH 16
#define PTRACE_DETACH 17

/* task_struct::ptrace */
#define PT_PTRACED 0x00000001

struct task_struct;

#ifdef __cplusplus
extern "C" {
#endif

/*
 * kernel/ptrace.c: ptrace_attach(): -EPERM for a task with pid <= 1, one
 * of current's own thread group, or a task without an mm; else marks it
 * PT_PTRACED and returns 0. (The model does not reparent the tracee.)
 */
int ptrace_attach(struct task_struct *task);

#ifdef __cplusplus
}
#endif

#endif /* VZSIM_INCLUDE_LINUX_PTRACE_H */
