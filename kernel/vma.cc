// The VMA index and the VMA objects of the simulated mm (mm/mmap.c:
// vma_link(), remove_vma(), split_vma(), do_munmap()).
#include "kernel/vma.h"

#include <cerrno>
#include <iterator>

#include "include/ub/ub_vmpages.h"
#include "kernel/mmap.h"
#include "ubc/kmem_sizes.h"
#include "ubc/ub_task.h"

namespace vzsim {
namespace {

void Account(mm_struct* mm, const vm_area_struct* v, long sign)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem) {
  mm->total_vm += sign * static_cast<long>(VmaPages(v));
  if (v->vm_flags & VM_LOCKED) {
    mm->locked_vm += sign * static_cast<long>(VmaPages(v));
  }
}

VmaRecord* ChargeNew(task_struct* actor, ub_severity strict) {
  user_beancounter* ub = actor != nullptr ? actor->task_bc.exec_ub : nullptr;
  if (UbKmemCharge(actor, ub, kVmAreaStructKmem, strict) != 0) return nullptr;
  auto* v = new VmaRecord{};
  v->kmem_ub = get_beancounter(ub);
  return v;
}

}  // namespace

VmaRecord* VmaAlloc(task_struct* actor, ub_severity strict) {
  return ChargeNew(actor, strict);
}

VmaRecord* VmaCopy(task_struct* actor, const vm_area_struct* v) {
  VmaRecord* copy = ChargeNew(actor, UB_HARD);
  if (copy == nullptr) return nullptr;
  user_beancounter* ub = copy->kmem_ub;
  *copy = *RecordOf(v);
  copy->kmem_ub = ub;
  copy->vm_next = nullptr;
  return copy;
}

void VmaFree(task_struct* actor, vm_area_struct* v) {
  VmaRecord* rec = RecordOf(v);
  UbKmemUncharge(actor, rec->kmem_ub, kVmAreaStructKmem);
  put_beancounter(rec->kmem_ub);
  delete rec;
}

void VmaLink(mm_struct* mm, vm_area_struct* v) {
  v->vm_mm = mm;
  VmaMap& vmas = Vmas(mm);
  auto it = vmas.emplace(v->vm_start, v).first;
  auto next = std::next(it);
  v->vm_next = next == vmas.end() ? nullptr : next->second;
  if (it == vmas.begin()) {
    mm->mmap = v;
  } else {
    std::prev(it)->second->vm_next = v;
  }
  mm->map_count = static_cast<int>(vmas.size());
  Account(mm, v, +1);
}

void VmaUnlink(mm_struct* mm, vm_area_struct* v) {
  VmaMap& vmas = Vmas(mm);
  auto it = vmas.find(v->vm_start);
  if (it == vmas.end() || it->second != v) return;
  if (it == vmas.begin()) {
    mm->mmap = v->vm_next;
  } else {
    std::prev(it)->second->vm_next = v->vm_next;
  }
  vmas.erase(it);
  mm->map_count = static_cast<int>(vmas.size());
  Account(mm, v, -1);
}

void VmaRemove(mm_struct* mm, task_struct* actor, vm_area_struct* v) {
  VmaUnlink(mm, v);
  ub_memory_uncharge(mm, v->vm_end - v->vm_start,
                     static_cast<unsigned>(v->vm_flags), v->vm_file);
  VmaFree(actor, v);
}

vm_area_struct* VmaFind(mm_struct* mm, unsigned long addr) {
  const VmaMap& vmas = Vmas(mm);
  auto it = vmas.upper_bound(addr);
  if (it != vmas.begin() && std::prev(it)->second->vm_end > addr) {
    return std::prev(it)->second;
  }
  return it == vmas.end() ? nullptr : it->second;
}

bool VmaOverlaps(mm_struct* mm, unsigned long start, unsigned long end) {
  vm_area_struct* v = VmaFind(mm, start);
  return v != nullptr && v->vm_start < end;
}

int VmaSplit(mm_struct* mm, task_struct* actor, vm_area_struct* v,
             unsigned long addr) {
  if (addr <= v->vm_start || addr >= v->vm_end) return 0;
  VmaRecord* tail = VmaCopy(actor, v);
  if (tail == nullptr) return -ENOMEM;
  // Unlink and relink to keep total_vm / locked_vm unchanged overall.
  VmaUnlink(mm, v);
  tail->vm_start = addr;
  tail->vm_pgoff += (addr - v->vm_start) >> PAGE_SHIFT;
  v->vm_end = addr;
  VmaLink(mm, v);
  VmaLink(mm, tail);
  return 0;
}

unsigned long VmaFindGap(mm_struct* mm, unsigned long len) {
  unsigned long top = mm->mmap_base;
  VmaMap& vmas = Vmas(mm);
  auto it = vmas.lower_bound(top);
  while (it != vmas.begin()) {
    --it;
    vm_area_struct* v = it->second;
    if (v->vm_end <= top) {
      if (top - v->vm_end >= len) return top - len;
      top = v->vm_start;
    } else if (v->vm_start < top) {
      top = v->vm_start;
    }
  }
  return top >= len + PAGE_SIZE ? top - len : 0;
}

int DoMunmap(mm_struct* mm, task_struct* actor, unsigned long start,
             unsigned long len) {
  if ((start & ~PAGE_MASK) || start > TASK_SIZE || len > TASK_SIZE - start) {
    return -EINVAL;
  }
  len = PAGE_ALIGN(len);
  if (len == 0) return -EINVAL;
  const unsigned long end = start + len;
  vm_area_struct* v = VmaFind(mm, start);
  if (v == nullptr || v->vm_start >= end) return 0;
  // Both splits first: a refused one leaves the mapping whole.
  if (start > v->vm_start) {
    if (int err = VmaSplit(mm, actor, v, start); err != 0) return err;
  }
  vm_area_struct* last = VmaFind(mm, end);
  if (last != nullptr && end > last->vm_start) {
    if (int err = VmaSplit(mm, actor, last, end); err != 0) return err;
  }
  for (v = VmaFind(mm, start); v != nullptr && v->vm_start < end;) {
    vm_area_struct* next = v->vm_next;
    VmaRemove(mm, actor, v);
    v = next;
  }
  return 0;
}

}  // namespace vzsim
