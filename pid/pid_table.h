// PidTable: the pids of one simulated kernel, as kernel/pid.c keeps them:
// the global numbers (PidMap, alloc_pidmap()), the virtual pids of VEs
// (alloc_vpid(), the vpid hash), the lookups by number (find_vpid(),
// find_task_by_pid_type_ve / _all()) and the task lists the iteration
// macros walk (init_task.tasks and each VE's vetask_lh).
//
// Virtual pids. While a VE's virt_pids is on, a task forked for it (its
// forker's exec env) is numbered nr + VPID_DIV inside it, and its init 1;
// numbers with bit 10 set are never global pids, so the two never collide.
// A task keeps its number in task_struct::vpid; the table keeps the
// mapping (vnr, veid) -> task that find_vpid() consults. In the normal
// (non-sparse) case that mapping is arithmetic, and a lookup is one load
// from the global array plus two compares; a VE made sparse by an explicit
// number (a restore) is looked up in the hash.
//
// The task lists. Only thread-group leaders are on them, in the order they
// were added (fork, or entering a VE, at the tail). They are contiguous
// arrays, so a walk of a VE costs its own size; removal moves the last
// leader into the hole (O(1)), which is the one way the order differs from
// the kernel's lists (docs/semantics.md).
//
// A second layout (the kernel's own pid hash chains and lists) can stand in
// for this one by offering the same public methods; Kernel uses nothing
// else of it. Walks are TaskCursors (pid/task_cursor.h), which cover both
// an array and a linked list. The kernel's layout is pid/pid_hash.h: built
// with TaskLayout::kKernel, the table keeps the numbers (PidMap) and the
// rules of virtual pids, and forwards each lookup, mapping and list change
// to it (one predictable branch on the flat layout's inline paths).
//
// Thread safety: none of its own. The Kernel guards it with its task-list
// lock: lookups and walks need it held for reading, changes for writing.
#ifndef VZSIM_PID_PID_TABLE_H_
#define VZSIM_PID_PID_TABLE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "include/linux/sched.h"
#include "include/linux/ve.h"
#include "kernel/task_record.h"
#include "pid/pid_hash.h"
#include "pid/pid_map.h"
#include "pid/task_cursor.h"
#include "pid/task_layout.h"

namespace vzsim {

// include/linux/pid.h: __is_virtual_pid(): bit 10 set.
inline bool IsVirtualNr(pid_t nr) { return (nr & PidMap::kVpidDiv) != 0; }
// is_virtual_pid() as code running for `env` reads it: bit 10 set, or 1
// outside ve0 (a VE's init).
inline bool IsVirtualPid(pid_t nr, const ve_struct* env) {
  return IsVirtualNr(nr) || (nr == 1 && !ve_is_super(env));
}

class PidTable {
 public:
  explicit PidTable(int pid_max = PidMap::kDefaultPidMax,
                    TaskLayout layout = TaskLayout::kFlat);
  PidTable(const PidTable&) = delete;
  PidTable& operator=(const PidTable&) = delete;

  // ---- Global numbers ---------------------------------------------------
  PidMap& numbers() { return global_; }
  const PidMap& numbers() const { return global_; }
  // The task with global pid `nr` (pid_task(find_pid(nr), PIDTYPE_PID)):
  // zombies included, never one of bit 10's numbers.
  task_struct* FindPid(pid_t nr) const {
    if (hash_ != nullptr) return hash_->FindPid(nr);
    return global_.Lookup(nr);
  }
  TaskLayout layout() const {
    return hash_ != nullptr ? TaskLayout::kKernel : TaskLayout::kFlat;
  }

  // References on the numbers `p` names as pid, pgrp and session (taken at
  // fork, given back at release), and the task behind its pid.
  void AttachTask(task_struct* p);
  void DetachTask(task_struct* p);
  // `p` changes its global pgrp / session to `pgrp` / `session`.
  void ChangeGroupIds(task_struct* p, pid_t pgrp, pid_t session);

  // ---- Virtual pids (kernel/pid.c: alloc_vpid(), free_vpid()) ------------
  // The virtual pid of `p` (whose pid is taken) as a task running for `env`
  // numbers it: its global pid in ve0 or when `env` has virt_pids off;
  // otherwise `virt_pid` (1, or nr + VPID_DIV for -1; any other positive
  // number makes the VE sparse), mapped to `p` in env's hash. -EEXIST when
  // that number is already mapped in a sparse VE. Sets no task field.
  int AllocVpid(task_struct* p, ve_struct* env, int virt_pid);
  // Removes `p`'s mapping, if any (free_vpid(); release does it too).
  void FreeVpid(task_struct* p);

