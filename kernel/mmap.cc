// The simulated mm: mmap / munmap / mlock / brk / stack growth, with every
// VMA charged to mm->mm_ub through ub_memory_charge.
#include "kernel/mmap.h"

#include <cerrno>
#include <iterator>
#include <map>
#include <vector>

#include "kernel/cpu.h"
#include "kernel/mm_record.h"
#include "ubc/ub_memory.h"

namespace vzsim {
namespace {

using VmaMap = std::map<unsigned long, vm_area_struct*>;

// The mm's VMAs by start address (the mm's record keeps them).
VmaMap& Vmas(mm_struct* mm) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem) {
  return RecordOf(mm)->vmas;
}

// Adds `v` to the index and to the mm->mmap list (in address order, through
// vm_next) at once, so that C code walking the list sees what the model
// sees.
void Insert(mm_struct* mm, vm_area_struct* v)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem) {
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
}

// Takes the VMA at `it` off the index and the list; returns the next entry.
VmaMap::iterator Erase(mm_struct* mm, VmaMap::iterator it)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem) {
  VmaMap& vmas = Vmas(mm);
  vm_area_struct* next = it->second->vm_next;
  if (it == vmas.begin()) {
    mm->mmap = next;
  } else {
    std::prev(it)->second->vm_next = next;
  }
  it = vmas.erase(it);
  mm->map_count = static_cast<int>(vmas.size());
  return it;
}

VmaRecord* NewVma() { return new VmaRecord{}; }
VmaRecord* CopyVma(const vm_area_struct* v) {
  return new VmaRecord(*RecordOf(v));
}
void FreeVma(vm_area_struct* v) { delete RecordOf(v); }

unsigned long Pages(const vm_area_struct* v) {
  return (v->vm_end - v->vm_start) >> PAGE_SHIFT;
}

void Account(mm_struct* mm, const vm_area_struct* v, long sign)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem) {
  mm->total_vm += sign * static_cast<long>(Pages(v));
  if (v->vm_flags & VM_LOCKED)
    mm->locked_vm += sign * static_cast<long>(Pages(v));
}

void Link(mm_struct* mm, vm_area_struct* v)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem) {
  v->vm_mm = mm;
  Insert(mm, v);
  Account(mm, v, +1);
}

// Any VMA intersecting [start, end)?
bool Overlaps(mm_struct* mm, unsigned long start, unsigned long end)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem) {
  VmaMap& vmas = Vmas(mm);
  auto it = vmas.lower_bound(start);
  if (it != vmas.end() && it->second->vm_start < end) return true;
  if (it != vmas.begin() && std::prev(it)->second->vm_end > start) {
    return true;
  }
  return false;
}

// split_vma(): cuts the VMA containing `addr` (strictly inside it) in two.
void SplitAt(mm_struct* mm, unsigned long addr)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem) {
  VmaMap& vmas = Vmas(mm);
  auto it = vmas.upper_bound(addr);
  if (it == vmas.begin()) return;
  vm_area_struct* v = std::prev(it)->second;
  if (addr <= v->vm_start || addr >= v->vm_end) return;
  VmaRecord* tail = CopyVma(v);
  tail->vm_start = addr;
  tail->vm_pgoff += (addr - v->vm_start) >> PAGE_SHIFT;
  v->vm_end = addr;
  Insert(mm, tail);  // total_vm and locked_vm are unchanged by a split
}

// get_unmapped_area(): top-down below TASK_UNMAPPED_BASE.
unsigned long FindGap(mm_struct* mm, unsigned long len)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem) {
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

unsigned long VmFlags(int prot, int flags) {
  unsigned long vm = VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
  if (prot & PROT_READ) vm |= VM_READ;
  if (prot & PROT_WRITE) vm |= VM_WRITE;
  if (prot & PROT_EXEC) vm |= VM_EXEC;
  if (flags & MAP_SHARED) vm |= VM_SHARED | VM_MAYSHARE;
  if (flags & MAP_LOCKED) vm |= VM_LOCKED;
  if (flags & MAP_GROWSDOWN) vm |= VM_GROWSDOWN;
  return vm;
}

bool ChargeMm(mm_struct* mm, user_beancounter* ub) {
  return charge_beancounter(ub, UB_KMEMSIZE, MM_KMEM_SIZE, UB_HARD) == 0;
}

}  // namespace

