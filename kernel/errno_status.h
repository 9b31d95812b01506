// Converting between the kernel face (negative errno) and the C++ face
// (absl::Status) without losing the errno.
//
// absl's own errno mapping is lossy (ENOMEM and ENOSPC both become
// kResourceExhausted), so every Status made here carries the exact errno as a
// payload, and ErrnoOf() gives it back:
//
//   absl::Status s = ErrnoError(-EBUSY, "VE 101 is stopping");
//   ErrnoOf(s) == EBUSY;  // true
//
// Thread safety: all functions are pure.
#ifndef VZSIM_KERNEL_ERRNO_STATUS_H_
#define VZSIM_KERNEL_ERRNO_STATUS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace vzsim {

// Makes a non-OK Status from a kernel return value `err` (negative errno, or a
// positive errno). `err == 0` gives OkStatus(). The message reads
// "<context>: <errno name> (<strerror>)".
absl::Status ErrnoError(int err, absl::string_view context);

// The positive errno carried by `status`; 0 for OK. A Status not made by
// ErrnoError gives the closest errno for its code (EINVAL by default).
int ErrnoOf(const absl::Status& status);

// The kernel's symbolic name for a positive errno ("EPERM"), or "E?<n>".
absl::string_view ErrnoName(int err);

// Converts a kernel-face return value to a Status: `ret >= 0` is OK.
inline absl::Status KernelReturnToStatus(int ret, absl::string_view context) {
  return ret >= 0 ? absl::OkStatus() : ErrnoError(ret, context);
}

}  // namespace vzsim

// Returns from the enclosing function if `expr` (an absl::Status) is not OK.
// (Abseil 20220623 has no status macros of its own.)
#define VZ_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::absl::Status vz_status_ = (expr);      \
    if (!vz_status_.ok()) return vz_status_; \
  } while (0)

#endif  // VZSIM_KERNEL_ERRNO_STATUS_H_
