// The kernel face's calls that belong to no other file of the core: the
// pid lookups in their C spelling (kernel/pid.c: find_task_by_pid_type_*),
// ptrace_attach(), force_sig_info() and do_exit().
#include <cerrno>

#include "include/linux/ptrace.h"
#include "include/linux/sched.h"
#include "include/linux/signal.h"
#include "include/linux/smp.h"
#include "kernel/kernel.h"

extern "C" {

// The caller holds tasklist_lock for reading (read_lock()), which the
// analysis cannot see through the C face.
struct task_struct* find_task_by_pid_type_all(int type, int pid)
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr || type != PIDTYPE_PID) return nullptr;
  return k->FindTaskByPidAllLocked(pid);
}

struct task_struct* find_task_by_pid_type_ve(int type, int pid)
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu == nullptr || type != PIDTYPE_PID) return nullptr;
  return cpu->kernel()->FindTaskByPidVeLocked(
      pid, cpu->curr()->ve_task_info.exec_env);
}

// kernel/ptrace.c: ptrace_attach(), its refusals in the kernel's order;
// an accepted task is marked PT_PTRACED (the model does not reparent it or
// stop it).
int ptrace_attach(struct task_struct* task) {
  vzsim::Kernel* k = vzsim::this_kernel();
  task_struct* self = current;
  if (k == nullptr || self == nullptr || task == nullptr) return -ESRCH;
  absl::MutexLock lock(&k->tasklist_lock());
  if (task->pid <= 1) return -EPERM;
  if (task->tgid == self->tgid) return -EPERM;
  if (task->mm == nullptr) return -EPERM;
  if (task->ptrace & PT_PTRACED) return -EPERM;
  task->ptrace |= PT_PTRACED;
  return 0;
}

// kernel/signal.c: force_sig_info(): the caller must not hold
// tasklist_lock; the model takes it to queue the signal.
int force_sig_info(int sig, struct siginfo* info, struct task_struct* t) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  absl::ReaderMutexLock lock(&k->tasklist_lock());
  return send_sig_info(sig, info, t);
}

int unhandled_signal(struct task_struct* tsk, int sig) {
  if (tsk == nullptr || sig < 1 || sig > KERNEL_NSIG) return 1;
  if (tsk->ptrace & PT_PTRACED) return 0;
  sighand_struct* sighand = tsk->sighand;
  if (sighand == nullptr) return 1;  // released
  spin_lock(&sighand->siglock);
  const __sighandler_t handler = sighand->action[sig - 1].sa.sa_handler;
  spin_unlock(&sighand->siglock);
  return handler == SIG_DFL || handler == SIG_IGN;
}

int smp_processor_id(void) {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  return cpu == nullptr ? 0 : cpu->id();
}

void do_exit(long code) {
  vzsim::Kernel* k = vzsim::this_kernel();
  task_struct* self = current;
  if (k == nullptr || self == nullptr) return;
  absl::MutexLock lock(&k->tasklist_lock());
  (void)k->ExitLocked(self, static_cast<int>(code));
}

}  // extern "C"
