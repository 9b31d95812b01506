// Charging memory mappings to beancounters (SPEC.md section 5,
// "ub_memory_charge"), after OpenVZ's mm/ and kernel/ub/ub_pages.c.
//
// Every VMA is charged to its mm's beancounter (mm->mm_ub) when it is made,
// and uncharged under the very same tests when it goes:
//
//   if (ub_memory_charge(mm, len, vma->vm_flags, vma->vm_file, UB_SOFT))
//     goto fail;                          // -ENOMEM: nothing was charged
//   if (insert_vma_struct(mm, vma)) {
//     ub_memory_uncharge(mm, len, vma->vm_flags, vma->vm_file);
//     goto fail;
//   }
//
// Rules: size is rounded up to whole pages; VM_LOCKED charges lockedpages; a
// private writable mapping (VM_WRITE and either anonymous or not VM_SHARED)
// charges privvmpages; read-only and shared file mappings charge nothing.
//
// Thread safety: as charge_beancounter (lock-free).
#ifndef VZSIM_UBC_UB_MEMORY_H_
#define VZSIM_UBC_UB_MEMORY_H_

#include <cstdint>

#include "include/linux/mm.h"
#include "include/linux/sched.h"
#include "ubc/beancounter.h"

// The number of pages `size` bytes occupy, rounded up.
uint64_t ub_size_to_pages(uint64_t size);

// Whether a mapping with these flags is charged to privvmpages.
inline bool ub_vm_private_writable(unsigned long vm_flags,
                                   const struct file* vm_file) {
  return (vm_flags & VM_WRITE) &&
         (vm_file == nullptr || !(vm_flags & VM_SHARED));
}

// Returns 0 or -ENOMEM (nothing stays charged); -EINVAL for a null mm.
int ub_memory_charge(mm_struct* mm, unsigned long size, unsigned long vm_flags,
                     struct file* vm_file, ub_severity strict);
// Undoes exactly what ub_memory_charge charged for the same arguments.
void ub_memory_uncharge(mm_struct* mm, unsigned long size,
                        unsigned long vm_flags, struct file* vm_file);

#endif  // VZSIM_UBC_UB_MEMORY_H_
