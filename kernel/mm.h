// Address spaces: struct mm_struct and struct vm_area_struct, in the kernel's
// shape (include/linux/mm_types.h), with OpenVZ's mm_ub: the beancounter the
// address space is charged to, fixed when the mm is created (SPEC.md
// section 5).
//
// The operations (mmap, munmap, brk, stack growth, mlock, insert_vma_struct)
// are in kernel/mmap.h; this file holds only the types.
//
// Locking: every field but mm_ub is guarded by mmap_sem (write to change,
// read to look); mm_ub is immutable after creation except when a task is
// moved into a VE, which happens under mmap_sem too.
#ifndef VZSIM_KERNEL_MM_H_
#define VZSIM_KERNEL_MM_H_

#include <map>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

struct user_beancounter;
struct mm_struct;

// The kernel's sparse annotation for "the caller holds this lock", checked
// here by clang's -Wthread-safety: int f(struct mm_struct* mm)
// __must_hold(mm->mmap_sem);
#define __must_hold(lock) ABSL_EXCLUSIVE_LOCKS_REQUIRED(lock)

constexpr unsigned long PAGE_SHIFT = 12;
constexpr unsigned long PAGE_SIZE = 1UL << PAGE_SHIFT;  // 4096
constexpr unsigned long PAGE_MASK = ~(PAGE_SIZE - 1);
inline unsigned long PAGE_ALIGN(unsigned long addr) {
  return (addr + PAGE_SIZE - 1) & PAGE_MASK;
}

// vm_flags (include/linux/mm.h).
constexpr unsigned long VM_READ = 0x00000001;
constexpr unsigned long VM_WRITE = 0x00000002;
constexpr unsigned long VM_EXEC = 0x00000004;
constexpr unsigned long VM_SHARED = 0x00000008;
constexpr unsigned long VM_MAYREAD = 0x00000010;
constexpr unsigned long VM_MAYWRITE = 0x00000020;
constexpr unsigned long VM_MAYEXEC = 0x00000040;
constexpr unsigned long VM_MAYSHARE = 0x00000080;
constexpr unsigned long VM_GROWSDOWN = 0x00000100;
constexpr unsigned long VM_LOCKED = 0x00002000;
constexpr unsigned long VM_DONTEXPAND = 0x00040000;
constexpr unsigned long VM_RESERVED = 0x00080000;

// A mapped file. The simulation needs only its identity: a mapping is
// "anonymous" when its file is null.
struct file {
  const char* f_name;
};

struct vm_area_struct {
  mm_struct* vm_mm;
  unsigned long vm_start;  // first byte
  unsigned long vm_end;    // one past the last byte
  unsigned long vm_flags;
  struct file* vm_file;
  unsigned long vm_pgoff;
  const char* vm_name;  // "[vdso]", "[stack]", ... for display; may be null
};

struct mm_struct {
  mm_struct() = default;
  mm_struct(const mm_struct&) = delete;
  mm_struct& operator=(const mm_struct&) = delete;

  absl::Mutex mmap_sem;
  // The VMAs by start address; the mm owns them.
  std::map<unsigned long, vm_area_struct*> vmas ABSL_GUARDED_BY(mmap_sem);
  user_beancounter* mm_ub = nullptr;
  int mm_users = 1;  // tasks sharing it (threads); guarded by tasklist_lock
  unsigned long start_brk ABSL_GUARDED_BY(mmap_sem) = 0;
  unsigned long brk ABSL_GUARDED_BY(mmap_sem) = 0;
  unsigned long mmap_base ABSL_GUARDED_BY(mmap_sem) = 0;
  unsigned long total_vm ABSL_GUARDED_BY(mmap_sem) = 0;   // pages mapped
  unsigned long locked_vm ABSL_GUARDED_BY(mmap_sem) = 0;  // pages locked
};

#endif  // VZSIM_KERNEL_MM_H_