// setup_arg_pages(): the first page of the stack, a hand-built VMA charged
// UB_SOFT like every kernel-built mapping.
bool SetUpNewMm(mm_struct* mm) {
  RwsemWriteLock lock(&mm->mmap_sem);
  mm->mmap_base = TASK_UNMAPPED_BASE;
  mm->start_brk = mm->brk = TASK_START_BRK;
  VmaRecord* stack = NewVma();
  stack->vm_start = STACK_TOP - PAGE_SIZE;
  stack->vm_end = STACK_TOP;
  stack->vm_flags =
      VM_READ | VM_WRITE | VM_GROWSDOWN | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
  stack->name = "[stack]";
  if (ub_memory_charge(mm, PAGE_SIZE, stack->vm_flags, nullptr, UB_SOFT)) {
    FreeVma(stack);
    return false;
  }
  Link(mm, stack);
  return true;
}

mm_struct* CreateMm(user_beancounter* ub) {
  auto* mm = new MmRecord;
  mm->mm_ub = ub;
  if (!ChargeMm(mm, ub)) {
    delete mm;
    return nullptr;
  }
  if (!SetUpNewMm(mm)) {
    uncharge_beancounter(ub, UB_KMEMSIZE, MM_KMEM_SIZE);
    delete mm;
    return nullptr;
  }
  return mm;
}

mm_struct* DupMm(mm_struct* old, user_beancounter* ub) {
  auto* mm = new MmRecord;
  mm->mm_ub = ub;
  if (!ChargeMm(mm, ub)) {
    delete mm;
    return nullptr;
  }
  bool ok = true;
  {
    RwsemReadLock old_lock(&old->mmap_sem);
    RwsemWriteLock lock(&mm->mmap_sem);
    mm->mmap_base = old->mmap_base;
    mm->start_brk = old->start_brk;
    mm->brk = old->brk;
    for (vm_area_struct* v = old->mmap; v != nullptr; v = v->vm_next) {
      // dup_mmap(): mlock is not inherited, the child's copy is unlocked
      // (and charges no lockedpages).
      const unsigned long flags = v->vm_flags & ~VM_LOCKED;
      if (ub_memory_charge(mm, v->vm_end - v->vm_start, flags, v->vm_file,
                           UB_HARD)) {
        ok = false;
        break;
      }
      VmaRecord* copy = CopyVma(v);
      copy->vm_flags = flags;
      Link(mm, copy);
    }
  }
  if (!ok) {
    DestroyMm(mm);  // gives back what was charged so far
    return nullptr;
  }
  return mm;
}

void DestroyMm(mm_struct* mm) {
  if (mm == nullptr) return;
  {
    RwsemWriteLock lock(&mm->mmap_sem);
    VmaMap& vmas = Vmas(mm);
    for (auto it = vmas.begin(); it != vmas.end();) {
      vm_area_struct* v = it->second;
      ub_memory_uncharge(mm, v->vm_end - v->vm_start, v->vm_flags, v->vm_file);
      it = Erase(mm, it);
      FreeVma(v);
    }
  }
  uncharge_beancounter(mm->mm_ub, UB_KMEMSIZE, MM_KMEM_SIZE);
  delete RecordOf(mm);
}

void RechargeMm(mm_struct* mm, user_beancounter* ub) {
  if (mm == nullptr || ub == nullptr || mm->mm_ub == ub) return;
  RwsemWriteLock lock(&mm->mmap_sem);
  for (vm_area_struct* v = mm->mmap; v != nullptr; v = v->vm_next) {
    ub_memory_uncharge(mm, v->vm_end - v->vm_start, v->vm_flags, v->vm_file);
  }
  uncharge_beancounter(mm->mm_ub, UB_KMEMSIZE, MM_KMEM_SIZE);
  mm->mm_ub = ub;
  charge_beancounter(ub, UB_KMEMSIZE, MM_KMEM_SIZE, UB_FORCE);
  for (vm_area_struct* v = mm->mmap; v != nullptr; v = v->vm_next) {
    ub_memory_charge(mm, v->vm_end - v->vm_start, v->vm_flags, v->vm_file,
                     UB_FORCE);
  }
}

int MmapLocked(mm_struct* mm, unsigned long addr, unsigned long len, int prot,
               int flags, struct file* file, unsigned long* out) {
  if (len == 0) return -EINVAL;
  const int type = flags & (MAP_SHARED | MAP_PRIVATE);
  if (type != MAP_SHARED && type != MAP_PRIVATE) return -EINVAL;
  if (file == nullptr && !(flags & MAP_ANONYMOUS)) return -EBADF;
  if (len > TASK_SIZE) return -ENOMEM;
  len = PAGE_ALIGN(len);
  if (flags & MAP_FIXED) {
    if (addr & ~PAGE_MASK) return -EINVAL;
    if (addr > TASK_SIZE - len) return -ENOMEM;
  } else {
    addr = FindGap(mm, len);
    if (addr == 0) return -ENOMEM;
  }
  const unsigned long vm_flags = VmFlags(prot, flags);
  // Charge first: a refusal leaves the mm exactly as it was.
  if (ub_memory_charge(mm, len, vm_flags, file, UB_HARD)) return -ENOMEM;
  if (flags & MAP_FIXED) MunmapLocked(mm, addr, len);
  VmaRecord* v = NewVma();
  v->vm_start = addr;
  v->vm_end = addr + len;
  v->vm_flags = vm_flags;
  v->vm_file = (flags & MAP_ANONYMOUS) ? nullptr : file;
  Link(mm, v);
  *out = addr;
  return 0;
}

