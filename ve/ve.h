// The kernel face of VEs (SPEC.md sections 1 and 2): the exec-env calls that
// the porting rules use, and the VE life-cycle calls vzctl makes.
//
//   struct ve_struct* old = set_exec_env(get_ve0());   // run as the host
//   ...
//   (void)set_exec_env(old);                            // and switch back
//
// All act on `current`, the task this thread's simulated CPU runs
// (kernel/cpu.h). On a thread that drives no CPU they return nullptr / false
// or -ESRCH.
#ifndef VZSIM_VE_VE_H_
#define VZSIM_VE_VE_H_

#include "kernel/cpu.h"
#include "kernel/task.h"
#include "ve/ve_struct.h"

// get_exec_env(): the VE on whose behalf current runs right now.
inline ve_struct* get_exec_env() {
  task_struct* t = current;
  return t == nullptr ? nullptr : t->exec_env;
}
// set_exec_env(): makes `ve` current's exec env and returns the previous one,
// for `old = set_exec_env(x); ...; set_exec_env(old);`. A null `ve` changes
// nothing and returns nullptr.
ve_struct* set_exec_env(ve_struct* ve);
// get_ve0(): the host VE.
ve_struct* get_ve0();
// ve_is_super(): `ve` is the host.
inline bool ve_is_super(const ve_struct* ve) {
  return ve != nullptr && ve->veid == 0;
}
// ve_accessible(target, owner): code running for `owner` may touch objects of
// `target`: true when owner is ve0 or owner == target.
inline bool ve_accessible(const ve_struct* target, const ve_struct* owner) {
  return owner != nullptr && (ve_is_super(owner) || owner == target);
}
// VEID(): the id of a VE.
inline envid_t VEID(const ve_struct* ve) {
  return ve == nullptr ? 0 : ve->veid;
}
// The VE that owns `t` (task->ve_task_info.owner_env).
inline ve_struct* VE_TASK_INFO_OWNER(const task_struct* t) {
  return t->owner_env;
}

// VE life cycle, as vzctl drives it (VZCTL_ENV_CREATE). Each returns 0 or a
// negative errno, as SPEC.md section 2 lists.
// ve_create(): make VE `veid` with current as its init (virtual pid 1).
int ve_create(envid_t veid);
// ve_enter(): move current into running VE `veid`.
int ve_enter(envid_t veid);
// ve_test(): 0 if VE `veid` exists (running or stopping), else -ESRCH.
int ve_test(envid_t veid);
// ve_destroy(): free a stopped VE with no task left.
int ve_destroy(envid_t veid);

#endif  // VZSIM_VE_VE_H_
