// do_fork() and ve_allow_kthreads (kernel/fork.c, kernel/sysctl.c).
#include "kernel/kthread.h"

#include <cerrno>

#include "kernel/cpu.h"
#include "kernel/kernel.h"

extern "C" {

// kernel/sysctl.c: 028stab lets a VE's exec env start kernel threads
// unless an administrator writes 0 (kernel.ve_allow_kthreads).
int ve_allow_kthreads = 1;

// kernel/fork.c: do_fork() = do_fork_pid(..., 0): the child is a copy of
// current (its comm, its VE, its exec beancounter) and current's child;
// CLONE_VM shares current's address space. The pid returned is virt_pid()
// of the child: the VE's number when current works for a VE. The model
// does not run the child; it stays until it is killed.
long do_fork(unsigned long clone_flags, unsigned long stack_start,
             struct pt_regs* regs, unsigned long stack_size, int* parent_tidptr,
             int* child_tidptr) {
  (void)stack_start, (void)regs, (void)stack_size;
  (void)parent_tidptr, (void)child_tidptr;
  vzsim::Kernel* k = vzsim::this_kernel();
  task_struct* self = current;
  if (k == nullptr || self == nullptr) return -ESRCH;
  absl::MutexLock lock(&k->tasklist_lock());
  task_struct* p = nullptr;
  const int err = k->ForkLocked(self, self->comm, clone_flags, &p);
  if (err < 0) return err;
  return virt_pid(p);
}

}  // extern "C"

namespace vzsim {

bool Kernel::VeAllowKthreads() {
  return __atomic_load_n(&ve_allow_kthreads, __ATOMIC_RELAXED) != 0;
}

void Kernel::SetVeAllowKthreads(bool allow) {
  __atomic_store_n(&ve_allow_kthreads, allow ? 1 : 0, __ATOMIC_RELAXED);
}

}  // namespace vzsim