int MunmapLocked(mm_struct* mm, unsigned long addr, unsigned long len) {
  if ((addr & ~PAGE_MASK) || len == 0 || len > TASK_SIZE ||
      addr > TASK_SIZE - PAGE_ALIGN(len)) {
    return -EINVAL;
  }
  const unsigned long end = addr + PAGE_ALIGN(len);
  SplitAt(mm, addr);
  SplitAt(mm, end);
  VmaMap& vmas = Vmas(mm);
  auto it = vmas.lower_bound(addr);
  while (it != vmas.end() && it->second->vm_start < end) {
    vm_area_struct* v = it->second;
    ub_memory_uncharge(mm, v->vm_end - v->vm_start, v->vm_flags, v->vm_file);
    Account(mm, v, -1);
    it = Erase(mm, it);
    FreeVma(v);
  }
  return 0;
}

int MlockLocked(mm_struct* mm, unsigned long addr, unsigned long len,
                bool lock) {
  if (len == 0) return 0;
  const unsigned long start = addr & PAGE_MASK;
  if (len > TASK_SIZE || addr > TASK_SIZE - len) return -ENOMEM;
  const unsigned long end = PAGE_ALIGN(addr + len);
  // The whole range must be mapped, without holes.
  unsigned long covered = start;
  VmaMap& vmas = Vmas(mm);
  auto it = vmas.upper_bound(start);
  if (it != vmas.begin()) --it;
  for (; it != vmas.end() && covered < end; ++it) {
    const vm_area_struct* v = it->second;
    if (v->vm_end <= covered) continue;
    if (v->vm_start > covered) return -ENOMEM;
    covered = v->vm_end;
  }
  if (covered < end) return -ENOMEM;
  SplitAt(mm, start);
  SplitAt(mm, end);
  std::vector<vm_area_struct*> changed;
  for (auto it = vmas.lower_bound(start);
       it != vmas.end() && it->second->vm_start < end; ++it) {
    vm_area_struct* v = it->second;
    if (bool(v->vm_flags & VM_LOCKED) == lock) continue;
    const uint64_t pages = Pages(v);
    if (lock) {
      if (charge_beancounter(mm->mm_ub, UB_LOCKEDPAGES, pages, UB_HARD)) {
        for (vm_area_struct* c : changed) {  // roll back this call's work
          uncharge_beancounter(mm->mm_ub, UB_LOCKEDPAGES, Pages(c));
          c->vm_flags &= ~VM_LOCKED;
          mm->locked_vm -= Pages(c);
        }
        return -ENOMEM;
      }
      v->vm_flags |= VM_LOCKED;
      mm->locked_vm += pages;
    } else {
      uncharge_beancounter(mm->mm_ub, UB_LOCKEDPAGES, pages);
      v->vm_flags &= ~VM_LOCKED;
      mm->locked_vm -= pages;
    }
    changed.push_back(v);
  }
  return 0;
}

unsigned long BrkLocked(mm_struct* mm, unsigned long new_brk) {
  if (new_brk < mm->start_brk || new_brk > TASK_UNMAPPED_BASE) return mm->brk;
  const unsigned long new_end = PAGE_ALIGN(new_brk);
  const unsigned long old_end = PAGE_ALIGN(mm->brk);
  if (new_end < old_end) {
    MunmapLocked(mm, new_end, old_end - new_end);
  } else if (new_end > old_end) {
    if (Overlaps(mm, old_end, new_end)) return mm->brk;
    const unsigned long flags =
        VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
    if (ub_memory_charge(mm, new_end - old_end, flags, nullptr, UB_HARD)) {
      return mm->brk;
    }
    // do_brk(): extend the heap VMA that ends at the old break, or start it.
    VmaMap& vmas = Vmas(mm);
    auto it = vmas.lower_bound(old_end);
    vm_area_struct* heap = nullptr;
    if (it != vmas.begin()) {
      vm_area_struct* prev = std::prev(it)->second;
      if (prev->vm_end == old_end && prev->vm_flags == flags &&
          prev->vm_file == nullptr) {
        heap = prev;
      }
    }
    if (heap != nullptr) {
      mm->total_vm += (new_end - old_end) >> PAGE_SHIFT;
      heap->vm_end = new_end;
    } else {
      VmaRecord* v = NewVma();
      v->vm_start = old_end;
      v->vm_end = new_end;
      v->vm_flags = flags;
      v->name = "[heap]";
      Link(mm, v);
    }
  }
  mm->brk = new_brk;
  return new_brk;
}

