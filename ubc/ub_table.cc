// The beancounter table: kernel/ub/beancounter.c's get_beancounter_byuid(),
// get_subbeancounter_byid(), __put_beancounter() and the release that
// follows (delayed_release_beancounter(), bc_verify_held()), ub_init_early()
// and ub_init_late().
#include "ubc/ub_table.h"

#include <algorithm>

#include "absl/strings/str_format.h"

namespace vzsim {

unsigned long MaxThreadsFor(unsigned long num_physpages,
                            unsigned long thread_size) {
  const unsigned long page_size = 4096;
  const unsigned long per_thread = 8 * thread_size / page_size;
  const unsigned long n = per_thread == 0 ? 0 : num_physpages / per_thread;
  return std::max(n, 20UL);
}

UbTable::UbTable(UbHost* host, unsigned long num_physpages,
                 unsigned long max_threads)
    : host_(host), num_physpages_(num_physpages), max_threads_(max_threads) {
  absl::MutexLock lock(&hash_lock_);
  // ub0: unlimited; its own reference is never dropped (the kernel's ub0 is
  // a static object).
  ub0_ = Make(nullptr, 0);
  InitBeancounterNolimits(ub0_);
}

UbTable::~UbTable() = default;

UbRecord* UbTable::Make(user_beancounter* parent, uid_t id) {
  records_.push_back(std::make_unique<UbRecord>(id, parent, host_));
  UbRecord* ub = records_.back().get();
  ub->table = this;
  if (parent == nullptr) {
    // memcpy(new_ub, &default_beancounter): the syslimits of this machine.
    InitBeancounterSyslimits(ub, num_physpages_, max_threads_);
    ++count_;
  } else {
    // The child holds its parent (get_subbeancounter_byid()).
    get_beancounter(parent);
    ++parent->ub_childs;
  }
  hash_[Key(parent, id)] = ub;
  list_.push_back(ub);  // list_add_rcu() at the head of ub_list_head
  return ub;
}

user_beancounter* UbTable::GetByUid(uid_t uid, bool create) {
  absl::MutexLock lock(&hash_lock_);
  auto it = hash_.find(Key(nullptr, uid));
  if (it != hash_.end()) return get_beancounter(it->second);
  return create ? Make(nullptr, uid) : nullptr;
}

user_beancounter* UbTable::Find(uid_t uid) const {
  absl::MutexLock lock(&hash_lock_);
  auto it = hash_.find(Key(nullptr, uid));
  return it == hash_.end() ? nullptr : it->second;
}

user_beancounter* UbTable::GetSub(user_beancounter* parent, uid_t id,
                                  bool create) {
  if (parent == nullptr) return nullptr;
  absl::MutexLock lock(&hash_lock_);
  auto it = hash_.find(Key(parent, id));
  if (it != hash_.end()) return get_beancounter(it->second);
  if (!create) return nullptr;
  return Make(parent, id);  // unlimited, as UbRecord starts
}

void UbTable::Put(user_beancounter* ub) {
  while (ub != nullptr) {
    // atomic_dec_and_lock(): the table's lock only for the last reference.
    int count = atomic_read(&ub->ub_refcount);
    while (count > 1 &&
           !__atomic_compare_exchange_n(&ub->ub_refcount.counter, &count,
                                        count - 1, /*weak=*/true,
                                        __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
    }
    if (count > 1) return;
    UbRecord* rec = RecordOf(ub);
    {
      absl::MutexLock lock(&hash_lock_);
      const int left =
          __atomic_sub_fetch(&ub->ub_refcount.counter, 1, __ATOMIC_SEQ_CST);
      if (left != 0) {
        if (left < 0 && host_ != nullptr) {
          char id[64];
          print_ub_uid(ub, id, sizeof(id));
          host_->HostPrintk(
              absl::StrFormat("<3>UB: Bad refcount (%d) on put of %s (%p)\n",
                              left, id, static_cast<void*>(ub)));
        }
        return;
      }
      if (rec == ub0_) {
        if (host_ != nullptr) host_->HostPrintk("<3>Trying to put ub0\n");
        return;
      }
      hash_.erase(Key(ub->parent, ub->ub_uid));
      list_.erase(std::find(list_.begin(), list_.end(), rec));
      if (ub->parent != nullptr) {
        --ub->parent->ub_childs;
      } else {
        --count_;
      }
    }
    ub = Release(rec);
  }
}

user_beancounter* UbTable::Release(UbRecord* ub) {
  VerifyHeld(ub);
  return ub->parent;  // its reference on the parent goes next
}

void UbTable::VerifyHeld(UbRecord* ub) const {
  if (host_ == nullptr) return;
  char id[64];
  print_ub_uid(ub, id, sizeof(id));
  auto check = [&](int res, unsigned long held) {
    if (held != 0) {
      host_->HostPrintk(absl::StrFormat("<4>Ub %s helds %lu in %s on put\n", id,
                                        held, ub_resource_name(res)));
    }
  };
  for (int res = 0; res < UB_RESOURCES; ++res) {
    check(res, UbRead(ub->ub_parms[res].held));
  }
  check(UB_UNUSEDPRIVVM, UbRead(ub->ub_unused_privvmpages));
  check(UB_TMPFSPAGES, UbRead(ub->ub_tmpfs_respages));
  check(UB_SWAPPAGES, UbRead(ub->ub_swap_pages));
  check(UB_HELDPAGES, static_cast<unsigned long>(__atomic_load_n(
                          &ub->ub_held_pages, __ATOMIC_RELAXED)));
}

std::vector<user_beancounter*> UbTable::List() const {
  absl::MutexLock lock(&hash_lock_);
  return std::vector<user_beancounter*>(list_.rbegin(), list_.rend());
}

int UbTable::count() const {
  absl::MutexLock lock(&hash_lock_);
  return count_;
}

}  // namespace vzsim

// The kernel face's put, for any beancounter: a table's goes through its
// table, a standalone record only loses the reference.
extern "C" void __put_beancounter(user_beancounter* ub) {
  if (ub == nullptr) return;
  vzsim::UbTable* table = vzsim::RecordOf(ub)->table;
  if (table != nullptr) {
    table->Put(ub);
  } else {
    atomic_dec(&ub->ub_refcount);
  }
}
