// The model's helpers for struct new_utsname (include/linux/utsname.h): the
// field setter and the values a freshly booted simulated host reports. The
// struct itself, utsname() and init_utsname() are the kernel face's.
//
// Thread safety: plain data; the Kernel guards every copy with its uts lock.
#ifndef VZSIM_UTS_UTSNAME_H_
#define VZSIM_UTS_UTSNAME_H_

#include "absl/strings/string_view.h"
#include "include/linux/utsname.h"

namespace vzsim {

// Copies `value` into the field `field` (one of new_utsname's arrays), NUL
// padded. Returns 0, or -EINVAL if `value` is longer than __NEW_UTS_LEN, in
// which case the field is left unchanged.
int SetUtsField(char (&field)[__NEW_UTS_LEN + 1], absl::string_view value);

// The values a freshly booted simulated host reports.
new_utsname DefaultHostUtsname();

}  // namespace vzsim

#endif  // VZSIM_UTS_UTSNAME_H_
