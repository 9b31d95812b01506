// The model's record of a VE: the C struct ve_struct (include/linux/ve.h),
// which kernel-style code sees, plus what only the C++ model uses: its place
// in the creation order, its start time and its log. (A VE has no
// beancounter: its tasks have theirs, include/ub/ub_task.h.)
//
// Every VE is a VeRecord (the VE table, ve/ve_table.h, owns them), so
//
//   vzsim::RecordOf(ve)->log_buf
//
// is always valid. A VE's tasks are on its list in the pid table
// (pid/pid_table.h), its names in its uts namespace (ve->ve_ns).
//
// Locking: each field names its lock beside it, as ve_struct's fields do
// (include/linux/ve.h).
#ifndef VZSIM_VE_VE_RECORD_H_
#define VZSIM_VE_VE_RECORD_H_

#include <cstdint>
#include <memory>

#include "include/linux/ve.h"
#include "kernel/log_ring.h"

namespace vzsim {

struct VeRecord : ve_struct {
  explicit VeRecord(envid_t id) : ve_struct{} { veid = id; }
  VeRecord(const VeRecord&) = delete;
  VeRecord& operator=(const VeRecord&) = delete;

  // Set at creation.
  uint64_t create_seq = 0;  // creation order: newest VE has the largest
  int64_t start_ns = 0;     // simulated nanoseconds at creation

  // The VE's own kernel log, allocated on its first ve_printk. Guarded by
  // the Kernel's log lock.
  std::unique_ptr<LogRing> log_buf;
};

inline VeRecord* RecordOf(ve_struct* ve) { return static_cast<VeRecord*>(ve); }
inline const VeRecord* RecordOf(const ve_struct* ve) {
  return static_cast<const VeRecord*>(ve);
}

}  // namespace vzsim

#endif  // VZSIM_VE_VE_RECORD_H_
