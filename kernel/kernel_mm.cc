// Kernel: the C++ face of address spaces. Each call finds (or makes) the
// task's mm under the task-list lock, then works under mm->mmap_sem, as
// `task` (its exec beancounter pays for the kernel objects it makes).
#include <cerrno>

#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "kernel/mmap.h"

namespace vzsim {

absl::StatusOr<mm_struct*> Kernel::GetMm(task_struct* task) {
  absl::MutexLock lock(&tasklist_lock_);
  if (task == nullptr || !task_alive(task) || IsIdleTask(task)) {
    return ErrnoError(-ESRCH, "mm: not a live user task");
  }
  if (task->mm == nullptr) {
    // exec's mm_alloc(): charged to the exec beancounter of the moment.
    mm_struct* mm = CreateMm(task);
    if (mm == nullptr) {
      return ErrnoError(-ENOMEM, "mm: the beancounter refused a new mm");
    }
    task->mm = mm;
  }
  return task->mm;
}

namespace {

// Runs `op(mm)` with `task`'s mm write-locked, under the task-list read
// lock so that the mm cannot be torn down meanwhile.
template <typename Op>
int WithMm(Kernel& k, task_struct* task, Op op) {
  absl::StatusOr<mm_struct*> got = k.GetMm(task);
  if (!got.ok()) return -ErrnoOf(got.status());
  absl::ReaderMutexLock tasks(&k.tasklist_lock());
  mm_struct* mm = task->mm;
  if (mm == nullptr || !task_alive(task)) return -ESRCH;
  RwsemWriteLock lock(&mm->mmap_sem);
  return op(mm);
}

}  // namespace

absl::StatusOr<unsigned long> Kernel::Mmap(task_struct* task,
                                           unsigned long addr,
                                           unsigned long len, int prot,
                                           int flags, struct file* file) {
  unsigned long out = 0;
  const int err = WithMm(*this, task, [&](mm_struct* mm) {
    AssertRwsemWriteHeld(&mm->mmap_sem);
    return MmapLocked(mm, task, addr, len, prot, flags, file, &out);
  });
  if (err < 0) return ErrnoError(err, "mmap");
  return out;
}

absl::Status Kernel::Munmap(task_struct* task, unsigned long addr,
                            unsigned long len) {
  return ErrnoError(WithMm(*this, task,
                           [&](mm_struct* mm) {
                             AssertRwsemWriteHeld(&mm->mmap_sem);
                             return MunmapLocked(mm, task, addr, len);
                           }),
                    "munmap");
}

absl::Status Kernel::Mlock(task_struct* task, unsigned long addr,
                           unsigned long len) {
  return ErrnoError(WithMm(*this, task,
                           [&](mm_struct* mm) {
                             AssertRwsemWriteHeld(&mm->mmap_sem);
                             return MlockLocked(mm, task, addr, len, true);
                           }),
                    "mlock");
}

absl::Status Kernel::Munlock(task_struct* task, unsigned long addr,
                             unsigned long len) {
  return ErrnoError(WithMm(*this, task,
                           [&](mm_struct* mm) {
                             AssertRwsemWriteHeld(&mm->mmap_sem);
                             return MlockLocked(mm, task, addr, len, false);
                           }),
                    "munlock");
}

absl::Status Kernel::Mlockall(task_struct* task, int flags) {
  if (flags == 0) return ErrnoError(-EINVAL, "mlockall: no flags");
  return ErrnoError(WithMm(*this, task,
                           [&](mm_struct* mm) {
                             AssertRwsemWriteHeld(&mm->mmap_sem);
                             return MlockallLocked(mm, task, flags);
                           }),
                    "mlockall");
}

absl::Status Kernel::Munlockall(task_struct* task) {
  return ErrnoError(WithMm(*this, task,
                           [&](mm_struct* mm) {
                             AssertRwsemWriteHeld(&mm->mmap_sem);
                             return MlockallLocked(mm, task, 0);
                           }),
                    "munlockall");
}

absl::Status Kernel::Mprotect(task_struct* task, unsigned long addr,
                              unsigned long len, int prot) {
  return ErrnoError(WithMm(*this, task,
                           [&](mm_struct* mm) {
                             AssertRwsemWriteHeld(&mm->mmap_sem);
                             return MprotectLocked(
                                 mm, task, addr, len,
                                 static_cast<unsigned long>(prot));
                           }),
                    "mprotect");
}

absl::StatusOr<unsigned long> Kernel::Mremap(
    task_struct* task, unsigned long addr, unsigned long old_len,
    unsigned long new_len, unsigned long flags, unsigned long new_addr) {
  unsigned long out = 0;
  const int err = WithMm(*this, task, [&](mm_struct* mm) {
    AssertRwsemWriteHeld(&mm->mmap_sem);
    return MremapLocked(mm, task, addr, old_len, new_len, flags, new_addr,
                        &out);
  });
  if (err < 0) return ErrnoError(err, "mremap");
  return out;
}

absl::StatusOr<unsigned long> Kernel::Brk(task_struct* task,
                                          unsigned long new_brk) {
  unsigned long result = 0;
  const int err = WithMm(*this, task, [&](mm_struct* mm) {
    AssertRwsemWriteHeld(&mm->mmap_sem);
    result = BrkLocked(mm, task, new_brk);
    return result == new_brk ? 0 : -ENOMEM;
  });
  if (err < 0) return ErrnoError(err, "brk: the break cannot move there");
  return result;
}

absl::Status Kernel::ExpandStack(task_struct* task, unsigned long addr) {
  return ErrnoError(WithMm(*this, task,
                           [&](mm_struct* mm) {
                             AssertRwsemWriteHeld(&mm->mmap_sem);
                             return ExpandStackLocked(mm, task, addr);
                           }),
                    "stack growth");
}

}  // namespace vzsim
