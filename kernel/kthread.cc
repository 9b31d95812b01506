#include "kernel/kthread.h"

#include <cerrno>

#include "kernel/cpu.h"
#include "kernel/kernel.h"

int vzsim_ve_allow_kthreads() {
  vzsim::Kernel* k = vzsim::this_kernel();
  return k != nullptr && k->VeAllowKthreads();
}

long do_kernel_thread(int (*fn)(void*), void* /*arg*/, unsigned long flags) {
  vzsim::Kernel* k = vzsim::this_kernel();
  task_struct* self = current;
  if (k == nullptr || self == nullptr) return -ESRCH;
  if (fn == nullptr) return -EINVAL;
  absl::MutexLock lock(&k->tasklist_lock());
  ve_struct* env = self->ve_task_info.exec_env;
  task_struct* parent = env == k->ve0() ? k->init_task() : env->init_entry;
  if (parent == nullptr) return -ESRCH;  // a VE without init: stopping
  task_struct* p = nullptr;
  const int err = k->ForkLocked(parent, "kthread",
                                (flags & ~CLONE_THREAD) | CLONE_VZ_KTHREAD, &p);
  if (err < 0) return err;
  return p->pid;
}
