#include "uts/uts_table.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace vzsim {

int SetUtsField(char (&field)[__NEW_UTS_LEN + 1], absl::string_view value) {
  if (value.size() > static_cast<size_t>(__NEW_UTS_LEN)) return -EINVAL;
  std::memset(field, 0, sizeof(field));
  std::memcpy(field, value.data(), value.size());
  return 0;
}

new_utsname DefaultHostUtsname() {
  new_utsname u;
  SetUtsField(u.sysname, "Linux");
  SetUtsField(u.nodename, "localhost");
  SetUtsField(u.release, "2.6.18-028stab-vzsim");
  SetUtsField(u.version, "#1 SMP vzsim");
  SetUtsField(u.machine, "x86_64");
  SetUtsField(u.domainname, "(none)");
  return u;
}

UtsTable::UtsTable(const new_utsname& host, absl::string_view virt_osrelease) {
  absl::MutexLock l(&lock_);
  init_ = Make(host);
  SetUtsField(virt_utsname_.release,
              virt_osrelease.substr(
                  0, std::min<size_t>(virt_osrelease.size(), __NEW_UTS_LEN)));
}

nsproxy* UtsTable::Make(const new_utsname& names) {
  auto ns = std::make_unique<Namespaces>();
  atomic_set(&ns->proxy.count, 1);
  atomic_set(&ns->uts.kref.refcount, 1);
  ns->uts.name = names;
  ns->proxy.uts_ns = &ns->uts;
  nsproxy* made = &ns->proxy;
  all_.push_back(std::move(ns));
  return made;
}

nsproxy* UtsTable::CloneForVe(const nsproxy* from) {
  absl::MutexLock l(&lock_);
  new_utsname names = from->uts_ns->name;  // copy_utsname()
  std::memcpy(names.release, virt_utsname_.release, sizeof(names.release));
  return Make(names);
}

std::string UtsTable::virt_osrelease() const {
  absl::MutexLock l(&lock_);
  return virt_utsname_.release;
}

int UtsTable::SetVirtOsrelease(absl::string_view release) {
  absl::MutexLock l(&lock_);
  return SetUtsField(virt_utsname_.release, release);
}

}  // namespace vzsim
