#include "ubc/ub_memory.h"

#include <cerrno>

uint64_t ub_size_to_pages(uint64_t size) {
  return (size >> PAGE_SHIFT) + ((size & (PAGE_SIZE - 1)) != 0);
}

int ub_memory_charge(mm_struct* mm, unsigned long size, unsigned long vm_flags,
                     struct file* vm_file, ub_severity strict) {
  if (mm == nullptr) return -EINVAL;
  user_beancounter* ub = mm->mm_ub;
  if (ub == nullptr) return 0;  // an mm of no one (never in a live kernel)
  const uint64_t pages = ub_size_to_pages(size);
  if (vm_flags & VM_LOCKED) {
    if (charge_beancounter(ub, UB_LOCKEDPAGES, pages, strict) < 0) {
      return -ENOMEM;
    }
  }
  if (ub_vm_private_writable(vm_flags, vm_file)) {
    if (charge_beancounter(ub, UB_PRIVVMPAGES, pages, strict) < 0) {
      if (vm_flags & VM_LOCKED) {
        uncharge_beancounter(ub, UB_LOCKEDPAGES, pages);
      }
      return -ENOMEM;
    }
  }
  return 0;
}

void ub_memory_uncharge(mm_struct* mm, unsigned long size,
                        unsigned long vm_flags, struct file* vm_file) {
  if (mm == nullptr || mm->mm_ub == nullptr) return;
  const uint64_t pages = ub_size_to_pages(size);
  if (vm_flags & VM_LOCKED) {
    uncharge_beancounter(mm->mm_ub, UB_LOCKEDPAGES, pages);
  }
  if (ub_vm_private_writable(vm_flags, vm_file)) {
    uncharge_beancounter(mm->mm_ub, UB_PRIVVMPAGES, pages);
  }
}
