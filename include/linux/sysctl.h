/*
 * include/linux/sysctl.h: the sysctl variables arch code reads.
 *
 * ve_allow_kthreads (kernel/sysctl.c, default 1): whether a VE's exec env
 * may start kernel threads; i386, x86_64 and ia64 check it in
 * kernel_thread(), sparc64 refuses inside a VE whatever it says. Like the
 * kernel's, it is one variable for the whole process: every simulated
 * kernel shares it.
 */
#ifndef VZSIM_INCLUDE_LINUX_SYSCTL_H
#define VZSIM_INCLUDE_LINUX_SYSCTL_H

#ifdef __cplusplus
extern "C" {
#endif

extern int ve_allow_kthreads;

#ifdef __cplusplus
}
#endif

#endif /* VZSIM_INCLUDE_LINUX_SYSCTL_H */
