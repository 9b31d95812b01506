// The VE calls vzctl makes, on the kernel face. The VE types and the
// exec-env calls the porting rules use are the face's own:
// include/linux/ve.h (struct ve_struct), include/linux/ve_task.h
// (get_exec_env(), set_exec_env(), get_ve0()), include/linux/sched.h
// (ve_is_super(), VEID(), ve_accessible()) and include/linux/vzcalluser.h
// (the VE_* flags, struct env_create_param3).
//
// All act on `current`, the task this thread's simulated CPU runs
// (kernel/cpu.h); on a thread that drives no CPU they return -ESRCH. The
// Kernel carries them out (kernel/vecalls.cc).
#ifndef VZSIM_VE_VE_H_
#define VZSIM_VE_VE_H_

#include "include/linux/sched.h"
#include "include/linux/ve.h"
#include "include/linux/ve_task.h"
#include "include/linux/vzcalluser.h"

// real_env_create() (kernel/ve/vecalls.c), as the VZCTL_ENV_CREATE_DATA
// ioctl reaches it: `data` of `datalen` bytes (8..32, else -EINVAL). With
// flags 0 it returns current's exec veid. Otherwise, in order: -EPERM
// without CAP_SETVEID; -EINVAL for VE_TEST with VE_CREATE or VE_ENTER; an
// existing veid: 0 for VE_TEST, -EACCES with VE_EXCLUSIVE, VE_CREATE turns
// into VE_ENTER; a missing one: -ESRCH for VE_TEST or VE_ENTER. A create
// or an enter returns the veid, or its own errors (Kernel::RealEnvCreate).
int real_env_create(envid_t veid, unsigned flags, u32 class_id,
                    const struct env_create_param3* data, int datalen);
// The plain VZCTL_ENV_CREATE: no data. In 028stab a create that gets as
// far as making the VE dereferences the missing data (an oops): the model
// records a kernel BUG and returns -EFAULT. Test, enter and flags 0 work.
int real_env_create_nodata(envid_t veid, unsigned flags, u32 class_id);

// Shorthands: create VE `veid` with current as its init (VE_CREATE |
// VE_EXCLUSIVE, default data), enter it (VE_ENTER), test it (VE_TEST).
// Each returns what real_env_create() returns.
int ve_create(envid_t veid);
int ve_enter(envid_t veid);
int ve_test(envid_t veid);

#endif  // VZSIM_VE_VE_H_
