// UbTable: the beancounters of one simulated kernel, as
// kernel/ub/beancounter.c keeps them: a hash by (parent, id) and one list,
// ub_list_head, that runs newest first with ub0 (made first, at boot) last.
//
//   user_beancounter* ub = table.GetByUid(101, /*create=*/true);  // +1 ref
//   ...
//   put_beancounter(ub);  // the last put releases it
//
// Life cycle (get_beancounter_byuid(), get_subbeancounter_byid(),
// __put_beancounter(), delayed_release_beancounter()): a beancounter is made
// on demand, with one reference for the caller, and lives exactly as long
// as references to it exist; the hash holds none. A new top-level
// beancounter starts from init_beancounter_syslimits() for this machine; a
// new sub-beancounter is unlimited and holds a reference on its parent. The
// last put takes a beancounter out of the hash and the list at once (the
// kernel does it from a work queue, soon after), logs a line for every
// counter it still holds, and drops its reference on its parent. Its limits,
// maxheld and failcnt go with it: the same id made again starts afresh, at
// the head of the list. ub0 is never released.
//
// A released record is not freed before the table: a pointer to it that a
// test or tool still holds stays valid, and it is never found again.
//
// Thread safety: every call may run on any thread; the hash and the list
// are guarded by the table's lock (ub_hash_lock), references are atomic.
#ifndef VZSIM_UBC_UB_TABLE_H_
#define VZSIM_UBC_UB_TABLE_H_

#include <memory>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "include/ub/beancounter.h"
#include "ubc/beancounter.h"

namespace vzsim {

class UbTable {
 public:
  // ub_init_early() and ub_init_late(): ub0 (unlimited, listed, with the
  // reference the kernel's static ub0 keeps forever), and the defaults of
  // new top-level beancounters on a machine of `num_physpages` pages whose
  // fork_init() allowed `max_threads` tasks. `host` may be null.
  UbTable(UbHost* host, unsigned long num_physpages, unsigned long max_threads);
  ~UbTable();
  UbTable(const UbTable&) = delete;
  UbTable& operator=(const UbTable&) = delete;

  user_beancounter* ub0() const { return ub0_; }

  // get_beancounter_byuid(): top-level beancounter `uid` with a reference
  // taken for the caller; with `create`, made if it does not exist. Null
  // otherwise.
  user_beancounter* GetByUid(uid_t uid, bool create)
      ABSL_LOCKS_EXCLUDED(hash_lock_);
  // get_subbeancounter_byid(): the same for sub-beancounter `id` of
  // `parent`; null for a null parent.
  user_beancounter* GetSub(user_beancounter* parent, uid_t id, bool create)
      ABSL_LOCKS_EXCLUDED(hash_lock_);
  // Top-level beancounter `uid` if listed, without taking a reference: for
  // tools and tests that read its counters. Null if there is none.
  user_beancounter* Find(uid_t uid) const ABSL_LOCKS_EXCLUDED(hash_lock_);
  // __put_beancounter(): drops one reference; see the header comment.
  void Put(user_beancounter* ub) ABSL_LOCKS_EXCLUDED(hash_lock_);

  // ub_list_head: every listed beancounter (sub-beancounters too), newest
  // first, ub0 last.
  std::vector<user_beancounter*> List() const ABSL_LOCKS_EXCLUDED(hash_lock_);
  // ub_count: listed top-level beancounters, ub0 included.
  int count() const ABSL_LOCKS_EXCLUDED(hash_lock_);

 private:
  using Key = std::pair<const user_beancounter*, uid_t>;  // (parent, id)
  UbRecord* Make(user_beancounter* parent, uid_t id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(hash_lock_);
  // delayed_release_beancounter()'s work once the count reached 0: unlinked,
  // the leak lines logged. Returns the parent, whose reference goes next.
  user_beancounter* Release(UbRecord* ub);
  // bc_verify_held(): "Ub ID helds N in RES on put" per counter not at 0.
  void VerifyHeld(UbRecord* ub) const;

  UbHost* const host_;
  const unsigned long num_physpages_;
  const unsigned long max_threads_;
  mutable absl::Mutex hash_lock_;
  absl::flat_hash_map<Key, UbRecord*> hash_ ABSL_GUARDED_BY(hash_lock_);
  std::vector<UbRecord*> list_ ABSL_GUARDED_BY(hash_lock_);  // oldest first
  int count_ ABSL_GUARDED_BY(hash_lock_) = 0;
  std::vector<std::unique_ptr<UbRecord>> records_
      ABSL_GUARDED_BY(hash_lock_);  // every record ever made
  UbRecord* ub0_ = nullptr;         // immutable after construction
};

// fork_init() (kernel/fork.c): how many tasks a machine of `num_physpages`
// pages with `thread_size`-byte kernel stacks allows (at least 20).
unsigned long MaxThreadsFor(unsigned long num_physpages,
                            unsigned long thread_size);

}  // namespace vzsim

#endif  // VZSIM_UBC_UB_TABLE_H_
