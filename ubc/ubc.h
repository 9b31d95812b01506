// The beancounter system calls (kernel/ub/ub_sys.c), on the kernel face
// (acting as `current`) and on the C++ face (acting as a given task):
//
//   sys_setluid(101);                       // vzctl, before starting VE 101
//   unsigned long limits[2] = {256, 300};   // barrier, limit
//   sys_setublimit(101, UB_PRIVVMPAGES, limits);
//
// The exec-ub calls (get_exec_ub(), set_exec_ub(), get_ub0(),
// get_task_ub()) are in include/ub/ub_task.h; the charge calls in
// include/ub/beancounter.h, ub_vmpages.h, ub_mem.h and ub_misc.h.
//
// On a thread that drives no simulated CPU the kernel-face calls return
// -ESRCH.
#ifndef VZSIM_UBC_UBC_H_
#define VZSIM_UBC_UBC_H_

#include "include/linux/sched.h"
#include "include/ub/beancounter.h"
#include "include/ub/ub_task.h"
#include "kernel/cpu.h"
#include "ubc/ub_table.h"

// sys_getluid(): the id of current's exec beancounter.
long sys_getluid();
// sys_setluid(): beancounter `uid` (made if needed) becomes current's exec
// beancounter and the one its children are born into. Its own task_ub and
// address space stay where they are. In order: -EINVAL for (uid_t)-1,
// -EPERM without CAP_SETUID, -EPERM outside ve0's exec env, -ENOBUFS when
// no beancounter can be made.
long sys_setluid(uid_t uid);
// sys_setublimit(): limits[0] is the barrier, limits[1] the limit; the
// beancounter keeps what it holds. In order: -EFAULT for a null `limits`,
// -EPERM without CAP_SYS_RESOURCE, -EPERM outside ve0's exec env, -EINVAL
// for resource >= UB_RESOURCES, -EINVAL for a value above UB_MAXVALUE,
// -ENOENT when beancounter `uid` does not exist. barrier > limit is taken
// as given.
long sys_setublimit(uid_t uid, unsigned long resource,
                    const unsigned long* limits);

namespace vzsim {

// The same, as `tsk` would make them (its capabilities, its exec env, its
// task_bc). -ESRCH for a null task.
long UbGetluid(task_struct* tsk);
long UbSetluid(UbTable& table, task_struct* tsk, uid_t uid);
long UbSetublimit(UbTable& table, task_struct* tsk, uid_t uid,
                  unsigned long resource, const unsigned long* limits);

}  // namespace vzsim

#endif  // VZSIM_UBC_UBC_H_
