/*
 * include/linux/utsname.h: the system identity uname(2) reports, six
 * NUL-terminated fields of at most __NEW_UTS_LEN bytes, kept in a uts
 * namespace.
 *
 *	utsname()->nodename		(current's namespace: its VE's names)
 *	init_utsname()->release		(the host's: host-only output)
 *
 * utsname() follows the task (current->nsproxy->uts_ns), not the VE it
 * works for: an interrupt or set_exec_env() does not change it. The host's
 * tasks share init_uts_ns; each VE's tasks its own namespace, copied from
 * its creator's when the VE was made, with the release replaced by the
 * kernel.virt_osrelease sysctl of that moment. Reads that must be
 * consistent with a concurrent sethostname go through sys_newuname(), which
 * copies under uts_sem.
 */
#ifndef VZSIM_INCLUDE_LINUX_UTSNAME_H
#define VZSIM_INCLUDE_LINUX_UTSNAME_H

#include "kref.h"
#include "nsproxy.h"

#define __OLD_UTS_LEN 8
#define __NEW_UTS_LEN 64

/* uname(2) before 1.3: five 9-byte fields (i386's sys_olduname). */
struct oldold_utsname {
	char sysname[9];
	char nodename[9];
	char release[9];
	char version[9];
	char machine[9];
};

/* uname(2) of 2.0: five 65-byte fields, no domainname. */
struct old_utsname {
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
};

struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

struct uts_namespace {
	struct kref kref;	 /* set when made */
	struct new_utsname name; /* read and written under uts_sem */
};

#ifdef __cplusplus
extern "C" {
#endif

/*
 * utsname(): current's names (the host's on a thread that drives no
 * simulated CPU).
 */
struct new_utsname *utsname(void);
/* init_utsname(): the host's copy. */
struct new_utsname *init_utsname(void);

#ifdef __cplusplus
}
#endif

#endif /* VZSIM_INCLUDE_LINUX_UTSNAME_H */
