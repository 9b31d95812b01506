/*
 * include/asm-generic/siginfo.h: struct siginfo, what a queued signal
 * carries (the fields the model uses), and the si_code values.
 */
#ifndef VZSIM_INCLUDE_ASM_GENERIC_SIGINFO_H
#define VZSIM_INCLUDE_ASM_GENERIC_SIGINFO_H

#include "../linux/types.h"

#ifdef __cplusplus
/* glibc spells the fields of its own siginfo_t as macros; struct siginfo
 * below uses the plain names, so they go (glibc's siginfo_t is not used
 * anywhere in vzsim). <csignal> first, so that no later include of it
 * brings them back. */
#include <csignal>
#undef si_pid
#undef si_uid
#undef si_status
#undef si_addr
#endif

struct siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	pid_t si_pid; /* the sender */
	unsigned si_uid;
	int si_status;	       /* SIGCHLD: exit code */
	unsigned long si_addr; /* faults: the address */
};

#ifndef __cplusplus /* C++ has them from <csignal> */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#endif

#endif /* VZSIM_INCLUDE_ASM_GENERIC_SIGINFO_H */
