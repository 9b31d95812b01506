/*
 * include/linux/vzcalluser.h: what vzctl passes to the kernel to create,
 * enter or test a VE (the VZCTL_ENV_CREATE_DATA ioctl of /dev/vzctl,
 * handled by kernel/ve/vecalls.c: real_env_create()).
 */
#ifndef VZSIM_INCLUDE_LINUX_VZCALLUSER_H
#define VZSIM_INCLUDE_LINUX_VZCALLUSER_H

#include "types.h"

#define VE_CREATE 1    /* create; an existing veid is entered instead */
#define VE_EXCLUSIVE 2 /* fail if the veid exists */
#define VE_ENTER 4     /* enter an existing VE */
#define VE_TEST 8      /* does the veid exist? */
#define VE_LOCK 16     /* create it locked: no enter without VE_SKIPLOCK */
#define VE_SKIPLOCK 32 /* enter even a locked VE */

/* The creation parameters; a shorter datalen leaves the rest 0. */
struct env_create_param3 {
	__u64 iptables_mask;
	__u64 feature_mask;
	__u32 total_vcpus; /* 0: as many as the host */
	__u32 pad;
	__u64 known_features;
};

#define VZCTL_ENV_CREATE_DATA_MINLEN 8 /* sizeof(struct env_create_param) */
#define VZCTL_ENV_CREATE_DATA_MAXLEN sizeof(struct env_create_param3)

#endif /* VZSIM_INCLUDE_LINUX_VZCALLUSER_H */
