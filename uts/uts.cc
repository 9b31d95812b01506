#include "uts/uts.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "include/linux/capability.h"
#include "include/linux/sched.h"
#include "kernel/cpu.h"
#include "uts/uts_table.h"

namespace {

// A host-only copy for threads bound to no CPU, so that utsname() never
// returns null.
new_utsname* UnboundUtsname() {
  static new_utsname* const unbound =
      new new_utsname(vzsim::DefaultHostUtsname());
  return unbound;
}

// kernel/sys.c: sys_sethostname() / sys_setdomainname(): the capability,
// then the length, then the copy, which may fault.
int SetField(const char* name, int len, bool host_name) {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu == nullptr) return -ESRCH;
  if (!capable(CAP_VE_SYS_ADMIN)) return -EPERM;
  if (len < 0 || len > __NEW_UTS_LEN) return -EINVAL;
  if (name == nullptr && len > 0) return -EFAULT;
  const absl::string_view value(name == nullptr ? "" : name,
                                static_cast<size_t>(len));
  absl::MutexLock lock(&cpu->uts->lock());
  new_utsname* u = &current->nsproxy->uts_ns->name;
  return vzsim::SetUtsField(host_name ? u->nodename : u->domainname, value);
}

}  // namespace

new_utsname* utsname(void) {
  task_struct* t = current;
  if (t == nullptr || t->nsproxy == nullptr) return UnboundUtsname();
  return &t->nsproxy->uts_ns->name;
}

new_utsname* init_utsname(void) {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  return cpu == nullptr ? UnboundUtsname() : cpu->uts->init_utsname();
}

int sys_newuname(new_utsname* name) {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu == nullptr) return -ESRCH;
  if (name == nullptr) return -EFAULT;
  absl::MutexLock lock(&cpu->uts->lock());
  *name = *utsname();
  return 0;
}

int sys_sethostname(const char* name, int len) {
  return SetField(name, len, /*host_name=*/true);
}

int sys_setdomainname(const char* name, int len) {
  return SetField(name, len, /*host_name=*/false);
}

int sys_gethostname(char* name, int len) {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu == nullptr) return -ESRCH;
  if (len < 0) return -EINVAL;
  absl::MutexLock lock(&cpu->uts->lock());
  const new_utsname* u = utsname();
  const size_t n =
      std::min(std::strlen(u->nodename) + 1, static_cast<size_t>(len));
  if (n > 0 && name == nullptr) return -EFAULT;
  if (n > 0) std::memcpy(name, u->nodename, n);
  return 0;
}
