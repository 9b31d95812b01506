// The kernel face of utsname (SPEC.md section 4).
//
//   utsname()->nodename     // the exec env's copy: the VE's own inside a VE
//   system_utsname.release  // the host's values: only for host-only output
//                           // (an oops banner); rule R9 forbids it elsewhere
//
// Reads that must be consistent with concurrent sethostname calls go through
// sys_newuname(), which copies under the uts lock (uts_sem).
#ifndef VZSIM_UTS_UTS_H_
#define VZSIM_UTS_UTS_H_

#include <cstddef>

#include "uts/utsname.h"

// utsname(): current's exec env's copy (the host's when no CPU is bound).
new_utsname* utsname();
// The host's copy, as the kernel's global `system_utsname`.
new_utsname* vzsim_system_utsname();
#define system_utsname (*vzsim_system_utsname())

// sys_newuname(): copies utsname() into `name`. -EFAULT for a null buffer.
int sys_newuname(new_utsname* name);
// sys_sethostname / sys_setdomainname: change the caller's own copy only.
// -EINVAL when `len` is negative or over 64, -EFAULT for a null name with a
// non-zero length.
int sys_sethostname(const char* name, int len);
int sys_setdomainname(const char* name, int len);

#endif  // VZSIM_UTS_UTS_H_
