// The model's side of the kernel face's reader/writer semaphores
// (include/linux/rwsem.h): the host mutex each one keeps in its storage, and
// scoped locks for C++ callers.
//
//   vzsim::RwsemWriteLock lock(&mm->mmap_sem);   // down_write ... up_write
//
// The annotations let clang's -Wthread-safety check C++ code that takes a
// semaphore as it checks code that takes an absl::Mutex.
#ifndef VZSIM_KERNEL_RWSEM_H_
#define VZSIM_KERNEL_RWSEM_H_

#include <new>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "include/linux/rwsem.h"

// The kernel's sparse annotation for "the caller holds this lock", checked
// here by clang's -Wthread-safety: int f(struct mm_struct* mm)
// __must_hold(mm->mmap_sem);
#define __must_hold(lock) ABSL_EXCLUSIVE_LOCKS_REQUIRED(lock)

namespace vzsim {

static_assert(sizeof(absl::Mutex) <= sizeof(rw_semaphore) &&
                  alignof(absl::Mutex) <= alignof(rw_semaphore),
              "an absl::Mutex must fit in a struct rw_semaphore");

// The mutex init_rwsem() made in `sem`'s storage.
inline absl::Mutex* RwsemMutex(rw_semaphore* sem) {
  return std::launder(reinterpret_cast<absl::Mutex*>(&sem->count));
}

// Ends the mutex init_rwsem() made (the kernel's semaphores are never torn
// down; the model's must be, before their memory goes).
void DestroyRwsem(rw_semaphore* sem);

// Tells clang that `sem` is held for writing (and checks it at run time):
// for code that reached the semaphore by another path than its caller.
inline void AssertRwsemWriteHeld(rw_semaphore* sem)
    ABSL_ASSERT_EXCLUSIVE_LOCK(sem) {
  RwsemMutex(sem)->AssertHeld();
}

class ABSL_SCOPED_LOCKABLE RwsemWriteLock {
 public:
  explicit RwsemWriteLock(rw_semaphore* sem) ABSL_EXCLUSIVE_LOCK_FUNCTION(sem)
      : sem_(sem) {
    down_write(sem);
  }
  ~RwsemWriteLock() ABSL_UNLOCK_FUNCTION() { up_write(sem_); }
  RwsemWriteLock(const RwsemWriteLock&) = delete;
  RwsemWriteLock& operator=(const RwsemWriteLock&) = delete;

 private:
  rw_semaphore* const sem_;
};

class ABSL_SCOPED_LOCKABLE RwsemReadLock {
 public:
  explicit RwsemReadLock(rw_semaphore* sem) ABSL_SHARED_LOCK_FUNCTION(sem)
      : sem_(sem) {
    down_read(sem);
  }
  ~RwsemReadLock() ABSL_UNLOCK_FUNCTION() { up_read(sem_); }
  RwsemReadLock(const RwsemReadLock&) = delete;
  RwsemReadLock& operator=(const RwsemReadLock&) = delete;

 private:
  rw_semaphore* const sem_;
};

}  // namespace vzsim

#endif  // VZSIM_KERNEL_RWSEM_H_
