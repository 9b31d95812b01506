// The simulated mm/mmap.c: address spaces made, copied and torn down;
// mmap, munmap, brk and stack growth (mm/memory.c's find_extend_vma()),
// charged as the kernel charges them (kernel/ub/ub_pages.c).
#include "kernel/mmap.h"

#include <cerrno>
#include <iterator>

#include "include/ub/ub_vmpages.h"
#include "kernel/cpu.h"
#include "kernel/vma.h"
#include "ubc/kmem_sizes.h"
#include "ubc/ub_task.h"

namespace vzsim {

struct file shmem_zero_file = {"/dev/zero (deleted)"};

namespace {

// A task without CAP_IPC_LOCK may lock its RLIMIT_MEMLOCK in all.
bool OverMlockLimit(const mm_struct* mm, task_struct* actor,
                    unsigned long more_pages) {
  return mm->locked_vm + more_pages > MlockLimitPages(actor) &&
         (actor == nullptr || !__capable(actor, CAP_IPC_LOCK));
}

unsigned long VmFlags(int prot, int flags) {
  unsigned long vm = VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
  if (prot & PROT_READ) vm |= VM_READ;
  if (prot & PROT_WRITE) vm |= VM_WRITE;
  if (prot & PROT_EXEC) vm |= VM_EXEC;
  if (flags & MAP_GROWSDOWN) vm |= VM_GROWSDOWN;
  return vm;
}

// mm_alloc() / dup_mm(): the mm_struct (UB_HARD) and its page directory
// (UB_SOFT), charged to `actor`'s exec beancounter.
MmRecord* NewMm(task_struct* actor, user_beancounter* mm_ub) {
  user_beancounter* ub = actor->task_bc.exec_ub;
  if (UbKmemCharge(actor, ub, kMmStructKmem, UB_HARD) != 0) return nullptr;
  if (UbKmemCharge(actor, ub, kPgdKmem, UB_SOFT) != 0) {
    UbKmemUncharge(actor, ub, kMmStructKmem);
    return nullptr;
  }
  auto* mm = new MmRecord;
  mm->kmem_ub = get_beancounter(ub);
  mm->mm_ub = get_beancounter(mm_ub);  // set_mm_ub()
  return mm;
}

// setup_arg_pages(): the first page of the stack, a kernel-built VMA
// charged UB_SOFT. false if refused.
bool SetUpStack(mm_struct* mm, task_struct* actor)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem) {
  VmaRecord* stack = VmaAlloc(actor, UB_HARD);
  if (stack == nullptr) return false;
  stack->vm_start = STACK_TOP - PAGE_SIZE;
  stack->vm_end = STACK_TOP;
  stack->vm_flags =
      VM_READ | VM_WRITE | VM_GROWSDOWN | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
  stack->name = "[stack]";
  if (ub_memory_charge(mm, PAGE_SIZE, static_cast<unsigned>(stack->vm_flags),
                       nullptr, UB_SOFT)) {
    VmaFree(actor, stack);
    return false;
  }
  VmaLink(mm, stack);
  return true;
}

}  // namespace

mm_struct* CreateMm(task_struct* actor) {
  if (actor == nullptr) return nullptr;
  MmRecord* mm = NewMm(actor, actor->task_bc.exec_ub);
  if (mm == nullptr) return nullptr;
  bool ok;
  {
    RwsemWriteLock lock(&mm->mmap_sem);
    mm->mmap_base = TASK_UNMAPPED_BASE;
    mm->end_code = mm->start_brk = mm->brk = TASK_START_BRK;
    ok = SetUpStack(mm, actor);
  }
  if (!ok) {
    DestroyMm(mm, actor);
    return nullptr;
  }
  return mm;
}

mm_struct* DupMm(mm_struct* old, task_struct* actor, task_struct* child) {
  MmRecord* mm = NewMm(actor, child->task_bc.task_ub);
  if (mm == nullptr) return nullptr;
  bool ok = true;
  {
    RwsemReadLock old_lock(&old->mmap_sem);
    RwsemWriteLock lock(&mm->mmap_sem);
    mm->mmap_base = old->mmap_base;
    mm->end_code = old->end_code;
    mm->start_brk = old->start_brk;
    mm->brk = old->brk;
    for (vm_area_struct* v = old->mmap; v != nullptr; v = v->vm_next) {
      // dup_mmap(): mlock is not inherited; the copy's pages are charged
      // UB_HARD to the child's beancounter, then the copy is allocated.
      const unsigned long flags = v->vm_flags & ~VM_LOCKED;
      if (ub_memory_charge(mm, v->vm_end - v->vm_start,
                           static_cast<unsigned>(flags), v->vm_file, UB_HARD)) {
        ok = false;
        break;
      }
      VmaRecord* copy = VmaCopy(actor, v);
      if (copy == nullptr) {
        ub_memory_uncharge(mm, v->vm_end - v->vm_start,
                           static_cast<unsigned>(flags), v->vm_file);
        ok = false;
        break;
      }
      copy->vm_flags = flags;
      VmaLink(mm, copy);
    }
  }
  if (!ok) {
    DestroyMm(mm, actor);  // mmput(): gives back what was copied so far
    return nullptr;
  }
  return mm;
}

