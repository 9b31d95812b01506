#include "uts/uts.h"

#include <cerrno>

#include "kernel/cpu.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "ve/ve.h"

namespace {

// A host-only copy for threads bound to no CPU, so that utsname() never
// returns null.
new_utsname* UnboundUtsname() {
  static new_utsname* const unbound =
      new new_utsname(vzsim::DefaultHostUtsname());
  return unbound;
}

int SetField(const char* name, int len, bool host_name) {
  if (len < 0 || len > __NEW_UTS_LEN) return -EINVAL;
  if (name == nullptr && len > 0) return -EFAULT;
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  const absl::string_view value(name == nullptr ? "" : name,
                                static_cast<size_t>(len));
  absl::Status s = host_name ? k->SetHostname(get_exec_env(), value)
                             : k->SetDomainname(get_exec_env(), value);
  return -vzsim::ErrnoOf(s);
}

}  // namespace

new_utsname* utsname(void) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr || get_exec_env() == nullptr) return UnboundUtsname();
  return k->UtsnameOf(get_exec_env());
}

new_utsname* init_utsname(void) {
  vzsim::Kernel* k = vzsim::this_kernel();
  return k == nullptr ? UnboundUtsname() : k->UtsnameOf(k->ve0());
}

int sys_newuname(new_utsname* name) {
  if (name == nullptr) return -EFAULT;
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr || get_exec_env() == nullptr) return -ESRCH;
  *name = *k->Uname(get_exec_env());
  return 0;
}

int sys_sethostname(const char* name, int len) {
  return SetField(name, len, /*host_name=*/true);
}

int sys_setdomainname(const char* name, int len) {
  return SetField(name, len, /*host_name=*/false);
}
