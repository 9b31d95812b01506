// The simulated mm/mremap.c. Growing in place charges the added pages
// UB_HARD; a move charges the whole new length UB_HARD before the old range
// is unmapped (and uncharged), so it needs room for both at once
// (kernel/ub/beancounter.c's header lists this double charge as an open
// item of 028stab's own).
#include <cerrno>

#include "include/ub/ub_vmpages.h"
#include "kernel/mmap.h"
#include "kernel/vma.h"

namespace vzsim {
namespace {

// move_vma(): the pages of [old_addr, old_addr + old_len) of `v` move to a
// new VMA of new_len at new_addr.
int MoveVma(mm_struct* mm, task_struct* actor, vm_area_struct* v,
            unsigned long old_addr, unsigned long old_len,
            unsigned long new_len, unsigned long new_addr, unsigned long* out)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem) {
  const unsigned long vm_flags = v->vm_flags;
  struct file* file = v->vm_file;
  if (ub_memory_charge(mm, new_len, static_cast<unsigned>(vm_flags), file,
                       UB_HARD)) {
    return -ENOMEM;
  }
  VmaRecord* moved = VmaCopy(actor, v);  // copy_vma()
  if (moved == nullptr) {
    ub_memory_uncharge(mm, new_len, static_cast<unsigned>(vm_flags), file);
    return -ENOMEM;
  }
  moved->vm_pgoff = v->vm_pgoff + ((old_addr - v->vm_start) >> PAGE_SHIFT);
  moved->vm_start = new_addr;
  moved->vm_end = new_addr + new_len;
  VmaLink(mm, moved);
  // The old range goes, with what it had charged. A refused split leaves it
  // (the kernel only fixes its commit accounting then).
  (void)DoMunmap(mm, actor, old_addr, old_len);
  *out = new_addr;
  return 0;
}

}  // namespace

int MremapLocked(mm_struct* mm, task_struct* actor, unsigned long addr,
                 unsigned long old_len, unsigned long new_len,
                 unsigned long flags, unsigned long new_addr,
                 unsigned long* out) {
  if (flags & ~static_cast<unsigned long>(MREMAP_FIXED | MREMAP_MAYMOVE)) {
    return -EINVAL;
  }
  if (addr & ~PAGE_MASK) return -EINVAL;
  old_len = PAGE_ALIGN(old_len);
  new_len = PAGE_ALIGN(new_len);
  if (new_len == 0) return -EINVAL;
  if (flags & MREMAP_FIXED) {
    if ((new_addr & ~PAGE_MASK) || !(flags & MREMAP_MAYMOVE)) return -EINVAL;
    if (new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len) return -EINVAL;
    if (new_addr <= addr && new_addr + new_len > addr) return -EINVAL;
    if (addr <= new_addr && addr + old_len > new_addr) return -EINVAL;
    if (int err = DoMunmap(mm, actor, new_addr, new_len); err != 0) return err;
  }
  // Shrinking just unmaps the tail.
  if (old_len >= new_len) {
    const int err = DoMunmap(mm, actor, addr + new_len, old_len - new_len);
    if (err != 0 && old_len != new_len) return err;
    if (!(flags & MREMAP_FIXED) || new_addr == addr) {
      *out = addr;
      return 0;
    }
    old_len = new_len;
  }
  vm_area_struct* v = VmaFind(mm, addr);
  if (v == nullptr || v->vm_start > addr) return -EFAULT;
  if (old_len > v->vm_end - addr) return -EFAULT;  // across VMAs
  if ((v->vm_flags & VM_DONTEXPAND) && new_len > old_len) return -EFAULT;
  if ((v->vm_flags & VM_LOCKED) &&
      mm->locked_vm + ((new_len - old_len) >> PAGE_SHIFT) >
          MlockLimitPages(actor) &&
      (actor == nullptr || !__capable(actor, CAP_IPC_LOCK))) {
    return -EAGAIN;
  }
  // Grow in place when the VMA ends at the old range and room follows.
  if (old_len == v->vm_end - addr &&
      !((flags & MREMAP_FIXED) && addr != new_addr) &&
      (old_len != new_len || !(flags & MREMAP_MAYMOVE))) {
    const unsigned long max_addr =
        v->vm_next != nullptr ? v->vm_next->vm_start : TASK_SIZE;
    if (max_addr - addr >= new_len) {
      const unsigned long len = new_len - old_len;
      if (ub_memory_charge(mm, len, static_cast<unsigned>(v->vm_flags),
                           v->vm_file, UB_HARD)) {
        return -ENOMEM;
      }
      VmaUnlink(mm, v);
      v->vm_end = addr + new_len;
      VmaLink(mm, v);
      *out = addr;
      return 0;
    }
  }
  if (!(flags & MREMAP_MAYMOVE)) return -ENOMEM;
  if (!(flags & MREMAP_FIXED)) {
    // get_unmapped_area(): top-down, as mmap does.
    new_addr = VmaFindGap(mm, new_len);
    if (new_addr == 0) return -ENOMEM;
  }
  return MoveVma(mm, actor, v, addr, old_len, new_len, new_addr, out);
}

}  // namespace vzsim
