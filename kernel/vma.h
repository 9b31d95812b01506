// The pieces the address-space operations share (kernel/mmap.cc,
// mlock.cc, mprotect.cc, mremap.cc): a mm's VMA index, kept in step with
// the mm->mmap list; making, splitting and freeing VMAs, each
// vm_area_struct charged to kmemsize like the kernel's slab object; and
// do_munmap().
//
// `actor` is the task the operation runs as (current): new VMAs are charged
// to its exec beancounter, through its kmemsize reserve (ubc/ub_task.h). It
// may be null only when tearing down.
//
// All need the mm's mmap_sem held for writing.
#ifndef VZSIM_KERNEL_VMA_H_
#define VZSIM_KERNEL_VMA_H_

#include <map>

#include "include/linux/mm.h"
#include "include/linux/sched.h"
#include "include/ub/beancounter.h"
#include "kernel/mm_record.h"

namespace vzsim {

using VmaMap = std::map<unsigned long, vm_area_struct*>;

inline VmaMap& Vmas(mm_struct* mm) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem) {
  return RecordOf(mm)->vmas;
}

inline unsigned long VmaPages(const vm_area_struct* v) {
  return (v->vm_end - v->vm_start) >> PAGE_SHIFT;
}

// A zeroed VMA whose vm_area_struct is charged to actor's exec beancounter
// with `strict` (kmem_cache_alloc(vm_area_cachep)); null if refused.
VmaRecord* VmaAlloc(task_struct* actor, ub_severity strict);
// The same, a copy of `v` (split_vma(), copy_vma(), dup_mmap()).
VmaRecord* VmaCopy(task_struct* actor, const vm_area_struct* v);
// Gives the vm_area_struct's kmemsize back (through actor's reserve) and
// frees it.
void VmaFree(task_struct* actor, vm_area_struct* v);

// Links `v` into `mm` (index and list), counting its pages in total_vm
// (and locked_vm if VM_LOCKED).
void VmaLink(mm_struct* mm, vm_area_struct* v)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);
// Unlinks `v` without uncounting (for a VMA that moves or is re-keyed).
void VmaUnlink(mm_struct* mm, vm_area_struct* v)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);
// remove_vma(): unlinks, uncounts, uncharges its pages (ub_memory_uncharge
// with its own flags and file) and frees it.
void VmaRemove(mm_struct* mm, task_struct* actor, vm_area_struct* v)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);

// find_vma(): the first VMA ending above `addr`, or null.
vm_area_struct* VmaFind(mm_struct* mm, unsigned long addr)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);
// The VMA after `v` on the list, or null.
inline vm_area_struct* VmaNext(const vm_area_struct* v) { return v->vm_next; }
// Whether any VMA intersects [start, end).
bool VmaOverlaps(mm_struct* mm, unsigned long start, unsigned long end)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);
// split_vma(): `v` becomes [vm_start, addr), a new VMA [addr, vm_end). 0, or
// -ENOMEM when the new vm_area_struct is refused.
int VmaSplit(mm_struct* mm, task_struct* actor, vm_area_struct* v,
             unsigned long addr) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);

// get_unmapped_area(): the highest free range of `len` bytes below
// mmap_base (top-down); 0 if none.
unsigned long VmaFindGap(mm_struct* mm, unsigned long len)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);
// do_munmap(): -EINVAL for an unaligned or out-of-range range; -ENOMEM if a
// split is refused (nothing is unmapped then); 0 otherwise.
int DoMunmap(mm_struct* mm, task_struct* actor, unsigned long start,
             unsigned long len) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);

}  // namespace vzsim

#endif  // VZSIM_KERNEL_VMA_H_
