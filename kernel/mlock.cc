// The simulated mm/mlock.c: mlock, munlock, mlockall, munlockall. Locking
// charges lockedpages UB_HARD at every level of the mm's beancounter
// (kernel/ub/ub_pages.c: ub_locked_charge()); a refusal reaches the caller
// as -EAGAIN, and whatever was locked before it stays locked.
#include <cerrno>

#include "include/ub/ub_vmpages.h"
#include "kernel/mmap.h"
#include "kernel/vma.h"

namespace vzsim {
namespace {

// mlock_fixup(): [start, end) of `v` (one VMA) gets `newflags`, splitting
// `v` as needed; *piece is the VMA that now covers [start, end) (or `v`
// when nothing changed). 0 or -EAGAIN (refused charge, refused split).
int MlockFixup(mm_struct* mm, task_struct* actor, vm_area_struct* v,
               unsigned long start, unsigned long end, unsigned long newflags,
               vm_area_struct** piece)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem) {
  *piece = v;
  if (newflags == v->vm_flags) return 0;
  const bool lock = newflags & VM_LOCKED;
  if (lock && ub_locked_charge(mm, end - start) < 0) return -EAGAIN;
  int err = 0;
  if (start != v->vm_start) {
    err = VmaSplit(mm, actor, v, start);
    if (err == 0) v = VmaFind(mm, start);
  }
  if (err == 0 && end != v->vm_end) err = VmaSplit(mm, actor, v, end);
  if (err != 0) {
    if (lock) ub_locked_uncharge(mm, end - start);
    return -EAGAIN;  // mlock_fixup() turns -ENOMEM into -EAGAIN
  }
  *piece = v;
  const long pages = static_cast<long>((end - start) >> PAGE_SHIFT);
  v->vm_flags = newflags;
  if (lock) {
    mm->locked_vm += pages;
  } else {
    ub_locked_uncharge(mm, end - start);
    mm->locked_vm -= pages;
  }
  return 0;
}

// do_mlock(): the VMAs of [start, start + len), left to right.
int DoMlock(mm_struct* mm, task_struct* actor, unsigned long start,
            unsigned long len, bool on)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem) {
  len = PAGE_ALIGN(len);
  const unsigned long end = start + len;
  if (end < start) return -EINVAL;
  if (end == start) return 0;
  vm_area_struct* v = VmaFind(mm, start);
  if (v == nullptr || v->vm_start > start) return -ENOMEM;
  for (unsigned long nstart = start;;) {
    const unsigned long newflags =
        on ? (v->vm_flags | VM_LOCKED) : (v->vm_flags & ~VM_LOCKED);
    const unsigned long tmp = v->vm_end < end ? v->vm_end : end;
    vm_area_struct* piece = nullptr;
    if (int err = MlockFixup(mm, actor, v, nstart, tmp, newflags, &piece)) {
      return err;
    }
    nstart = tmp;
    if (nstart < piece->vm_end) nstart = piece->vm_end;
    if (nstart >= end) return 0;
    v = piece->vm_next;
    // A hole is found only when the walk reaches it.
    if (v == nullptr || v->vm_start != nstart) return -ENOMEM;
  }
}

}  // namespace

int MlockLocked(mm_struct* mm, task_struct* actor, unsigned long start,
                unsigned long len, bool lock) {
  // sys_mlock() / sys_munlock(): the range widened to whole pages.
  len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
  start &= PAGE_MASK;
  if (lock && mm->locked_vm + (len >> PAGE_SHIFT) > MlockLimitPages(actor) &&
      (actor == nullptr || !__capable(actor, CAP_IPC_LOCK))) {
    return -ENOMEM;  // RLIMIT_MEMLOCK
  }
  return DoMlock(mm, actor, start, len, lock);
}

int MlockallLocked(mm_struct* mm, task_struct* actor, int flags) {
  if (flags != 0) {  // sys_mlockall(); 0 is sys_munlockall()
    if (flags & ~(MCL_CURRENT | MCL_FUTURE)) return -EINVAL;
    if ((flags & MCL_CURRENT) && mm->total_vm > MlockLimitPages(actor) &&
        (actor == nullptr || !__capable(actor, CAP_IPC_LOCK))) {
      return -ENOMEM;
    }
  }
  // do_mlockall(): the default for later mappings, then every VMA; a VMA
  // whose charge is refused just stays as it was.
  mm->def_flags = (flags & MCL_FUTURE) ? VM_LOCKED : 0;
  if (flags == MCL_FUTURE) return 0;
  for (vm_area_struct* v = mm->mmap; v != nullptr;) {
    const unsigned long newflags = (flags & MCL_CURRENT)
                                       ? (v->vm_flags | VM_LOCKED)
                                       : (v->vm_flags & ~VM_LOCKED);
    vm_area_struct* piece = v;
    (void)MlockFixup(mm, actor, v, v->vm_start, v->vm_end, newflags, &piece);
    v = piece->vm_next;
  }
  return 0;
}

}  // namespace vzsim
