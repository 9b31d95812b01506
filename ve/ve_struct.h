// struct ve_struct: one Virtual Environment (container), SPEC.md section 2.
//
// ve0 (veid 0) is the host; it always exists and is always running. Every
// other VE is made by Kernel::CreateVe and owns its own pid namespace, its own
// copy of the utsname, and (by the vzctl convention) the beancounter whose id
// equals its veid.
//
// Locking: veid, ve0-ness and start_time are immutable. is_running,
// init_entry, pcounter, leaders and pidmap are guarded by the Kernel's
// task-list lock; utsname by the Kernel's uts lock; log_buf by its log lock.
#ifndef VZSIM_VE_VE_STRUCT_H_
#define VZSIM_VE_VE_STRUCT_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "kernel/log_ring.h"
#include "kernel/task.h"
#include "pid/pid_map.h"
#include "uts/utsname.h"

struct ve_struct {
  explicit ve_struct(envid_t id, int pid_max = vzsim::PidMap::kDefaultPidMax)
      : veid(id), pidmap(pid_max) {}
  ve_struct(const ve_struct&) = delete;
  ve_struct& operator=(const ve_struct&) = delete;

  const envid_t veid;
  int class_id = 0;         // the CPU class id /proc/vz/veinfo prints
  int64_t start_time = 0;   // simulated nanoseconds at creation
  uint64_t create_seq = 0;  // creation order: newest VE has the largest

  // Running from create until its init exits (SPEC.md section 2). A stopped
  // VE accepts no new tasks and can be destroyed once pcounter reaches 0.
  bool is_running = true;
  task_struct* init_entry = nullptr;  // the VE's init (virtual pid 1)
  int pcounter = 0;                   // live tasks, threads included

  // The VE's thread-group leaders, for for_each_process_ve: a contiguous
  // array, so that a walk costs k pointer loads for a VE of k processes
  // whatever the size of the rest of the system. Order: insertion order,
  // except that removal moves the last leader into the freed slot (O(1)).
  std::vector<task_struct*> leaders;

  // The VE's own numbering (unused for ve0, which numbers with global pids).
  vzsim::PidMap pidmap;

  new_utsname utsname;  // ve_utsname: the VE's copy of system_utsname

  // The VE's beancounter (id == veid). Immutable after create.
  user_beancounter* ub = nullptr;

  // The VE's own kernel log, allocated on its first ve_printk (guarded by
  // the Kernel's log lock).
  std::unique_ptr<vzsim::LogRing> log_buf;
};

#endif  // VZSIM_VE_VE_STRUCT_H_
