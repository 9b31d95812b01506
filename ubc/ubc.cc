#include "ubc/ubc.h"

#include <cerrno>

#include "kernel/cpu.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"

user_beancounter* get_ub0(void) {
  vzsim::Kernel* k = vzsim::this_kernel();
  return k == nullptr ? nullptr : k->ub0();
}

long sys_setluid(uint32_t uid) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  return -vzsim::ErrnoOf(k->SetLuid(current, uid));
}

long sys_setublimit(uint32_t uid, unsigned long resource,
                    const unsigned long* limits) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  if (limits == nullptr) return -EFAULT;
  if (resource >= UB_RESOURCES) return -EINVAL;
  return -vzsim::ErrnoOf(k->SetUbLimit(current, uid, static_cast<int>(resource),
                                       limits[0], limits[1]));
}
