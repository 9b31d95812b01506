// The simulated mm/mprotect.c. A private mapping made writable charges its
// pages to privvmpages UB_SOFT; made read-only it gives them back
// (kernel/ub/ub_pages.c: ub_protected_charge()). The walk goes left to
// right and stops at the first error; earlier pieces stay changed.
#include <cerrno>

#include "include/ub/ub_vmpages.h"
#include "kernel/mmap.h"
#include "kernel/vma.h"

namespace vzsim {
namespace {

// mprotect_fixup(): [start, end) of `v` gets `newflags`. The model has no
// resident pages, so every page of the range is charged or given back.
int MprotectFixup(mm_struct* mm, task_struct* actor, vm_area_struct* v,
                  unsigned long start, unsigned long end,
                  unsigned long newflags, vm_area_struct** piece)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem) {
  *piece = v;
  if (newflags == v->vm_flags) return 0;
  const unsigned long ch_size = (end - start) >> PAGE_SHIFT;
  const int ch_dir = ub_protected_charge(mm, ch_size, newflags, v);
  if (ch_dir == PRIVVM_ERROR) return -ENOMEM;
  int err = 0;
  if (start != v->vm_start) {
    err = VmaSplit(mm, actor, v, start);
    if (err == 0) v = VmaFind(mm, start);
  }
  if (err == 0 && end != v->vm_end) err = VmaSplit(mm, actor, v, end);
  if (err != 0) {
    if (ch_dir == PRIVVM_TO_PRIVATE) __ub_unused_privvm_dec(mm, ch_size);
    return err;
  }
  *piece = v;
  v->vm_flags = newflags;
  if (ch_dir == PRIVVM_TO_SHARED) __ub_unused_privvm_dec(mm, ch_size);
  return 0;
}

}  // namespace

int MprotectLocked(mm_struct* mm, task_struct* actor, unsigned long start,
                   unsigned long len, unsigned long prot) {
  const unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
  prot &= ~static_cast<unsigned long>(PROT_GROWSDOWN | PROT_GROWSUP);
  if (grows == (PROT_GROWSDOWN | PROT_GROWSUP)) return -EINVAL;
  if (start & ~PAGE_MASK) return -EINVAL;
  if (len == 0) return 0;
  len = PAGE_ALIGN(len);
  unsigned long end = start + len;
  if (end <= start) return -ENOMEM;
  if (prot & ~static_cast<unsigned long>(PROT_READ | PROT_WRITE | PROT_EXEC |
                                         PROT_SEM)) {
    return -EINVAL;
  }
  unsigned long vm_flags = 0;
  if (prot & PROT_READ) vm_flags |= VM_READ;
  if (prot & PROT_WRITE) vm_flags |= VM_WRITE;
  if (prot & PROT_EXEC) vm_flags |= VM_EXEC;

  vm_area_struct* v = VmaFind(mm, start);
  if (v == nullptr) return -ENOMEM;
  if (grows & PROT_GROWSDOWN) {
    if (v->vm_start >= end) return -ENOMEM;
    start = v->vm_start;
    if (!(v->vm_flags & VM_GROWSDOWN)) return -EINVAL;
  } else {
    if (v->vm_start > start) return -ENOMEM;
    if (grows & PROT_GROWSUP) return -EINVAL;  // no VM_GROWSUP on x86_64
  }
  for (unsigned long nstart = start;;) {
    const unsigned long newflags =
        vm_flags | (v->vm_flags &
                    ~static_cast<unsigned long>(VM_READ | VM_WRITE | VM_EXEC));
    // Each VM_MAY* bit sits 4 above its VM_* bit.
    if ((newflags & ~(newflags >> 4)) & (VM_READ | VM_WRITE | VM_EXEC)) {
      return -EACCES;
    }
    const unsigned long tmp = v->vm_end < end ? v->vm_end : end;
    vm_area_struct* piece = nullptr;
    if (int err = MprotectFixup(mm, actor, v, nstart, tmp, newflags, &piece)) {
      return err;
    }
    nstart = tmp;
    if (nstart < piece->vm_end) nstart = piece->vm_end;
    if (nstart >= end) return 0;
    v = piece->vm_next;
    if (v == nullptr || v->vm_start != nstart) return -ENOMEM;
  }
}

}  // namespace vzsim
