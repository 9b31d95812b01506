// The utsname syscalls, on the kernel face. utsname() and init_utsname()
// are the face's own (include/linux/utsname.h):
//
//   utsname()->nodename     // current's namespace: its VE's names
//   init_utsname()->release // the host's values: only for host-only output
//                           // (an oops banner); rule R9 forbids it elsewhere
//
// Reads that must be consistent with concurrent sethostname calls go through
// sys_newuname(), which copies under uts_sem.
#ifndef VZSIM_UTS_UTS_H_
#define VZSIM_UTS_UTS_H_

#include "include/linux/utsname.h"

// sys_newuname() (kernel/sys.c): copies utsname() into `name`. -EFAULT for
// a null buffer.
int sys_newuname(new_utsname* name);
// sys_sethostname / sys_setdomainname (kernel/sys.c), in the kernel's order:
// -EPERM without CAP_VE_SYS_ADMIN, -EINVAL when `len` is negative or over
// 64, -EFAULT for a null name with a non-zero length (the names are then
// unchanged). They change current's namespace.
int sys_sethostname(const char* name, int len);
int sys_setdomainname(const char* name, int len);
// sys_gethostname() (kernel/sys.c): -EINVAL for a negative `len`; copies
// min(strlen + 1, len) bytes of the node name (no NUL when cut short);
// -EFAULT for a null buffer.
int sys_gethostname(char* name, int len);

#endif  // VZSIM_UTS_UTS_H_
