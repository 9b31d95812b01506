// The utsname syscalls, on the kernel face. utsname() and init_utsname()
// are the face's own (include/linux/utsname.h):
//
//   utsname()->nodename     // the exec env's copy: the VE's own inside a VE
//   init_utsname()->release // the host's values: only for host-only output
//                           // (an oops banner); rule R9 forbids it elsewhere
//
// Reads that must be consistent with concurrent sethostname calls go through
// sys_newuname(), which copies under the uts lock (uts_sem).
#ifndef VZSIM_UTS_UTS_H_
#define VZSIM_UTS_UTS_H_

#include "include/linux/utsname.h"

// The host's copy under the name of the kernel's old global (2.6.18 before
// the uts namespaces; 028stab spells it init_utsname()). The ports still use
// it; they move to init_utsname() when they are rewritten in C.
#define system_utsname (*init_utsname())

// sys_newuname(): copies utsname() into `name`. -EFAULT for a null buffer.
int sys_newuname(new_utsname* name);
// sys_sethostname / sys_setdomainname: change the caller's own copy only.
// -EINVAL when `len` is negative or over 64, -EFAULT for a null name with a
// non-zero length.
int sys_sethostname(const char* name, int len);
int sys_setdomainname(const char* name, int len);

#endif  // VZSIM_UTS_UTS_H_
