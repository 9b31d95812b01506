// Charging memory mappings to beancounters (SPEC.md section 5,
// "ub_memory_charge"), after OpenVZ's mm/ and kernel/ub/ub_pages.c.
//
// Every VMA is charged to its mm's beancounter (mm->mm_ub) when it is made,
// and uncharged under the very same tests when it goes:
//
//   if (ub_memory_charge(mm, len, vma->vm_flags, vma->vm_file, UB_SOFT))
//     goto fail;                          // -ENOMEM: nothing was charged
//   if (insert_vm_struct(mm, vma)) {
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

// ub_memory_charge() / ub_memory_uncharge(): the kernel face's
// (include/ub/ub_vmpages.h): 0 or -ENOMEM with nothing charged; the
// uncharge undoes exactly what the charge charged for the same arguments.
#include "include/ub/ub_vmpages.h"

#endif  // VZSIM_UBC_UB_MEMORY_H_
