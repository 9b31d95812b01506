#include "proc/beancounters.h"

#include <cerrno>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "include/linux/capability.h"
#include "kernel/errno_status.h"

namespace vzsim {
namespace {

// One row: uid column (10), two spaces, resource (12, left), then five
// values, each " %20". Matches the kernel's ub_show() with 64-bit values.
void AppendRow(std::string* out, absl::string_view uid_column,
               absl::string_view resource, const ubparm& p) {
  absl::StrAppendFormat(out, "%10s  %-12s %20u %20u %20u %20u %20u\n",
                        uid_column, resource, vzsim::UbRead(p.held),
                        vzsim::UbRead(p.maxheld), vzsim::UbRead(p.barrier),
                        vzsim::UbRead(p.limit), vzsim::UbRead(p.failcnt));
}

// ub_accessible(): the reader's exec beancounter is ub0's hierarchy, or the
// same as the target's.
bool Accessible(Kernel& kernel, user_beancounter* exec, user_beancounter* ub) {
  user_beancounter* top = top_beancounter(exec);
  return top == kernel.ub0() || top == top_beancounter(ub);
}

}  // namespace

std::string RenderUserBeancounters(Kernel& kernel, const task_struct* reader) {
  std::string out = "Version: 2.5\n";
  absl::StrAppendFormat(&out, "%10s  %-12s %20s %20s %20s %20s %20s\n", "uid",
                        "resource", "held", "maxheld", "barrier", "limit",
                        "failcnt");
  if (reader == nullptr) return out;
  user_beancounter* exec = reader->task_bc.exec_ub;
  for (user_beancounter* ub : kernel.ubs().List()) {
    if (ub->parent != nullptr || !Accessible(kernel, exec, ub)) continue;
    char id[64];
    print_ub_uid(ub, id, sizeof(id));
    const std::string uid = absl::StrCat(id, ":");
    for (int res = 0; res < UB_RESOURCES; ++res) {
      AppendRow(&out, res == 0 ? uid : "", ub_resource_name(res),
                ub->ub_parms[res]);
    }
  }
  return out;
}

std::string RenderVeinfo(Kernel& kernel, const ve_struct* viewer) {
  std::string out;
  if (viewer == nullptr) return out;
  absl::ReaderMutexLock lock(&kernel.tasklist_lock());
  for (const ve_struct* ve : kernel.VeListLocked()) {
    if (viewer != kernel.ve0() && ve != viewer) continue;
    // kernel/ve/vecalls.c: veinfo_seq_show(): veid, class id, task count
    // (threads and zombies included); then one " %15s" per IPv4 address
    // (the simulation gives VEs no addresses).
    absl::StrAppendFormat(&out, "%10u %5u %5u\n", ve->veid, ve->class_id,
                          static_cast<unsigned>(atomic_read(&ve->pcounter)));
  }
  return out;
}

absl::StatusOr<std::string> ReadProcFile(Kernel& kernel,
                                         const task_struct* reader,
                                         absl::string_view path) {
  if (reader == nullptr) return ErrnoError(-ESRCH, "read /proc: no task");
  task_struct* t = const_cast<task_struct*>(reader);
  if (path == "/proc/user_beancounters") {
    // ub_open(): both capabilities, or -EACCES.
    if (!__capable(t, CAP_DAC_OVERRIDE) || !__capable(t, CAP_DAC_READ_SEARCH)) {
      return ErrnoError(-EACCES,
                        "open /proc/user_beancounters: needs "
                        "CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH");
    }
    return RenderUserBeancounters(kernel, reader);
  }
  if (path == "/proc/vz/veinfo") {
    return RenderVeinfo(kernel, reader->ve_task_info.exec_env);
  }
  return ErrnoError(-ENOENT, absl::StrCat("read ", path));
}

}  // namespace vzsim
