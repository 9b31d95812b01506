// PidHash: the kernel layout of the task index, as 028stab keeps it, which
// a Kernel built with TaskLayout::kKernel uses in place of PidTable's flat
// tables (PidTable forwards to it; the numbers themselves still come from
// PidMap, the kernel's alloc_pidmap()).
//
//   - struct pid (include/linux/pid.h) for each number in use, on pid_hash
//     by nr and, once a VE numbers it, on vpid_hash by (vnr, veid): chains
//     of a fixed number of buckets, hashed with hash_long() (kernel/pid.c:
//     pid_hashfn(), vpid_hashfn()). Every task is on its pids' tasks[]
//     chains through task->pids[] (attach_pid() / detach_pid()).
//   - find_pid() walks a chain; find_vpid() of a virtual number walks
//     vpid_hash, whatever the VE's sparse_vpid (the arithmetic shortcut
//     exists only in __vpid_to_pid(), which PidTable keeps for both).
//   - The task lists are the kernel's circular lists through the tasks:
//     every leader on init_task.tasks (here all_head_, which stands for
//     the swapper's `tasks`, since the model's boot task is pid 1 and is
//     itself on the list) and on its owner VE's vetask_lh through
//     ve_task_info.vetask_list, ve0 included; both in the kernel's order
//     (tail on fork and on entering a VE, unlinked in place).
//
// The bucket count is pidhash_init()'s rule: 2^clamp(fls(megabytes * 4),
// 4, 12), megabytes being the kernel's low memory. Any machine of 1 GiB or
// more gets the 4096 buckets of the cap; the model assumes kMemoryMb (this
// project's 24 GiB machines).
//
// Thread safety: none of its own, as PidTable: the task-list lock guards it.
#ifndef VZSIM_PID_PID_HASH_H_
#define VZSIM_PID_PID_HASH_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "include/linux/list.h"
#include "include/linux/pid.h"
#include "include/linux/sched.h"
#include "include/linux/ve.h"
#include "pid/task_cursor.h"

namespace vzsim {

class PidHash {
 public:
  static constexpr uint64_t kMemoryMb = 24 * 1024;

  // kernel/pid.c: pidhash_init(): log2 of the bucket count for a kernel
  // with `megabytes` of low memory.
  static int HashShift(uint64_t megabytes);
  // include/linux/hash.h: hash_long() on a 64-bit kernel: the top `bits`
  // bits of val * GOLDEN_RATIO_PRIME.
  static unsigned HashLong(uint64_t val, int bits) {
    return static_cast<unsigned>((val * 0x9e37fffffffc0001ULL) >> (64 - bits));
  }

  explicit PidHash(uint64_t memory_mb = kMemoryMb);
  ~PidHash();
  PidHash(const PidHash&) = delete;
  PidHash& operator=(const PidHash&) = delete;

  int nr_buckets() const { return 1 << shift_; }

  // ---- Lookups ----------------------------------------------------------
  // pid_task(find_pid(nr), PIDTYPE_PID).
  task_struct* FindPid(pid_t nr) const {
    const struct pid* pid = FindStructPid(nr);
    return pid == nullptr ? nullptr : FirstTask(pid, PIDTYPE_PID);
  }
  // __lookup_vpid_mapping(vnr, veid), then pid_task(.., PIDTYPE_PID).
  task_struct* FindMapped(pid_t vnr, envid_t veid) const;

  // ---- Numbers in use ----------------------------------------------------
  // attach_pid() under all three types (the task's pid, pgrp, session),
  // making the struct pids that do not exist yet (alloc_pid()).
  void AttachTask(task_struct* p);
  // detach_pid() of all three; a struct pid nothing uses any more is
  // freed (free_pid(): off both hashes).
  void DetachTask(task_struct* p);
  void ChangeGroupIds(task_struct* p, pid_t pgrp, pid_t session);
  // alloc_vpid()'s end: p's struct pid gets (vnr, veid) and goes on the
  // vpid hash. free_vpid(): off it again.
  void MapVpid(task_struct* p, envid_t veid, pid_t vnr);
  void FreeVpid(task_struct* p);

  // ---- Task lists --------------------------------------------------------
  void LinkLeader(task_struct* p);
  void UnlinkLeader(task_struct* p);
  void MoveLeader(task_struct* p, ve_struct* from, ve_struct* to);
  TaskCursor LeadersAll() const {
    return TaskCursor::List(&all_head_, offsetof(task_struct, tasks));
  }
  TaskCursor LeadersVe(const ve_struct* env) const {
    if (env == nullptr) return {};
    if (ve_is_super(env)) return LeadersAll();
    if (env->vetask_lh.next == nullptr) return {};  // never linked
    return TaskCursor::List(&env->vetask_lh,
                            offsetof(task_struct, ve_task_info.vetask_list));
  }
  // include/linux/sched.h: __next_task_ve().
  task_struct* NextLeader(const ve_struct* env, const task_struct* p) const;

  size_t MemoryBytes() const;

 private:
  static task_struct* FirstTask(const struct pid* pid, pid_type type) {
    const hlist_node* first = pid->tasks[type].first;
    if (first == nullptr) return nullptr;
    return reinterpret_cast<task_struct*>(
        reinterpret_cast<char*>(const_cast<hlist_node*>(first)) -
        offsetof(task_struct, pids) - type * sizeof(pid_link) -
        offsetof(pid_link, node));
  }
  unsigned PidBucket(int nr) const {
    return HashLong(static_cast<uint64_t>(static_cast<int64_t>(nr)), shift_);
  }
  unsigned VpidBucket(int vnr, envid_t veid) const;
  // find_pid().
  struct pid* FindStructPid(int nr) const {
    for (const hlist_node* n = pid_hash_[PidBucket(nr)].first; n != nullptr;
         n = n->next) {
      struct pid* pid = hlist_entry(n, struct pid, pid_chain);
      if (pid->nr == nr) return pid;
    }
    return nullptr;
  }
  struct pid* StructPidOf(int nr);  // find, or make and hash (alloc_pid())
  void Attach(task_struct* p, pid_type type, int nr);
  void Detach(task_struct* p, pid_type type);
  void FreeIfUnused(struct pid* pid);
  struct pid* NewStructPid();  // from the pid slab (pid_cachep)

  int shift_;
  std::vector<hlist_head> pid_hash_;
  std::vector<hlist_head> vpid_hash_;
  list_head all_head_;  // init_task.tasks
  // The pid slab: chunks of struct pids, and the freed ones (LIFO).
  std::vector<std::unique_ptr<struct pid[]>> pid_chunks_;
  std::vector<struct pid*> free_pids_;
  size_t next_in_chunk_;
  size_t nr_pids_ = 0;
};

}  // namespace vzsim

#endif  // VZSIM_PID_PID_HASH_H_
