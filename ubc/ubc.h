// The kernel face of beancounter context (SPEC.md section 5, "Context and
// lifecycle"): which beancounter new charges go to, and the two syscalls the
// host's tools use.
//
//   struct user_beancounter* old = set_exec_ub(get_ub0());  // charge the host
//   ...
//   (void)set_exec_ub(old);
//
// charge_beancounter / uncharge_beancounter / ub_memory_charge are in
// ubc/beancounter.h and ubc/ub_memory.h. All of these act on `current`; on a
// thread that drives no CPU they return nullptr or -ESRCH.
#ifndef VZSIM_UBC_UBC_H_
#define VZSIM_UBC_UBC_H_

#include "kernel/task.h"
#include "ubc/beancounter.h"

// get_exec_ub(): the beancounter current's new charges go to.
user_beancounter* get_exec_ub();
// set_exec_ub(): sets it and returns the previous one. A null `ub` changes
// nothing and returns nullptr.
user_beancounter* set_exec_ub(user_beancounter* ub);
// get_ub0(): the host's beancounter.
user_beancounter* get_ub0();
// The beancounter task `t` itself is charged to.
inline user_beancounter* get_task_ub(const task_struct* t) {
  return t == nullptr ? nullptr : t->task_ub;
}

// sys_setluid(): beancounter `uid` becomes current's exec beancounter.
// -EPERM from a VE.
long sys_setluid(uint32_t uid);
// sys_setublimit(): limits[0] is the barrier, limits[1] the limit. -EPERM
// from a VE, -ENOENT for an unknown uid, -EINVAL for a bad resource, a value
// above UB_MAXVALUE or barrier > limit, -EFAULT for a null `limits`.
long sys_setublimit(uint32_t uid, unsigned long resource,
                    const unsigned long* limits);

#endif  // VZSIM_UBC_UBC_H_
