#include "ve/ve_table.h"

#include <algorithm>
#include <cerrno>

namespace vzsim {

VeTable::VeTable() {
  records_.push_back(std::make_unique<VeRecord>(0));
  ve0_ = records_.back().get();
  // kernel/ve/ve.c: ve0 runs from boot; kernel/ve/veowner.c:
  // init_ve_system() gives it the full bounding set.
  ve0_->is_running = 1;
  ve0_->ve_cap_bset = CAP_INIT_EFF_SET;
  list_.push_back(ve0_);
}

VeRecord* VeTable::Find(envid_t veid) const {
  // __find_ve_by_id(): a walk of the list, as the kernel's.
  for (VeRecord* ve : list_) {
    if (ve->veid == veid) return ve;
  }
  return nullptr;
}

VeRecord* VeTable::Add(envid_t veid) {
  if (Find(veid) != nullptr) return nullptr;
  records_.push_back(std::make_unique<VeRecord>(veid));
  VeRecord* ve = records_.back().get();
  ve->create_seq = records_.size();
  list_.insert(list_.begin(), ve);  // list_add(): at the head
  return ve;
}

void VeTable::Remove(ve_struct* ve) {
  auto it = std::find(list_.begin(), list_.end(), ve);
  if (it != list_.end() && *it != ve0_) list_.erase(it);
}

// How many tasks, `tsk` included, name tsk's pid as their process group
// and as their session (one count per naming). Every task holds a reference
// on its pgrp and its session number beside the one its own pid holds
// (PidTable::AttachTask(), zombies until they are released), so this is the
// kernel's walk of the pid's PGID and SID chains (do_each_task_pid_all())
// without the walk.
static uint32_t NamingsOfPid(const task_struct* tsk, const PidTable& pids) {
  return pids.numbers().Refs(tsk->pid) - 1;
}

bool VeTable::AloneInPgrp(const task_struct* tsk, const PidTable& pids) {
  const uint32_t own = (tsk->pgrp == tsk->pid) + (tsk->session == tsk->pid);
  return NamingsOfPid(tsk, pids) == own;
}

int VeTable::CheckNewInit(const task_struct* tsk, const PidTable& pids,
                          const char** message) {
  *message = "";
  if (!thread_group_leader(tsk) || RecordOf(tsk)->nr_threads != 1) {
    return -EINVAL;
  }
  if (RecordOf(tsk)->has_tty) {
    *message = "ERR: CT init has controlling terminal\n";
    return -EINVAL;
  }
  if (tsk->pgrp != tsk->pid || tsk->session != tsk->pid) {
    // It could call setsid(): it leads no session, and no process group
    // has its pid as id (find_task_by_pid_type_all(PIDTYPE_PGID, pid); a
    // process-group leader fails here). Only the task with a pid ever
    // makes a session of it (setsid()), and a number stays taken while a
    // session names it, so when tsk leads none, no task names its pid as
    // a session, and every naming counted is a process group.
    const bool group_named_after_it = NamingsOfPid(tsk, pids) > 0;
    if (tsk->session == tsk->pid || group_named_after_it) {
      *message = "ERR: CT init is process group leader\n";
      return -EINVAL;
    }
  }
  if (!AloneInPgrp(tsk, pids)) {
    *message = "ERR: CT init is not alone in process group\n";
    return -EINVAL;
  }
  return 0;
}

int VeTable::CheckEnter(const ve_struct* ve, unsigned flags,
                        const task_struct* tsk) {
  if (!ve->is_running) return -EBUSY;
  if (ve->is_locked && !(flags & VE_SKIPLOCK)) return -EBUSY;
  if (!thread_group_leader(tsk) || RecordOf(tsk)->nr_threads != 1) {
    return -EINVAL;
  }
  return 0;
}

}  // namespace vzsim
