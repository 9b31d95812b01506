#include "vzctl/vzctl.h"

#include <csignal>

#include "absl/strings/str_cat.h"
#include "kernel/errno_status.h"
#include "ubc/beancounter.h"

namespace vzsim {
namespace {

absl::Status Annotate(const absl::Status& s, absl::string_view step) {
  if (s.ok()) return s;
  return ErrnoError(-ErrnoOf(s), absl::StrCat(step, ": ", s.message()));
}

// A task made along the way goes again: it exits, and host init (its
// parent, or its reaper) reaps it.
void Discard(Kernel& k, task_struct* t) { (void)k.ExitGroup(t, SIGKILL); }

absl::Status SetLimits(Kernel& k, task_struct* tool, envid_t veid,
                       const std::vector<UbLimit>& limits) {
  for (const UbLimit& l : limits) {
    absl::Status s = k.SetUbLimit(tool, veid, l.resource, l.barrier, l.limit);
    if (!s.ok()) {
      return Annotate(
          s, absl::StrCat("setublimit ", ub_resource_name(l.resource)));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Container> StartContainer(Kernel& k, envid_t veid,
                                         const std::vector<UbLimit>& limits,
                                         const StartOptions& options) {
  if (k.FindVe(veid) != nullptr) {
    return ErrnoError(
        -EEXIST, absl::StrCat("vzctl start ", veid, ": VE already exists"));
  }
  absl::StatusOr<task_struct*> vzctl = k.Fork(k.init_task(), "vzctl");
  if (!vzctl.ok()) return Annotate(vzctl.status(), "vzctl start: fork vzctl");
  if (absl::Status s = k.SetLuid(*vzctl, veid); !s.ok()) {
    Discard(k, *vzctl);
    return Annotate(s, "vzctl start: Unable to set luid");
  }
  if (absl::Status s = SetLimits(k, *vzctl, veid, limits); !s.ok()) {
    Discard(k, *vzctl);
    return Annotate(s, "vzctl start");
  }
  absl::StatusOr<task_struct*> init = k.Fork(*vzctl, options.init_comm);
  if (!init.ok()) {
    Discard(k, *vzctl);
    return Annotate(init.status(), "vzctl start: fork init");
  }
  absl::Status s = k.SetSid(*init);
  absl::StatusOr<ve_struct*> ve =
      s.ok() ? k.CreateVe(*init, veid, options.ve) : s;
  Discard(k, *vzctl);  // its job is done either way
  if (!ve.ok()) {
    Discard(k, *init);
    return Annotate(ve.status(), "vzctl start: create VE");
  }
  return Container{*ve, *init};
}

absl::Status SetContainerLimits(Kernel& k, envid_t veid,
                                const std::vector<UbLimit>& limits) {
  return SetLimits(k, k.init_task(), veid, limits);
}

}  // namespace vzsim
