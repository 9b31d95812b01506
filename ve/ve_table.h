// VeTable: the VEs of one simulated kernel, as kernel/ve/vecalls.c keeps
// them on ve_list_head: ve0 first, each new VE added at the head (so the
// list reads newest first, ve0 last, the order of /proc/vz/veinfo), looked
// up by id (get_ve_by_id()), taken off by env_cleanup() once the VE's last
// task is gone, after which its id can be used again.
//
// The checks of the VE calls that depend only on the VE and the calling
// task are here too (kernel/ve/vecalls.c: real_env_create(),
// do_env_create(), do_env_enter()); the Kernel runs the calls themselves,
// which move the task, its pids and its namespaces.
//
// A VE that leaves the list is not freed before the table: pointers to it
// that tasks, tests or tools still hold stay valid, and it is never found
// again.
//
// Thread safety: none of its own; the Kernel guards it with its task-list
// lock.
#ifndef VZSIM_VE_VE_TABLE_H_
#define VZSIM_VE_VE_TABLE_H_

#include <memory>
#include <vector>

#include "include/linux/sched.h"
#include "include/linux/ve.h"
#include "include/linux/vzcalluser.h"
#include "pid/pid_table.h"
#include "ve/ve_record.h"

namespace vzsim {

class VeTable {
 public:
  VeTable();
  VeTable(const VeTable&) = delete;
  VeTable& operator=(const VeTable&) = delete;

  VeRecord* ve0() const { return ve0_; }
  // get_ve_by_id(): a listed VE (running, being created or stopping), or
  // nullptr. ve0 is listed.
  VeRecord* Find(envid_t veid) const;
  // ve_list_add(): a new record for `veid` at the head of the list;
  // nullptr if the veid is listed already (-EEXIST).
  VeRecord* Add(envid_t veid);
  // ve_list_del(): the VE leaves the list; its id is free again.
  void Remove(ve_struct* ve);
  // The listed VEs, newest first, ve0 last.
  const std::vector<VeRecord*>& List() const { return list_; }
  size_t nr_ve() const { return list_.size(); }

  // kernel/ve/vecalls.c: alone_in_pgrp(): no task but `tsk` has tsk's pid as
  // its process group or session. O(1), where the kernel walks the pid's
  // PGID and SID chains.
  static bool AloneInPgrp(const task_struct* tsk, const PidTable& pids);
  // do_env_create()'s checks of the caller, in order: a single-threaded
  // group leader (-EINVAL), no controlling tty, able to lead its own group
  // and session, alone in them (each -EINVAL, with the kernel's message in
  // `*message`, "" when it prints none). 0 when it may become an init.
  static int CheckNewInit(const task_struct* tsk, const PidTable& pids,
                          const char** message);
  // do_env_enter()'s checks: the VE runs and is not locked (-EBUSY unless
  // VE_SKIPLOCK), the caller is a single-threaded leader (-EINVAL).
  static int CheckEnter(const ve_struct* ve, unsigned flags,
                        const task_struct* tsk);

 private:
  std::vector<std::unique_ptr<VeRecord>> records_;  // every VE ever made
  std::vector<VeRecord*> list_;                     // ve_list_head
  VeRecord* ve0_ = nullptr;
};

}  // namespace vzsim

#endif  // VZSIM_VE_VE_TABLE_H_