  // ---- Lookups ------------------------------------------------------------
  // find_vpid(nr) seen from `env`, then pid_task(): a virtual number in
  // env's mapping, anything else as a global pid. Not filtered.
  task_struct* FindVpid(pid_t nr, const ve_struct* env) const {
    if (!IsVirtualPid(nr, env)) return FindPid(nr);
    if (ve_is_super(env) || env == nullptr) return nullptr;  // never mapped
    if (hash_ != nullptr) return hash_->FindMapped(nr, env->veid);
    if (!env->sparse_vpid) {
      // The arithmetic form of the mapping: 1 is the task that created the
      // VE, anything else nr + VPID_DIV.
      task_struct* t =
          nr == 1 ? env->init_entry : global_.Lookup(nr - PidMap::kVpidDiv);
      return t != nullptr && MapsTo(t, nr, env) ? t : nullptr;
    }
    return FindMapped(nr, env->veid);
  }
  // The task's pid is mapped to (nr, env's id): the test find_vpid() makes
  // on a struct pid (kernel/pid.c: __lookup_vpid_mapping()), which the
  // record keeps beside the task's ve_task_info (kernel/task_record.h).
  // Both in one 8-byte compare (the record keeps them side by side).
  static bool MapsTo(const task_struct* t, pid_t nr, const ve_struct* env) {
    const TaskRecord::PidMapping want{env->veid, nr};
    return std::memcmp(&RecordOf(t)->pid_mapping, &want, sizeof(want)) == 0;
  }
  // find_task_by_pid_type_ve(PIDTYPE_PID, nr): find_vpid, then only a task
  // `env` may see (ve_accessible(owner, env)). From a VE its own tasks are
  // found by their virtual and by their global numbers.
  task_struct* FindTaskByPidVe(pid_t nr, const ve_struct* env) const {
    task_struct* t = FindVpid(nr, env);
    return t != nullptr && ve_accessible(t->ve_task_info.owner_env, env)
               ? t
               : nullptr;
  }
  // __vpid_to_pid(): the global number behind virtual `nr` in `env` (no
  // check that it belongs to env), or -1: not virtual, from ve0, init's
  // own natural number, or unmapped in a sparse VE.
  pid_t VpidToPid(pid_t nr, const ve_struct* env) const;

  // ---- Task lists -----------------------------------------------------------
  // The leader goes at the tail of the global list and of its owner VE's.
  void LinkLeader(task_struct* p);
  void UnlinkLeader(task_struct* p);
  // ve_move_task(): `p` leaves its owner VE's list (`from`) for the tail of
  // `to`'s; it keeps its place on the global list.
  void MoveLeader(task_struct* p, ve_struct* from, ve_struct* to);
  // The global list; and what for_each_process_ve() walks for `env`: the
  // global list from ve0, the VE's own otherwise.
  TaskCursor LeadersAll() const {
    if (hash_ != nullptr) return hash_->LeadersAll();
    return TaskCursor::Array(all_.data(), all_.data() + all_.size());
  }
  TaskCursor LeadersVe(const ve_struct* env) const {
    if (env == nullptr) return {};
    if (ve_is_super(env)) return LeadersAll();
    if (hash_ != nullptr) return hash_->LeadersVe(env);
    auto it = ve_lists_.find(env);
    if (it == ve_lists_.end()) return {};
    return TaskCursor::Array(it->second.data(),
                             it->second.data() + it->second.size());
  }
  // The leader after `p` on the list `env` walks (nullptr at the end).
  task_struct* NextLeader(const ve_struct* env, const task_struct* p) const;
  // A VE that is gone has no list any more.
  void DropVeList(const ve_struct* env) { ve_lists_.erase(env); }

  size_t MemoryBytes() const;

  // True the first time only: find_task_by_pid()'s one warning per boot.
  bool WarnDeprecatedOnce() {
    return !warned_deprecated_.exchange(true, std::memory_order_relaxed);
  }

 private:
  static uint64_t Key(pid_t vnr, envid_t veid) {
    return (uint64_t{veid} << 32) | static_cast<uint32_t>(vnr);
  }
  task_struct* FindMapped(pid_t vnr, envid_t veid) const;
  int MapVpid(task_struct* p, ve_struct* env, pid_t vnr);
  void HashMappings(const ve_struct* env);

  PidMap global_;
  // (vnr, veid) -> task, the mappings of the sparse VEs (kernel/pid.c's
  // vpid_hash; the others' are arithmetic, HashMappings()).
  absl::flat_hash_map<uint64_t, task_struct*> vpids_;
  std::vector<task_struct*> all_;  // init_task.tasks
  absl::flat_hash_map<const ve_struct*, std::vector<task_struct*>>
      ve_lists_;  // each VE's vetask_lh
  std::atomic<bool> warned_deprecated_{false};
  // The kernel layout, when chosen; null for the flat one.
  std::unique_ptr<PidHash> hash_;
};

}  // namespace vzsim

#endif  // VZSIM_PID_PID_TABLE_H_
