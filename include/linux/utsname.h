/*
 * include/linux/utsname.h: the system identity uname(2) reports, six
 * NUL-terminated fields of at most __NEW_UTS_LEN bytes.
 *
 *	utsname()->nodename		(the copy of the current exec env)
 *	init_utsname()->release		(the host's: host-only output)
 *
 * The host has one copy and each VE its own, made when the VE is created.
 * Both calls are the model's (uts/uts.cc); reads that must be consistent
 * with a concurrent sethostname go through sys_newuname(), which copies
 * under the uts lock.
 */
#ifndef VZSIM_INCLUDE_LINUX_UTSNAME_H
#define VZSIM_INCLUDE_LINUX_UTSNAME_H

#define __NEW_UTS_LEN 64

struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

#ifdef __cplusplus
extern "C" {
#endif

/* utsname(): the current exec env's copy (the host's without a CPU). */
struct new_utsname *utsname(void);
/* init_utsname(): the host's copy. */
struct new_utsname *init_utsname(void);

#ifdef __cplusplus
}
#endif

#endif /* VZSIM_INCLUDE_LINUX_UTSNAME_H */
