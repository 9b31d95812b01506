// Kernel: the beancounter table (kernel/ub/beancounter.c's ub_hash) and the
// setluid / setublimit syscalls, SPEC.md section 5.
#include <cerrno>

#include "absl/strings/str_cat.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "kernel/mmap.h"

namespace vzsim {
namespace {

constexpr int kMaxUbDepth = 8;

bool RunsOnHost(const task_struct* t) {
  return t != nullptr && t->ve_task_info.exec_env != nullptr &&
         t->ve_task_info.exec_env->veid == 0;
}

}  // namespace

user_beancounter* Kernel::FindBeancounter(uint32_t id) const {
  absl::MutexLock lock(&ub_lock_);
  auto it = ubs_.find(id);
  return it == ubs_.end() ? nullptr : it->second.get();
}

user_beancounter* Kernel::GetBeancounter(uint32_t id) {
  absl::MutexLock lock(&ub_lock_);
  auto& slot = ubs_[id];
  if (slot == nullptr) {
    slot = std::make_unique<UbRecord>(id, nullptr, this);
    slot->create_seq = ++ub_seq_;
  }
  return slot.get();
}

absl::StatusOr<user_beancounter*> Kernel::CreateSubBeancounter(
    user_beancounter* parent, uint32_t id) {
  if (parent == nullptr) {
    return ErrnoError(-EINVAL, "sub-beancounter: no parent");
  }
  int depth = 1;
  for (user_beancounter* u = parent; u != nullptr; u = u->parent) ++depth;
  if (depth > kMaxUbDepth) {
    return ErrnoError(-EINVAL, "sub-beancounter: hierarchy deeper than 8");
  }
  absl::MutexLock lock(&ub_lock_);
  sub_ubs_.push_back(std::make_unique<UbRecord>(id, parent, this));
  sub_ubs_.back()->create_seq = ++ub_seq_;
  return sub_ubs_.back().get();
}

std::vector<user_beancounter*> Kernel::BeancountersNewestFirst() const {
  absl::MutexLock lock(&ub_lock_);
  std::vector<user_beancounter*> list;
  list.reserve(ubs_.size());
  for (const auto& [id, ub] : ubs_) list.push_back(ub.get());
  std::sort(list.begin(), list.end(),
            [](user_beancounter* a, user_beancounter* b) {
              return RecordOf(a)->create_seq > RecordOf(b)->create_seq;
            });
  return list;
}

absl::Status Kernel::SetLuid(task_struct* caller, uint32_t id) {
  if (caller == nullptr || !task_alive(caller)) {
    return ErrnoError(-ESRCH, "setluid: not a live task");
  }
  if (!RunsOnHost(caller)) {
    return ErrnoError(-EPERM, "setluid: only the host may change beancounters");
  }
  // The exec ub belongs to the task's own CPU, like the exec env.
  caller->task_bc.exec_ub = GetBeancounter(id);
  return absl::OkStatus();
}

absl::Status Kernel::SetUbLimit(task_struct* caller, uint32_t id, int res,
                                uint64_t barrier, uint64_t limit) {
  const std::string what = absl::StrCat("setublimit(", id, ", ", res, ")");
  if (caller == nullptr || !RunsOnHost(caller)) {
    return ErrnoError(-EPERM, what + ": only the host may set limits");
  }
  user_beancounter* ub = FindBeancounter(id);
  if (ub == nullptr) return ErrnoError(-ENOENT, what + ": no such beancounter");
  if (res < 0 || res >= UB_RESOURCES) {
    return ErrnoError(-EINVAL, what + ": no such resource");
  }
  if (barrier > UB_MAXVALUE || limit > UB_MAXVALUE) {
    return ErrnoError(-EINVAL, what + ": value above UB_MAXVALUE");
  }
  if (barrier > limit) {
    return ErrnoError(-EINVAL, what + ": barrier above limit");
  }
  return ErrnoError(ub_set_limits(ub, res, barrier, limit), what);
}

void Kernel::MoveChargesLocked(task_struct* p, user_beancounter* ub) {
  if (p->task_bc.task_ub != ub) {
    uncharge_beancounter(p->task_bc.task_ub, UB_NUMPROC, 1);
    uncharge_beancounter(p->task_bc.task_ub, UB_KMEMSIZE, TASK_KMEM_SIZE);
    charge_beancounter(ub, UB_NUMPROC, 1, UB_FORCE);
    charge_beancounter(ub, UB_KMEMSIZE, TASK_KMEM_SIZE, UB_FORCE);
  }
  p->task_bc.task_ub = p->task_bc.exec_ub = ub;
  if (p->mm != nullptr) RechargeMm(p->mm, ub);
}

}  // namespace vzsim
