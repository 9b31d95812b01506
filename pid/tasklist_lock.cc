#include "pid/tasklist_lock.h"

#include "kernel/cpu.h"

rwlock_t tasklist_lock;

namespace {

absl::Mutex* BoundTasklistLock() {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  return cpu == nullptr ? nullptr : cpu->tasklist_lock;
}

}  // namespace

// The token stands for the bound Kernel's mutex, which clang cannot see
// through; the annotations on the declarations carry the contract.
void _read_lock(rwlock_t*) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  if (absl::Mutex* m = BoundTasklistLock()) m->ReaderLock();
}

void _read_unlock(rwlock_t*) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  if (absl::Mutex* m = BoundTasklistLock()) m->ReaderUnlock();
}

void _write_lock_irq(rwlock_t*) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  if (absl::Mutex* m = BoundTasklistLock()) m->Lock();
}

void _write_unlock_irq(rwlock_t*) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  if (absl::Mutex* m = BoundTasklistLock()) m->Unlock();
}
