#include "ve/ve.h"

#include <cerrno>

#include "kernel/cpu.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"

ve_struct* get_ve0(void) {
  vzsim::Kernel* k = vzsim::this_kernel();
  return k == nullptr ? nullptr : k->ve0();
}

int ve_create(envid_t veid) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  return -vzsim::ErrnoOf(k->CreateVe(current, veid).status());
}

int ve_enter(envid_t veid) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  return -vzsim::ErrnoOf(k->EnterVe(current, veid));
}

int ve_test(envid_t veid) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  return k->FindVe(veid) == nullptr ? -ESRCH : 0;
}

int ve_destroy(envid_t veid) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  return -vzsim::ErrnoOf(k->DestroyVe(veid));
}
