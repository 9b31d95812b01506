// Simulated CPUs and `current`.
//
// A host thread acts as one simulated CPU of one Kernel for as long as it
// holds a CpuBinding; the task that CPU runs is `current` for every
// kernel-face call the thread makes (get_exec_env(), find_task_by_pid_ve(),
// ...). Several host threads may drive one Kernel at once, each as its own
// CPU. Each CPU has an idle task (pid 0, in ve0, like the kernel's swapper),
// which is current when nothing else runs.
//
//   auto cpu = kernel.BindCpu(0, task);   // StatusOr<CpuBinding>
//   get_current();                         // == task
//   cpu->SwitchTo(other);                  // schedule(): now `other` runs
//
// Thread safety: a CpuBinding belongs to the thread that made it; it must be
// used and destroyed there. Cpu::curr() may be read from any thread.
#ifndef VZSIM_KERNEL_CPU_H_
#define VZSIM_KERNEL_CPU_H_

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "kernel/task_record.h"

namespace vzsim {

class Kernel;
class PidTable;  // pid/pid_table.h

// The flat layout's pid table as the inline lookups of pid/pid.h read it:
// the task pointers indexed by global pid, and their number. Each CPU keeps
// a copy (Cpu::pid_index, which pid/pid_map.h updates when the table
// grows), so that a lookup reaches the table and `current` from the one
// TLS load of this_cpu(). In the kernel layout every entry is null.
struct PidIndex {
  task_struct* const* tasks = nullptr;
  size_t size = 0;
};
class UbTable;   // ubc/ub_table.h
class UtsTable;  // uts/uts_table.h
class VeTable;   // ve/ve_table.h

class Cpu {
 public:
  Cpu(Kernel* kernel, int id);
  Cpu(const Cpu&) = delete;
  Cpu& operator=(const Cpu&) = delete;

  Kernel* kernel() const { return kernel_; }

  // The kernel's parts, as the kernel-face code of each subsystem finds
  // them from the calling CPU (the kernel's are globals): its task-list
  // lock and the subsystems' tables. Set when the Kernel is built.
  absl::Mutex* tasklist_lock = nullptr;
  PidTable* pids = nullptr;
  UbTable* ubs = nullptr;
  VeTable* ves = nullptr;
  UtsTable* uts = nullptr;
  // The pid table's PidIndex, a copy kept current by the table (under the
  // task-list lock, which every lookup holds).
  PidIndex pid_index;
  // How kernel-face code reports to its Kernel: a line for the host log,
  // and a kernel BUG (recorded, logged, never a crash).
  void (*host_log)(Kernel*, const char* text) = nullptr;
  void (*report_bug)(Kernel*, const char* file, int line) = nullptr;
  int id() const { return id_; }
  task_struct* curr() const {
    return __atomic_load_n(&area_.pcurrent, __ATOMIC_ACQUIRE);
  }
  TaskRecord* idle() { return &idle_; }

  // The part of the CPU that kernel-face code reads inline
  // (include/asm/current.h): current, ve0, ub0, the pending softirqs.
  vzsim_cpu_area& area() { return area_; }

 private:
  friend class Kernel;
  friend class CpuBinding;

  Kernel* const kernel_;
  const int id_;
  vzsim_cpu_area area_{};
  std::atomic<bool> bound_{false};
  TaskRecord idle_;
};

class CpuBinding {
 public:
  CpuBinding(CpuBinding&& other) noexcept;
  CpuBinding& operator=(CpuBinding&&) = delete;
  CpuBinding(const CpuBinding&) = delete;
  ~CpuBinding();

  Cpu& cpu() const { return *cpu_; }
  // The task this CPU runs now.
  task_struct* curr() const { return cpu_->curr(); }
  // schedule(): this CPU stops running `current` and runs `task` (the idle
  // task when null). Errors: ESRCH if `task` is dead, EBUSY if another CPU
  // runs it.
  absl::Status SwitchTo(task_struct* task);

 private:
  friend class Kernel;
  explicit CpuBinding(Cpu* cpu);
  Cpu* cpu_;
  Cpu* prev_;  // the thread's binding before this one (bindings nest)
};

namespace internal {
// The CPU the calling thread drives. Plain C-style TLS (no dynamic
// initialisation, so no TLS wrapper call): every kernel-face call reads it,
// and it must cost one load.
// initial-exec: one %fs-relative load, never a __tls_get_addr call, also
// from the position-independent code Bazel builds.
extern __thread Cpu* t_cpu __attribute__((tls_model("initial-exec")));
}  // namespace internal

// The CPU the calling thread drives, or nullptr when it drives none.
inline Cpu* this_cpu() { return internal::t_cpu; }
// this_cpu()'s Kernel, or nullptr.
inline Kernel* this_kernel() {
  Cpu* cpu = internal::t_cpu;
  return cpu == nullptr ? nullptr : cpu->kernel();
}

// BUG() at the kernel's `file`:`line`, from code running on this thread's
// CPU: the Kernel records it and logs "kernel BUG at file:line!"; nothing
// happens on a thread that drives no CPU.
inline void ReportBug(const char* file, int line) {
  Cpu* cpu = internal::t_cpu;
  if (cpu != nullptr && cpu->report_bug != nullptr) {
    cpu->report_bug(cpu->kernel(), file, line);
  }
}
// A line for the host log (printk()'s destination).
inline void HostLog(const char* text) {
  Cpu* cpu = internal::t_cpu;
  if (cpu != nullptr && cpu->host_log != nullptr) {
    cpu->host_log(cpu->kernel(), text);
  }
}

}  // namespace vzsim

// `current` as the kernel spells it: the task this thread's CPU runs, or
// nullptr when the thread drives no CPU. C code gets the kernel's macro
// (include/asm/current.h: get_current()); C++ gets this object, because a
// macro named `current` would also rewrite the standard library's members of
// that name. Both are get_current(), inline: one TLS load and one load
// from the CPU's area (include/asm/current.h).
struct CurrentTask {
  task_struct* get() const { return get_current(); }
  task_struct* operator->() const { return get(); }
  operator task_struct*() const { return get(); }  // NOLINT: kernel idiom
};
inline constexpr CurrentTask current{};

#endif  // VZSIM_KERNEL_CPU_H_
