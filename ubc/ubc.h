// The two beancounter syscalls the host's tools use, on the kernel face.
// The exec-ub calls (get_exec_ub(), set_exec_ub(), get_ub0(),
// get_task_ub()) are the face's own, in include/ub/ub_task.h; the charge
// calls are in include/ub/beancounter.h and ubc/ub_memory.h.
//
// Both act on `current`; on a thread that drives no CPU they return -ESRCH.
#ifndef VZSIM_UBC_UBC_H_
#define VZSIM_UBC_UBC_H_

#include <cstdint>

#include "include/linux/sched.h"
#include "include/ub/beancounter.h"
#include "include/ub/ub_task.h"
#include "kernel/cpu.h"

// sys_setluid(): beancounter `uid` becomes current's exec beancounter.
// -EPERM from a VE.
long sys_setluid(uint32_t uid);
// sys_setublimit(): limits[0] is the barrier, limits[1] the limit. -EPERM
// from a VE, -ENOENT for an unknown uid, -EINVAL for a bad resource, a value
// above UB_MAXVALUE or barrier > limit, -EFAULT for a null `limits`.
long sys_setublimit(uint32_t uid, unsigned long resource,
                    const unsigned long* limits);

#endif  // VZSIM_UBC_UBC_H_
