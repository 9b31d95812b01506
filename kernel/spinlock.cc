// include/linux/spinlock.h: spinlocks, for the few kernel structures that
// keep one beside the data it guards (a beancounter's ub_lock). The lock is
// a word: taken by an atomic exchange, given back by a release store. A
// waiter spins on plain loads, and after a while yields its host thread, so
// that a lock holder whose host thread was preempted gets to run.
#include "include/linux/spinlock.h"

#include <sched.h>

#include "absl/base/thread_annotations.h"

namespace {

inline void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

}  // namespace

void _spin_lock(spinlock_t* lock) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  while (__atomic_exchange_n(&lock->slock, 1U, __ATOMIC_ACQUIRE) != 0) {
    for (int spins = 0; __atomic_load_n(&lock->slock, __ATOMIC_RELAXED) != 0;
         ++spins) {
      if (spins < 64) {
        CpuRelax();
      } else {
        sched_yield();
      }
    }
  }
}

void _spin_unlock(spinlock_t* lock) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  __atomic_store_n(&lock->slock, 0U, __ATOMIC_RELEASE);
}
