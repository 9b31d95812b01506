#include "kernel/errno_status.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace vzsim {
namespace {

constexpr char kErrnoPayload[] = "vzsim/errno";

absl::StatusCode CodeForErrno(int err) {
  switch (err) {
    case EPERM:
    case EACCES:
      return absl::StatusCode::kPermissionDenied;
    case ESRCH:
    case ENOENT:
    case ECHILD:
      return absl::StatusCode::kNotFound;
    case EEXIST:
      return absl::StatusCode::kAlreadyExists;
    case ENOMEM:
    case EAGAIN:
    case ENOSPC:
      return absl::StatusCode::kResourceExhausted;
    case EBUSY:
      return absl::StatusCode::kFailedPrecondition;
    case EINVAL:
    case ERANGE:
    case EFAULT:
      return absl::StatusCode::kInvalidArgument;
    default:
      return absl::StatusCode::kUnknown;
  }
}

}  // namespace

absl::string_view ErrnoName(int err) {
  switch (err) {
    case EPERM:
      return "EPERM";
    case ENOENT:
      return "ENOENT";
    case ESRCH:
      return "ESRCH";
    case EINTR:
      return "EINTR";
    case ECHILD:
      return "ECHILD";
    case EAGAIN:
      return "EAGAIN";
    case ENOMEM:
      return "ENOMEM";
    case EACCES:
      return "EACCES";
    case EFAULT:
      return "EFAULT";
    case EBUSY:
      return "EBUSY";
    case EEXIST:
      return "EEXIST";
    case EINVAL:
      return "EINVAL";
    case ENOSPC:
      return "ENOSPC";
    case ERANGE:
      return "ERANGE";
    case ENOSYS:
      return "ENOSYS";
    case ENOEXEC:
      return "ENOEXEC";
    default:
      return "E?";
  }
}

absl::Status ErrnoError(int err, absl::string_view context) {
  if (err == 0) return absl::OkStatus();
  const int e = std::abs(err);
  absl::Status status(
      CodeForErrno(e),
      absl::StrCat(context, ": ", ErrnoName(e), " (", std::strerror(e), ")"));
  status.SetPayload(kErrnoPayload, absl::Cord(absl::StrCat(e)));
  return status;
}

int ErrnoOf(const absl::Status& status) {
  if (status.ok()) return 0;
  if (auto payload = status.GetPayload(kErrnoPayload)) {
    int e = 0;
    if (absl::SimpleAtoi(std::string(*payload), &e)) return e;
  }
  switch (status.code()) {
    case absl::StatusCode::kPermissionDenied:
      return EPERM;
    case absl::StatusCode::kNotFound:
      return ENOENT;
    case absl::StatusCode::kAlreadyExists:
      return EEXIST;
    case absl::StatusCode::kResourceExhausted:
      return ENOMEM;
    case absl::StatusCode::kFailedPrecondition:
      return EBUSY;
    default:
      return EINVAL;
  }
}

}  // namespace vzsim
