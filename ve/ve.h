// The VE life-cycle calls vzctl makes, on the kernel face. The VE types and
// the exec-env calls the porting rules use are the face's own:
// include/linux/ve.h (struct ve_struct), include/linux/ve_task.h
// (get_exec_env(), set_exec_env(), get_ve0()) and include/linux/sched.h
// (ve_is_super(), VEID(), ve_accessible()).
//
// All act on `current`, the task this thread's simulated CPU runs
// (kernel/cpu.h). On a thread that drives no CPU they return -ESRCH.
#ifndef VZSIM_VE_VE_H_
#define VZSIM_VE_VE_H_

#include "include/linux/sched.h"
#include "include/linux/ve.h"
#include "include/linux/ve_task.h"
#include "kernel/cpu.h"

// Each returns 0 or a negative errno (VZCTL_ENV_CREATE and friends in
// kernel/ve/vecalls.c).
// ve_create(): make VE `veid` with current as its init (virtual pid 1).
int ve_create(envid_t veid);
// ve_enter(): move current into running VE `veid`.
int ve_enter(envid_t veid);
// ve_test(): 0 if VE `veid` exists (running or stopping), else -ESRCH.
int ve_test(envid_t veid);
// ve_destroy(): free a stopped VE with no task left.
int ve_destroy(envid_t veid);

#endif  // VZSIM_VE_VE_H_
