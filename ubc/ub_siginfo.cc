// Queued signals: kernel/ub/ub_misc.c: ub_siginfo_charge(),
// ub_siginfo_uncharge(), do_ub_siginfo_charge(). Each level checks both of
// its counters under its own lock, so numsiginfo and a sigqueue's kmemsize
// are enforced at every level of the hierarchy; a refusal gives back the
// levels already charged below it.
#include <cerrno>

#include "include/linux/signal.h"
#include "include/ub/ub_misc.h"
#include "ubc/kmem_sizes.h"

namespace {

// do_ub_siginfo_charge(): one level, kmemsize first, then numsiginfo.
int ChargeLevel(user_beancounter* ub) {
  spin_lock(&ub->ub_lock);
  int err = __charge_beancounter_locked(ub, UB_KMEMSIZE, vzsim::kSigqueueKmem,
                                        UB_HARD);
  if (err == 0) {
    err = __charge_beancounter_locked(ub, UB_NUMSIGINFO, 1, UB_HARD);
    if (err != 0) {
      __uncharge_beancounter_locked(ub, UB_KMEMSIZE, vzsim::kSigqueueKmem);
    }
  }
  spin_unlock(&ub->ub_lock);
  return err == 0 ? 0 : -ENOMEM;
}

// do_ub_siginfo_uncharge().
void UnchargeLevel(user_beancounter* ub) {
  spin_lock(&ub->ub_lock);
  __uncharge_beancounter_locked(ub, UB_KMEMSIZE, vzsim::kSigqueueKmem);
  __uncharge_beancounter_locked(ub, UB_NUMSIGINFO, 1);
  spin_unlock(&ub->ub_lock);
}

}  // namespace

int ub_siginfo_charge(struct sigqueue* q, struct user_beancounter* ub) {
  if (q == nullptr || ub == nullptr) return -EINVAL;
  for (user_beancounter* p = ub; p != nullptr; p = p->parent) {
    if (ChargeLevel(p) != 0) {
      for (user_beancounter* below = ub; below != p; below = below->parent) {
        UnchargeLevel(below);
      }
      return -ENOMEM;
    }
  }
  q->sig_ub = get_beancounter(ub);
  return 0;
}

void ub_siginfo_uncharge(struct sigqueue* q) {
  if (q == nullptr || q->sig_ub == nullptr) return;
  user_beancounter* ub = q->sig_ub;
  q->sig_ub = nullptr;
  for (user_beancounter* p = ub; p != nullptr; p = p->parent) {
    UnchargeLevel(p);
  }
  put_beancounter(ub);
}
