#include "uts/utsname.h"

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

}  // namespace vzsim
