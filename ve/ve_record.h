// The model's record of a VE: the C struct ve_struct (include/linux/ve.h),
// which kernel-style code sees, plus what only the C++ model uses: the VE's
// pid table, its leader array, its copy of the utsname, its beancounter and
// its log.
//
// Every VE is a VeRecord (the Kernel's VE table owns them), so
//
//   vzsim::RecordOf(ve)->pidmap
//
// is always valid for a live VE. Every VE but ve0 owns its own pid namespace,
// its own utsname copy and (by the vzctl convention) the beancounter whose id
// equals its veid.
//
// Locking: create_seq and start_ns are immutable; leaders and pidmap are
// guarded by the Kernel's task-list lock; utsname by its uts lock; log_buf
// by its log lock.
#ifndef VZSIM_VE_VE_RECORD_H_
#define VZSIM_VE_VE_RECORD_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "include/linux/sched.h"
#include "include/linux/utsname.h"
#include "include/linux/ve.h"
#include "kernel/log_ring.h"
#include "pid/pid_map.h"

namespace vzsim {

struct VeRecord : ve_struct {
  explicit VeRecord(envid_t id, int pid_max = PidMap::kDefaultPidMax)
      : ve_struct{}, pidmap(pid_max) {
    veid = id;
    is_running = 1;
  }
  VeRecord(const VeRecord&) = delete;
  VeRecord& operator=(const VeRecord&) = delete;

  uint64_t create_seq = 0;  // creation order: newest VE has the largest
  int64_t start_ns = 0;     // simulated nanoseconds at creation

  // The VE's thread-group leaders, for for_each_process_ve: a contiguous
  // array, so that a walk costs k pointer loads for a VE of k processes
  // whatever the size of the rest of the system. Order: insertion order,
  // except that removal moves the last leader into the freed slot (O(1)).
  std::vector<task_struct*> leaders;

  // The VE's own numbering (unused for ve0, which numbers with global pids).
  PidMap pidmap;

  new_utsname utsname{};  // the VE's copy of the host's utsname

  // The VE's beancounter (id == veid). Immutable after create.
  user_beancounter* ub = nullptr;

  // The VE's own kernel log, allocated on its first ve_printk.
  std::unique_ptr<LogRing> log_buf;
};

inline VeRecord* RecordOf(ve_struct* ve) { return static_cast<VeRecord*>(ve); }
inline const VeRecord* RecordOf(const ve_struct* ve) {
  return static_cast<const VeRecord*>(ve);
}

}  // namespace vzsim

#endif  // VZSIM_VE_VE_RECORD_H_
