/*
 * include/linux/capability.h: POSIX capabilities as 028stab has them: one
 * 32-bit set per kind in each task (effective, inheritable, permitted), the
 * capability numbers, OpenVZ's two (CAP_SETVEID, CAP_VE_ADMIN), and the
 * VE's bounding set, which replaces the kernel-wide cap_bset.
 *
 *	if (!capable(CAP_SETVEID))		(kernel/capability.c)
 *		return -EPERM;
 *
 * capable() tests the effective set of current and nothing else: it does
 * not look at the VE the task runs for. A VE's tasks lack what its bounding
 * set lacks because entering the VE masked their sets with it
 * (kernel/ve/vecalls.c: set_task_ve_caps()).
 */
#ifndef VZSIM_INCLUDE_LINUX_CAPABILITY_H
#define VZSIM_INCLUDE_LINUX_CAPABILITY_H

#include "types.h"

struct task_struct;

typedef __u32 kernel_cap_t;

#define CAP_CHOWN 0
#define CAP_DAC_OVERRIDE 1
#define CAP_DAC_READ_SEARCH 2
#define CAP_FOWNER 3
#define CAP_FSETID 4
#define CAP_KILL 5
#define CAP_SETGID 6
#define CAP_SETUID 7
#define CAP_SETPCAP 8
#define CAP_LINUX_IMMUTABLE 9
#define CAP_NET_BIND_SERVICE 10
#define CAP_NET_BROADCAST 11
#define CAP_NET_ADMIN 12
#define CAP_NET_RAW 13
#define CAP_IPC_LOCK 14
#define CAP_IPC_OWNER 15
#define CAP_SYS_MODULE 16
#define CAP_SYS_RAWIO 17
#define CAP_SYS_CHROOT 18
#define CAP_SYS_PTRACE 19
#define CAP_SYS_PACCT 20
#define CAP_SYS_ADMIN 21
#define CAP_SYS_BOOT 22
#define CAP_SYS_NICE 23
#define CAP_SYS_RESOURCE 24
#define CAP_SYS_TIME 25
#define CAP_SYS_TTY_CONFIG 26
#define CAP_MKNOD 27
#define CAP_LEASE 28

/*
 * OpenVZ's. They share their numbers with CAP_AUDIT_WRITE and
 * CAP_AUDIT_CONTROL, which the model leaves out. CAP_SETVEID guards the VE
 * calls; no VE task ever has it (the bounding set of every VE drops it).
 */
#define CAP_SETVEID 29
#define CAP_VE_ADMIN 30

/*
 * With CONFIG_VE the "administer your own VE" rights are one capability:
 * sethostname() asks for CAP_VE_SYS_ADMIN, which is 30, not CAP_SYS_ADMIN.
 */
#define CAP_VE_NET_ADMIN CAP_VE_ADMIN
#define CAP_VE_SYS_ADMIN CAP_VE_ADMIN

/* The bounding set is per VE: the one current runs for. */
#define cap_bset get_exec_env()->ve_cap_bset

#define CAP_TO_MASK(x) (1U << (x))
#define CAP_EMPTY_SET ((kernel_cap_t)0)
#define CAP_FULL_SET ((kernel_cap_t)~0U)
/* What init starts with, and ve0's bounding set: all but CAP_SETPCAP. */
#define CAP_INIT_EFF_SET ((kernel_cap_t)(~0U & ~CAP_TO_MASK(CAP_SETPCAP)))
#define CAP_INIT_INH_SET ((kernel_cap_t)0)

#define cap_raise(c, flag) ((c) |= CAP_TO_MASK(flag))
#define cap_lower(c, flag) ((c) &= ~CAP_TO_MASK(flag))
#define cap_raised(c, flag) ((c)&CAP_TO_MASK(flag))
#define cap_mask(c, mask)                                                      \
	do {                                                                   \
		(c) &= (mask);                                                 \
	} while (0)
#define cap_clear(c)                                                           \
	do {                                                                   \
		(c) = 0;                                                       \
	} while (0)

#ifdef __cplusplus
extern "C" {
#endif

/*
 * __capable(t, cap): `cap` is in t's effective set. capable(cap) asks it of
 * current. Both answer 0 for a NULL task, a thread that drives no simulated
 * CPU, and a number outside 0..31. (The kernel's also mark the task as
 * having used a privilege, PF_SUPERPRIV, which the model does not keep.)
 */
int __capable(struct task_struct *t, int cap);
int capable(int cap);

#ifdef __cplusplus
}
#endif

#endif /* VZSIM_INCLUDE_LINUX_CAPABILITY_H */
