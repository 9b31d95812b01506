#include "proc/ps.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_format.h"
#include "pid/pid.h"

namespace vzsim {
namespace {

struct Row {
  pid_t pid, vpid, ppid;
  envid_t veid;
  bool thread;
  std::string comm;
};

// include/linux/sched.h: get_task_ppid(), for `viewer` as the exec env.
pid_t PpidSeenFrom(const task_struct* t, const ve_struct* viewer) {
  if (!pid_alive(t) || get_task_pid_ve(t, viewer) == 1) return 0;
  const task_struct* parent = t->group_leader->real_parent;
  if (parent == nullptr) return 0;
  if (!ve_accessible(parent->ve_task_info.owner_env, viewer)) return 1;
  return ve_is_super(viewer) ? parent->tgid : parent->vtgid;
}

}  // namespace

std::string RenderPs(Kernel& kernel, ve_struct* viewer,
                     const PsOptions& options) {
  if (viewer == nullptr) return "";
  const bool host = viewer == kernel.ve0();
  std::vector<Row> rows;
  {
    absl::ReaderMutexLock lock(&kernel.tasklist_lock());
    for (task_struct* leader : kernel.LeadersVeLocked(viewer)) {
      task_struct* t = leader;
      do {
        if (t->exit_state != EXIT_DEAD) {
          const bool zombie = t->exit_state == EXIT_ZOMBIE;
          rows.push_back(
              Row{get_task_pid_ve(t, viewer), t->vpid, PpidSeenFrom(t, viewer),
                  t->ve_task_info.owner_env->veid, !thread_group_leader(t),
                  zombie ? std::string(t->comm) + " <defunct>"
                         : std::string(t->comm)});
        }
        if (!options.with_threads) break;
        t = next_thread(t);
      } while (t != leader);
    }
  }
  std::sort(rows.begin(), rows.end(),
            [](const Row& a, const Row& b) { return a.pid < b.pid; });
  std::string out =
      host ? absl::StrFormat("%7s %7s %7s %6s  %s\n", "PID", "VPID", "PPID",
                             "VEID", "COMMAND")
           : absl::StrFormat("%7s %7s  %s\n", "PID", "PPID", "COMMAND");
  for (const Row& r : rows) {
    const std::string comm = r.thread ? "  \\_ " + r.comm : r.comm;
    if (host) {
      absl::StrAppendFormat(&out, "%7d %7d %7d %6u  %s\n", r.pid, r.vpid,
                            r.ppid, r.veid, comm);
    } else {
      absl::StrAppendFormat(&out, "%7d %7d  %s\n", r.pid, r.ppid, comm);
    }
  }
  return out;
}

}  // namespace vzsim
