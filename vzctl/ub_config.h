// Beancounter limits as OpenVZ admins write them, in vzctl's container
// configuration (/etc/vz/conf/VEID.conf): one shell-style line per
// resource, the name in capitals, the value "barrier:limit":
//
//   # VE 101
//   PRIVVMPAGES="65536:69632"
//   NUMPROC="240:240"
//   KMEMSIZE=11055923:11377049
//   PHYSPAGES="0:unlimited"
//
// A single number sets barrier and limit both; `unlimited` is UB_MAXVALUE
// (LONG_MAX, which is also how configs of that era spelled it). This is
// vzctl's syntax, from outside the kernel tree (its 3.0 releases, from
// memory: the suffixes and `unlimited` of later releases are not
// confirmed); the kernel only ever sees the numbers, through setublimit().
#ifndef VZSIM_VZCTL_UB_CONFIG_H_
#define VZSIM_VZCTL_UB_CONFIG_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vzsim {

struct UbLimit {
  int resource = 0;  // UB_KMEMSIZE ...
  unsigned long barrier = 0;
  unsigned long limit = 0;
};

// One parameter: `name` as in a config (PRIVVMPAGES) or a vzctl option
// (privvmpages), `value` as "B:L", "V", with `unlimited` for either.
// InvalidArgument naming the problem for an unknown name, a dummy
// resource, or a value that is not one of those forms.
absl::StatusOr<UbLimit> ParseUbParam(absl::string_view name,
                                     absl::string_view value);

// A whole config: `#` comments and blank lines are skipped; every other
// line must be NAME="VALUE" or NAME=VALUE for a beancounter resource.
// InvalidArgument with "line N: ..." for the first line that is not.
absl::StatusOr<std::vector<UbLimit>> ParseUbConfig(absl::string_view text);

}  // namespace vzsim

#endif  // VZSIM_VZCTL_UB_CONFIG_H_