void DestroyMm(mm_struct* mm, task_struct* actor) {
  if (mm == nullptr) return;
  MmRecord* rec = RecordOf(mm);
  {
    RwsemWriteLock lock(&mm->mmap_sem);
    while (mm->mmap != nullptr) VmaRemove(mm, actor, mm->mmap);
  }
  // mmdrop(): the page directory and the mm_struct; put_mm_ub().
  UbKmemUncharge(actor, rec->kmem_ub, kPgdKmem);
  UbKmemUncharge(actor, rec->kmem_ub, kMmStructKmem);
  put_beancounter(rec->kmem_ub);
  put_beancounter(mm->mm_ub);
  delete rec;
}

int MmapLocked(mm_struct* mm, task_struct* actor, unsigned long addr,
               unsigned long len, int prot, int flags, struct file* file,
               unsigned long* out) {
  if (!(flags & MAP_ANONYMOUS)) {
    if (file == nullptr) return -EBADF;  // sys_mmap(): fget() found nothing
  } else {
    file = nullptr;
  }
  if (len == 0) {  // do_mmap_pgoff(): nothing to map
    *out = addr;
    return 0;
  }
  len = PAGE_ALIGN(len);
  if (len == 0 || len > TASK_SIZE) return -ENOMEM;
  if (flags & MAP_FIXED) {
    if ((addr & ~PAGE_MASK) || addr > TASK_SIZE - len) return -EINVAL;
  } else {
    addr = VmaFindGap(mm, len);
    if (addr == 0) return -ENOMEM;
  }
  unsigned long vm_flags = VmFlags(prot, flags) | mm->def_flags;
  if (flags & MAP_LOCKED) vm_flags |= VM_LOCKED;
  if ((vm_flags & VM_LOCKED) && OverMlockLimit(mm, actor, len >> PAGE_SHIFT)) {
    return -EAGAIN;
  }
  switch (flags & (MAP_SHARED | MAP_PRIVATE)) {
    case MAP_SHARED:
      vm_flags |= VM_SHARED | VM_MAYSHARE;
      break;
    case MAP_PRIVATE:
      break;
    default:
      return -EINVAL;
  }
  // Clear old maps first: with MAP_FIXED a refusal below leaves a hole.
  if (VmaOverlaps(mm, addr, addr + len) &&
      DoMunmap(mm, actor, addr, len) != 0) {
    return -ENOMEM;
  }
  const ub_severity sv = (flags & MAP_EXECPRIO) ? UB_SOFT : UB_HARD;
  if (ub_memory_charge(mm, len, static_cast<unsigned>(vm_flags), file, sv)) {
    return -ENOMEM;
  }
  VmaRecord* v = VmaAlloc(actor, sv);
  if (v == nullptr) {
    ub_memory_uncharge(mm, len, static_cast<unsigned>(vm_flags), file);
    return -ENOMEM;
  }
  v->vm_start = addr;
  v->vm_end = addr + len;
  v->vm_flags = vm_flags;
  v->vm_file = file;
  if (file == nullptr && (vm_flags & VM_SHARED)) {
    // shmem_zero_setup(): a shmem object takes the mapping over; the
    // private pages just charged are given back at once, and its pages
    // would be charged to shmpages as they are touched.
    v->vm_file = &shmem_zero_file;
    if (vm_flags & VM_WRITE) __ub_unused_privvm_dec(mm, len >> PAGE_SHIFT);
  }
  VmaLink(mm, v);
  *out = addr;
  return 0;
}

int MunmapLocked(mm_struct* mm, task_struct* actor, unsigned long addr,
                 unsigned long len) {
  return DoMunmap(mm, actor, addr, len);
}

