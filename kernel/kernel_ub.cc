// Kernel: the C++ face of the beancounter system calls, which ubc/ makes
// (ubc/ubc.h), run as a given task under the task-list lock so that the
// task cannot be reaped meanwhile.
#include <cerrno>

#include "absl/strings/str_cat.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "ubc/ubc.h"

namespace vzsim {

absl::Status Kernel::SetLuid(task_struct* caller, uint32_t id) {
  absl::ReaderMutexLock lock(&tasklist_lock_);
  if (caller == nullptr || !task_alive(caller)) {
    return ErrnoError(-ESRCH, "setluid: not a live task");
  }
  const long err = UbSetluid(ubs_, caller, id);
  const char* why = err == -EINVAL ? "(uid_t)-1 cannot be set"
                    : err == -EPERM
                        ? "needs CAP_SETUID and the host's exec env (ve0)"
                        : "no beancounter could be made";
  return ErrnoError(static_cast<int>(err),
                    absl::StrCat("setluid(", id, "): ", why));
}

absl::Status Kernel::SetUbLimit(task_struct* caller, uint32_t id, int res,
                                uint64_t barrier, uint64_t limit) {
  absl::ReaderMutexLock lock(&tasklist_lock_);
  const std::string what = absl::StrCat("setublimit(", id, ", ", res, "): ");
  if (caller == nullptr || !task_alive(caller)) {
    return ErrnoError(-ESRCH, what + "not a live task");
  }
  const unsigned long limits[2] = {barrier, limit};
  const long err =
      UbSetublimit(ubs_, caller, id, static_cast<unsigned long>(res), limits);
  const char* why =
      err == -EPERM    ? "needs CAP_SYS_RESOURCE and the host's exec env (ve0)"
      : err == -ENOENT ? "no such beancounter (setluid makes one)"
                       : "no such resource, or a value above UB_MAXVALUE";
  return ErrnoError(static_cast<int>(err), what + why);
}

}  // namespace vzsim
