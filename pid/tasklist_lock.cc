#include "pid/tasklist_lock.h"

#include "kernel/cpu.h"
#include "kernel/kernel.h"

tasklist_lock_t tasklist_lock;

// The token stands for the bound Kernel's mutex, which clang cannot see
// through; the annotations on the declarations carry the contract.
void read_lock(tasklist_lock_t*) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  if (vzsim::Kernel* k = vzsim::this_kernel()) k->tasklist_lock().ReaderLock();
}

void read_unlock(tasklist_lock_t*) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  if (vzsim::Kernel* k = vzsim::this_kernel()) {
    k->tasklist_lock().ReaderUnlock();
  }
}

void write_lock_irq(tasklist_lock_t*) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  if (vzsim::Kernel* k = vzsim::this_kernel()) k->tasklist_lock().Lock();
}

void write_unlock_irq(tasklist_lock_t*) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  if (vzsim::Kernel* k = vzsim::this_kernel()) k->tasklist_lock().Unlock();
}
