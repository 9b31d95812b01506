// The VE calls on the kernel face (ve/ve.h), carried out by the Kernel of
// the calling CPU for `current`.
#include <cerrno>

#include "kernel/cpu.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "ve/ve.h"

namespace {

int Call(envid_t veid, unsigned flags, u32 class_id, bool with_data) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  absl::StatusOr<int> ret =
      k->RealEnvCreate(current, veid, flags, class_id, with_data);
  return ret.ok() ? *ret : -vzsim::ErrnoOf(ret.status());
}

}  // namespace

int real_env_create(envid_t veid, unsigned flags, u32 class_id,
                    const struct env_create_param3* data, int datalen) {
  if (vzsim::this_kernel() == nullptr) return -ESRCH;
  // kernel/ve/vecalls.c: vzcalls_ioctl(), VZCTL_ENV_CREATE_DATA: the size
  // and the pointer are checked before anything else.
  if (datalen < static_cast<int>(VZCTL_ENV_CREATE_DATA_MINLEN) ||
      datalen > static_cast<int>(VZCTL_ENV_CREATE_DATA_MAXLEN) ||
      data == nullptr) {
    return -EINVAL;
  }
  return Call(veid, flags, class_id, true);
}

int real_env_create_nodata(envid_t veid, unsigned flags, u32 class_id) {
  return Call(veid, flags, class_id, false);
}

int ve_create(envid_t veid) {
  const struct env_create_param3 data = {};
  return real_env_create(veid, VE_CREATE | VE_EXCLUSIVE, 0, &data,
                         sizeof(data));
}

int ve_enter(envid_t veid) {
  const struct env_create_param3 data = {};
  return real_env_create(veid, VE_ENTER, 0, &data, sizeof(data));
}

int ve_test(envid_t veid) {
  const struct env_create_param3 data = {};
  return real_env_create(veid, VE_TEST, 0, &data, sizeof(data));
}
