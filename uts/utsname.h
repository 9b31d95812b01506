// The system identity that uname(2) reports, as the kernel's
// `struct new_utsname` (include/linux/utsname.h): six fixed-size fields of
// __NEW_UTS_LEN + 1 bytes, always NUL-terminated.
//
// The host has one (`system_utsname`); every VE has its own copy, made when
// the VE is created (`ve_utsname`, SPEC.md section 4). This file holds only
// the data type and its field setter; the kernel-face calls (utsname(),
// sethostname, ...) live in uts/uts.h.
//
// Thread safety: plain data; the Kernel guards every copy with its uts lock.
#ifndef VZSIM_UTS_UTSNAME_H_
#define VZSIM_UTS_UTSNAME_H_

#include "absl/strings/string_view.h"

constexpr int __NEW_UTS_LEN = 64;

struct new_utsname {
  char sysname[__NEW_UTS_LEN + 1];
  char nodename[__NEW_UTS_LEN + 1];
  char release[__NEW_UTS_LEN + 1];
  char version[__NEW_UTS_LEN + 1];
  char machine[__NEW_UTS_LEN + 1];
  char domainname[__NEW_UTS_LEN + 1];
};

namespace vzsim {

// Copies `value` into the field `field` (one of new_utsname's arrays), NUL
// padded. Returns 0, or -EINVAL if `value` is longer than __NEW_UTS_LEN, in
// which case the field is left unchanged.
int SetUtsField(char (&field)[__NEW_UTS_LEN + 1], absl::string_view value);

// The values a freshly booted simulated host reports.
new_utsname DefaultHostUtsname();

}  // namespace vzsim

#endif  // VZSIM_UTS_UTSNAME_H_
