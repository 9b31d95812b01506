#include "kernel/cpu.h"

#include <cerrno>
#include <cstdio>

#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "ubc/ub_task.h"

namespace vzsim {

using internal::t_cpu;

Cpu::Cpu(Kernel* kernel, int id) : kernel_(kernel), id_(id) {
  // The idle task (init_task / swapper in the kernel): pid 0, in ve0,
  // never on a list, never freed.
  idle_ = TaskRecord{};
  std::snprintf(idle_.comm, sizeof(idle_.comm), "swapper/%d", id);
  idle_.thread_info = &idle_.ti;
  area_.ve0 = kernel->ve0();
  area_.ub0 = kernel->ub0();
  idle_.ti.task = &idle_;
  idle_.group_leader = &idle_;
  idle_.nr_threads = 1;
  INIT_LIST_HEAD(&idle_.children);
  INIT_LIST_HEAD(&idle_.sibling);
  INIT_LIST_HEAD(&idle_.thread_group);
  idle_.ve_task_info.owner_env = idle_.ve_task_info.exec_env = kernel->ve0();
  // ub_init_early(): numproc 1 in ub0 for each idle task.
  UbInitBootTask(&idle_, kernel->ub0());
  // The idle tasks start as copies of the boot task (init_task.h: INIT_TASK).
  idle_.cap_effective = CAP_INIT_EFF_SET;
  idle_.cap_inheritable = CAP_INIT_INH_SET;
  idle_.cap_permitted = CAP_FULL_SET;
  idle_.nsproxy = kernel->uts_.init_nsproxy();
  idle_.signal = init_signals();
  idle_.sighand = init_sighand();
  // The kernel's parts, for the subsystems' kernel-face code.
  tasklist_lock = &kernel->tasklist_lock_;
  pids = &kernel->pids_;
  kernel->pids_.numbers().AddIndexCopy(&pid_index);
  ubs = &kernel->ubs_;
  ves = &kernel->ves_;
  uts = &kernel->uts_;
  host_log = [](Kernel* k, const char* text) { k->Printk(text); };
  report_bug = [](Kernel* k, const char* file, int line) {
    k->ReportBug(file, line);
  };
  idle_.on_cpu = 1;
  area_.thread_info = idle_.thread_info;
  __atomic_store_n(&area_.pcurrent, &idle_, __ATOMIC_RELEASE);
}

CpuBinding::CpuBinding(Cpu* cpu) : cpu_(cpu), prev_(t_cpu) {
  t_cpu = cpu;
  vzsim_this_cpu_area = &cpu->area_;
}

CpuBinding::CpuBinding(CpuBinding&& other) noexcept
    : cpu_(other.cpu_), prev_(other.prev_) {
  other.cpu_ = nullptr;
}

CpuBinding::~CpuBinding() {
  if (cpu_ == nullptr) return;  // moved from
  (void)SwitchTo(nullptr);      // to idle: can't fail
  cpu_->bound_.store(false, std::memory_order_release);
  t_cpu = prev_;
  vzsim_this_cpu_area = prev_ == nullptr ? nullptr : &prev_->area_;
}

absl::Status CpuBinding::SwitchTo(task_struct* task) {
  Kernel* k = cpu_->kernel();
  absl::MutexLock lock(&k->tasklist_lock());
  if (task == nullptr) task = cpu_->idle();
  task_struct* prev = cpu_->curr();
  if (task == prev) return absl::OkStatus();
  if (task->exit_state == EXIT_DEAD || task->state == TASK_DEAD) {
    return ErrnoError(-ESRCH, "SwitchTo: the task has been reaped");
  }
  if (RecordOf(task)->on_cpu && task != cpu_->idle()) {
    return ErrnoError(-EBUSY, "SwitchTo: the task runs on another CPU");
  }
  RecordOf(task)->on_cpu = 1;
  cpu_->area_.thread_info = task->thread_info;
  __atomic_store_n(&cpu_->area_.pcurrent, task, __ATOMIC_RELEASE);
  if (prev != cpu_->idle()) k->PutOffCpuLocked(prev);
  return absl::OkStatus();
}

absl::StatusOr<CpuBinding> Kernel::BindCpu(int cpu, task_struct* task) {
  if (cpu < 0 || cpu >= nr_cpus()) {
    return ErrnoError(-EINVAL, "BindCpu: no such CPU");
  }
  Cpu* c = cpus_[cpu].get();
  if (c->bound_.exchange(true, std::memory_order_acq_rel)) {
    return ErrnoError(-EBUSY, "BindCpu: another thread drives this CPU");
  }
  CpuBinding binding(c);
  if (task != nullptr) {
    absl::Status s = binding.SwitchTo(task);
    if (!s.ok()) return s;  // the binding's destructor unbinds the CPU
  }
  return binding;
}

}  // namespace vzsim