int ExpandStackLocked(mm_struct* mm, unsigned long addr) {
  VmaMap& vmas = Vmas(mm);
  auto it = vmas.upper_bound(addr);
  if (it != vmas.begin() && std::prev(it)->second->vm_end > addr) {
    return 0;  // already mapped
  }
  if (it == vmas.end() || !(it->second->vm_flags & VM_GROWSDOWN)) {
    return -EFAULT;
  }
  vm_area_struct* stack = it->second;
  const unsigned long new_start = addr & PAGE_MASK;
  if (stack->vm_end - new_start > STACK_LIMIT) return -ENOMEM;
  if (Overlaps(mm, new_start, stack->vm_start)) return -ENOMEM;
  const unsigned long grow = stack->vm_start - new_start;
  if (ub_memory_charge(mm, grow, stack->vm_flags, stack->vm_file, UB_SOFT)) {
    return -ENOMEM;
  }
  // Re-key the VMA under its new start.
  Erase(mm, it);
  Account(mm, stack, -1);
  stack->vm_start = new_start;
  Link(mm, stack);
  return 0;
}

}  // namespace vzsim

// The one slab cache arch code allocates from: its objects are VmaRecords.
struct kmem_cache {
  const char* name;
};

namespace {
kmem_cache vm_area_cache = {"vm_area_struct"};
}  // namespace

extern "C" {

kmem_cache_t* vm_area_cachep = &vm_area_cache;

// mm/mmap.c: protection_map, what vm_page_prot a VMA's low flags give (the
// model keeps the index itself).
pgprot_t protection_map[16] = {{0}, {1}, {2},  {3},  {4},  {5},  {6},  {7},
                               {8}, {9}, {10}, {11}, {12}, {13}, {14}, {15}};

void* kmem_cache_alloc(kmem_cache_t* cachep, gfp_t flags) {
  (void)flags;
  if (cachep != vm_area_cachep) return nullptr;
  return static_cast<vm_area_struct*>(vzsim::NewVma());
}

void* kmem_cache_zalloc(kmem_cache_t* cachep, gfp_t flags) {
  return kmem_cache_alloc(cachep, flags);  // NewVma() is zeroed
}

void kmem_cache_free(kmem_cache_t* cachep, void* objp) {
  if (cachep == vm_area_cachep && objp != nullptr) {
    vzsim::FreeVma(static_cast<vm_area_struct*>(objp));
  }
}

int insert_vm_struct(struct mm_struct* mm, struct vm_area_struct* vma) {
  if (mm == nullptr || vma == nullptr || vma->vm_start >= vma->vm_end ||
      (vma->vm_start & ~PAGE_MASK) || (vma->vm_end & ~PAGE_MASK) ||
      vma->vm_end > TASK_SIZE) {
    return -EINVAL;
  }
  if (vzsim::Overlaps(mm, vma->vm_start, vma->vm_end)) return -ENOMEM;
  vma->vm_mm = mm;
  vzsim::Link(mm, vma);
  return 0;
}

int do_munmap(struct mm_struct* mm, unsigned long start, size_t len) {
  if (mm == nullptr) return -EINVAL;
  return vzsim::MunmapLocked(mm, start, len);
}

// The caller holds current->mm->mmap_sem, which the analysis cannot name.
unsigned long get_unmapped_area(
    struct file* file, unsigned long addr, unsigned long len,
    unsigned long pgoff, unsigned long flags) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  (void)file, (void)addr, (void)pgoff, (void)flags;
  task_struct* t = current;
  if (t == nullptr || t->mm == nullptr || len == 0 || len > TASK_SIZE) {
    return static_cast<unsigned long>(-ENOMEM);
  }
  const unsigned long gap = vzsim::FindGap(t->mm, PAGE_ALIGN(len));
  return gap == 0 ? static_cast<unsigned long>(-ENOMEM) : gap;
}

}  // extern "C"

vm_area_struct* find_vma(mm_struct* mm, unsigned long addr) {
  if (mm == nullptr) return nullptr;
  const vzsim::VmaMap& vmas = vzsim::RecordOf(mm)->vmas;
  auto it = vmas.upper_bound(addr);
  if (it != vmas.begin() && std::prev(it)->second->vm_end > addr) {
    return std::prev(it)->second;
  }
  return it == vmas.end() ? nullptr : it->second;
}
