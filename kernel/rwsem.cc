// include/linux/rwsem.h, implemented with an absl::Mutex in each semaphore's
// storage. The semaphore is a capability of its own to clang, which cannot
// see that it is that mutex: hence no analysis of these bodies; the
// annotations on the declarations carry the contract.
#include "kernel/rwsem.h"

void init_rwsem(rw_semaphore* sem) { new (&sem->count) absl::Mutex; }

void down_read(rw_semaphore* sem) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::RwsemMutex(sem)->ReaderLock();
}

void up_read(rw_semaphore* sem) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::RwsemMutex(sem)->ReaderUnlock();
}

void down_write(rw_semaphore* sem) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::RwsemMutex(sem)->Lock();
}

void up_write(rw_semaphore* sem) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::RwsemMutex(sem)->Unlock();
}

namespace vzsim {

void DestroyRwsem(rw_semaphore* sem) { RwsemMutex(sem)->~Mutex(); }

}  // namespace vzsim