unsigned long BrkLocked(mm_struct* mm, task_struct* actor, unsigned long brk) {
  if (brk < mm->end_code) return mm->brk;
  const unsigned long newbrk = PAGE_ALIGN(brk);
  const unsigned long oldbrk = PAGE_ALIGN(mm->brk);
  if (newbrk == oldbrk) {
    mm->brk = brk;
    return brk;
  }
  if (brk <= mm->brk) {  // shrinking is always allowed
    if (DoMunmap(mm, actor, newbrk, oldbrk - newbrk) == 0) mm->brk = brk;
    return mm->brk;
  }
  // A page of gap must stay above the new break.
  if (newbrk < oldbrk || newbrk > TASK_SIZE ||
      VmaOverlaps(mm, oldbrk, newbrk + PAGE_SIZE)) {
    return mm->brk;
  }
  // __do_brk(oldbrk, newbrk - oldbrk, UB_HARD).
  const unsigned long len = newbrk - oldbrk;
  const unsigned long flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE |
                              VM_MAYEXEC | mm->def_flags;
  if ((flags & VM_LOCKED) && OverMlockLimit(mm, actor, len >> PAGE_SHIFT)) {
    return mm->brk;
  }
  if (ub_memory_charge(mm, len, static_cast<unsigned>(flags), nullptr,
                       UB_HARD)) {
    return mm->brk;
  }
  // vma_merge(): the anonymous VMA ending at the old break grows.
  vm_area_struct* prev = oldbrk > 0 ? VmaFind(mm, oldbrk - 1) : nullptr;
  if (prev != nullptr && prev->vm_end == oldbrk && prev->vm_flags == flags &&
      prev->vm_file == nullptr) {
    VmaUnlink(mm, prev);
    prev->vm_end = newbrk;
    VmaLink(mm, prev);
  } else {
    VmaRecord* v = VmaAlloc(actor, UB_HARD);
    if (v == nullptr) {
      ub_memory_uncharge(mm, len, static_cast<unsigned>(flags), nullptr);
      return mm->brk;
    }
    v->vm_start = oldbrk;
    v->vm_end = newbrk;
    v->vm_flags = flags;
    v->name = "[heap]";
    VmaLink(mm, v);
  }
  mm->brk = brk;
  return brk;
}

int ExpandStackLocked(mm_struct* mm, task_struct* actor, unsigned long addr) {
  vm_area_struct* stack = VmaFind(mm, addr);
  if (stack != nullptr && stack->vm_start <= addr) return 0;  // mapped
  if (stack == nullptr || !(stack->vm_flags & VM_GROWSDOWN)) return -EFAULT;
  const unsigned long new_start = addr & PAGE_MASK;
  const unsigned long grow = (stack->vm_start - new_start) >> PAGE_SHIFT;
  // acct_stack_growth(): the stack rlimit, the mlock limit, then the charge.
  if (stack->vm_end - new_start > StackLimit(actor)) return -ENOMEM;
  if ((stack->vm_flags & VM_LOCKED) && OverMlockLimit(mm, actor, grow)) {
    return -ENOMEM;
  }
  if (VmaOverlaps(mm, new_start, stack->vm_start)) return -ENOMEM;
  if (ub_memory_charge(mm, grow << PAGE_SHIFT,
                       static_cast<unsigned>(stack->vm_flags), stack->vm_file,
                       UB_SOFT)) {
    return -ENOMEM;
  }
  VmaUnlink(mm, stack);  // re-keyed under its new start
  stack->vm_pgoff -= grow;
  stack->vm_start = new_start;
  VmaLink(mm, stack);
  return 0;
}

}  // namespace vzsim

// The one slab cache arch code allocates from: its objects are VmaRecords,
// each vm_area_struct charged to kmemsize of current's exec beancounter as
// the kernel's slab charges it (UB_HARD: refused, the allocation fails).
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
  return static_cast<vm_area_struct*>(vzsim::VmaAlloc(current, UB_HARD));
}

void* kmem_cache_zalloc(kmem_cache_t* cachep, gfp_t flags) {
  return kmem_cache_alloc(cachep, flags);  // VmaAlloc() zeroes
}

void kmem_cache_free(kmem_cache_t* cachep, void* objp) {
  if (cachep == vm_area_cachep && objp != nullptr) {
    vzsim::VmaFree(current, static_cast<vm_area_struct*>(objp));
  }
}

int insert_vm_struct(struct mm_struct* mm, struct vm_area_struct* vma) {
  if (mm == nullptr || vma == nullptr || vma->vm_start >= vma->vm_end ||
      (vma->vm_start & ~PAGE_MASK) || (vma->vm_end & ~PAGE_MASK) ||
      vma->vm_end > TASK_SIZE) {
    return -EINVAL;
  }
  if (vzsim::VmaOverlaps(mm, vma->vm_start, vma->vm_end)) return -ENOMEM;
  vzsim::VmaLink(mm, vma);
  return 0;
}

int do_munmap(struct mm_struct* mm, unsigned long start, size_t len) {
  if (mm == nullptr) return -EINVAL;
  return vzsim::DoMunmap(mm, current, start, len);
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
  const unsigned long gap = vzsim::VmaFindGap(t->mm, PAGE_ALIGN(len));
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
