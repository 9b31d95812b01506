#include "pid/tasklist_lock.h"

#include "kernel/cpu.h"
#include "kernel/kernel.h"

rwlock_t tasklist_lock;

// The token stands for the bound Kernel's mutex, which clang cannot see
// through; the annotations on the declarations carry the contract.
void _read_lock(rwlock_t*) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  if (vzsim::Kernel* k = vzsim::this_kernel()) k->tasklist_lock().ReaderLock();
}

void _read_unlock(rwlock_t*) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  if (vzsim::Kernel* k = vzsim::this_kernel()) {
    k->tasklist_lock().ReaderUnlock();
  }
}

void _write_lock_irq(rwlock_t*) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  if (vzsim::Kernel* k = vzsim::this_kernel()) k->tasklist_lock().Lock();
}

void _write_unlock_irq(rwlock_t*) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  if (vzsim::Kernel* k = vzsim::this_kernel()) k->tasklist_lock().Unlock();
}
