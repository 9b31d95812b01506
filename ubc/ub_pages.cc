// Charging address spaces: kernel/ub/ub_pages.c (ub_memory_charge(),
// ub_memory_uncharge(), ub_locked_charge(), ub_protected_charge(), the
// unused private pages and __ub_update_privvm()).
//
// privvmpages is kept on the top beancounter only, as "unused" private
// pages: a charge adds to held and to ub_unused_privvmpages together; every
// uncharge takes from the unused pages and recomputes held as resident
// pages + unused pages + shmpages.held. The model has no page faults, so no
// page ever becomes resident and held is the unused pages plus shmpages.
#include <cerrno>

#include "absl/base/thread_annotations.h"
#include "include/asm/page.h"
#include "include/linux/mm.h"
#include "include/linux/sched.h"
#include "include/ub/ub_vmpages.h"
#include "ubc/beancounter.h"

namespace {

unsigned long Load(const unsigned long& field) {
  return __atomic_load_n(&field, __ATOMIC_RELAXED);
}
void Store(unsigned long& field, unsigned long v) {
  __atomic_store_n(&field, v, __ATOMIC_RELAXED);
}

// __charge_privvm_locked(): privvmpages, then the same pages as unused.
int ChargePrivvmLocked(user_beancounter* ub, unsigned long pages,
                       ub_severity strict)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(ub->ub_lock) {
  if (__charge_beancounter_locked(ub, UB_PRIVVMPAGES, pages, strict) < 0) {
    return -ENOMEM;
  }
  Store(ub->ub_unused_privvmpages, Load(ub->ub_unused_privvmpages) + pages);
  return 0;
}

// __unused_privvm_dec_locked(): fewer unused pages (never below 0: more is
// warned about and clamped), then privvmpages.held recomputed.
void UnusedPrivvmDecLocked(user_beancounter* ub, unsigned long pages)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(ub->ub_lock) {
  const unsigned long unused = Load(ub->ub_unused_privvmpages);
  if (unused < pages) {
    uncharge_warn(ub, UB_UNUSEDPRIVVM, pages, unused);
    pages = unused;
  }
  Store(ub->ub_unused_privvmpages, unused - pages);
  __ub_update_privvm(ub);
}

}  // namespace

extern "C" {

void __ub_update_privvm(user_beancounter* ub) {
  const unsigned long resident = static_cast<unsigned long>(
      __atomic_load_n(&ub->ub_held_pages, __ATOMIC_RELAXED) >>
      UB_PAGE_WEIGHT_SHIFT);
  Store(ub->ub_parms[UB_PRIVVMPAGES].held,
        resident + Load(ub->ub_unused_privvmpages) +
            Load(ub->ub_parms[UB_SHMPAGES].held));
  ub_adjust_maxheld(ub, UB_PRIVVMPAGES);
}

void __ub_unused_privvm_dec(mm_struct* mm, long sz) {
  if (mm == nullptr || mm->mm_ub == nullptr || sz < 0) return;
  user_beancounter* top = top_beancounter(mm->mm_ub);
  spin_lock(&top->ub_lock);
  UnusedPrivvmDecLocked(top, static_cast<unsigned long>(sz));
  spin_unlock(&top->ub_lock);
}

int ub_memory_charge(mm_struct* mm, unsigned long size, unsigned vm_flags,
                     struct file* vm_file, int strict) {
  if (mm == nullptr) return -EINVAL;
  user_beancounter* ub = mm->mm_ub;
  if (ub == nullptr) return 0;
  const unsigned long pages = size >> PAGE_SHIFT;  // a partial page is free
  if (pages > UB_MAXVALUE) return -EINVAL;
  if (strict != UB_SOFT && strict != UB_HARD) {
    // BUG_ON(sv != UB_SOFT && sv != UB_HARD): recorded; nothing is charged.
    vzsim::UbRecord* rec = vzsim::RecordOf(ub);
    if (rec->host != nullptr) rec->host->HostBug("kernel/ub/ub_pages.c", 230);
    return -EINVAL;
  }
  const ub_severity sv = static_cast<ub_severity>(strict);
  if ((vm_flags & VM_LOCKED) &&
      charge_beancounter(ub, UB_LOCKEDPAGES, pages, sv) != 0) {
    return -ENOMEM;
  }
  if (VM_UB_PRIVATE(vm_flags, vm_file)) {
    user_beancounter* top = top_beancounter(ub);
    spin_lock(&top->ub_lock);
    const int err = ChargePrivvmLocked(top, pages, sv);
    spin_unlock(&top->ub_lock);
    if (err != 0) {
      if (vm_flags & VM_LOCKED) {
        uncharge_beancounter(ub, UB_LOCKEDPAGES, pages);
      }
      return -ENOMEM;
    }
  }
  return 0;
}

void ub_memory_uncharge(mm_struct* mm, unsigned long size, unsigned vm_flags,
                        struct file* vm_file) {
  if (mm == nullptr || mm->mm_ub == nullptr) return;
  const unsigned long pages = size >> PAGE_SHIFT;
  if (vm_flags & VM_LOCKED) {
    uncharge_beancounter(mm->mm_ub, UB_LOCKEDPAGES, pages);
  }
  if (VM_UB_PRIVATE(vm_flags, vm_file)) {
    user_beancounter* top = top_beancounter(mm->mm_ub);
    spin_lock(&top->ub_lock);
    UnusedPrivvmDecLocked(top, pages);
    spin_unlock(&top->ub_lock);
  }
}

int ub_locked_charge(mm_struct* mm, unsigned long size) {
  if (mm == nullptr || mm->mm_ub == nullptr) return 0;
  return charge_beancounter(mm->mm_ub, UB_LOCKEDPAGES, size >> PAGE_SHIFT,
                            UB_HARD);
}

void ub_locked_uncharge(mm_struct* mm, unsigned long size) {
  if (mm == nullptr || mm->mm_ub == nullptr) return;
  uncharge_beancounter(mm->mm_ub, UB_LOCKEDPAGES, size >> PAGE_SHIFT);
}

int ub_protected_charge(mm_struct* mm, unsigned long size,
                        unsigned long newflags, vm_area_struct* vma) {
  if (mm == nullptr || vma == nullptr || mm->mm_ub == nullptr) {
    return PRIVVM_NO_CHARGE;
  }
  const unsigned long flags = vma->vm_flags;
  if (!((newflags ^ flags) & VM_WRITE)) return PRIVVM_NO_CHARGE;
  if (!VM_UB_PRIVATE(newflags | VM_WRITE, vma->vm_file)) {
    return PRIVVM_NO_CHARGE;  // a shared file mapping: never private
  }
  if (flags & VM_WRITE) return PRIVVM_TO_SHARED;  // given back afterwards
  user_beancounter* top = top_beancounter(mm->mm_ub);
  spin_lock(&top->ub_lock);
  const int err = ChargePrivvmLocked(top, size, UB_SOFT);
  spin_unlock(&top->ub_lock);
  return err == 0 ? PRIVVM_TO_PRIVATE : PRIVVM_ERROR;
}

}  // extern "C"
