// Kernel: one simulated OpenVZ kernel, and the C++ face of its core.
//
// A Kernel owns all of its state: tasks, VEs, pid namespaces, utsnames and
// simulated CPUs. There are no global singletons, so every test builds its own
// Kernel and tests can run in parallel.
//
//   vzsim::Kernel k;                                   // boots ve0 + init
//   auto cpu = k.BindCpu(0, k.init_task());            // this thread is CPU 0
//   task_struct* vzctl = *k.Fork(k.init_task(), "vzctl");
//   ve_struct* ve = *k.CreateVe(vzctl, 101);           // vzctl is now VE init
//   task_struct* sh = *k.Fork(vzctl, "sh");            // virtual pid 2 in VE
//   101
//
// Kernel-style free functions (get_exec_env(), find_task_by_pid_ve(), the
// iteration macros) find their Kernel through the simulated CPU the calling
// host thread is bound to (kernel/cpu.h).
//
// Errors: every method that can fail returns absl::Status / StatusOr whose
// errno (vzsim::ErrnoOf) is the one the kernel returns, as SPEC.md lists.
//
// Thread safety and lock order, written here only (docs/architecture.md
// points here). Each Kernel has:
//   1. tasklist_lock_  (a reader/writer lock, the kernel's tasklist_lock):
//      guards the task graph, the pid maps, the VE table and every
//      ve_struct field marked so;
//   2. sig_lock_       (siglock): every task's signal queue and handler mask,
//                      and the list of fatal signals awaiting delivery;
//   2b. uts_lock_      (uts_sem): guards system_utsname and every ve_utsname;
//   3. mm->mmap_sem    (per address space): its VMAs;
//   4. ub_lock_        (ub_hash_lock): the beancounter table;
//   5. log_lock_       (logbuf_lock): the host log and every VE's log.
// irq_lock_, timer_lock_ and symbol_lock_ are leaves: nothing is taken
// while one of them is held.
// Take them in that order. Charges themselves take no lock (ubc/). Methods
// named ...Locked need tasklist_lock_ held (for reading unless they change the
// task graph); the others take what they need themselves. Task pointers
// returned by lookups stay valid while the lock is held, or, without it, until
// the task is reaped.
#ifndef VZSIM_KERNEL_KERNEL_H_
#define VZSIM_KERNEL_KERNEL_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "include/linux/sched.h"
#include "include/linux/utsname.h"
#include "include/linux/ve.h"
#include "include/ub/beancounter.h"
#include "kernel/cpu.h"
#include "kernel/log_ring.h"
#include "kernel/mm_record.h"
#include "kernel/signal.h"
#include "kernel/task_cache.h"
#include "kernel/task_record.h"
#include "pid/pid_map.h"
#include "ubc/beancounter.h"
#include "uts/utsname.h"
#include "ve/ve_record.h"

struct timer_list;  // kernel/irq.h

// ve_printk() destinations (SPEC.md section 7).
constexpr int VE0_LOG = 1;
constexpr int VE_LOG = 2;
constexpr int VE_LOG_BOTH = 3;

// An internal clone flag: the new task is a kernel thread (PF_KTHREAD, no
// mm). Used by do_kernel_thread (kernel/kthread.h).
constexpr unsigned long CLONE_VZ_KTHREAD = 0x80000000UL;

// clone() flags: the simulation understands CLONE_THREAD, from <sched.h>.
#include <sched.h>

namespace vzsim {

struct KernelOptions {
  int nr_cpus = 2;                       // simulated CPUs (1..256)
  int pid_max = PidMap::kDefaultPidMax;  // global pid_max
  new_utsname utsname = DefaultHostUtsname();
};

struct VeCreateOptions {
  int pid_max = PidMap::kDefaultPidMax;  // the VE's own pid_max
  // The VE's "virtual os release" (uname -r inside it); empty keeps the
  // host's release. At most 64 bytes.
  std::string release;
  int class_id = 0;
};

// A contiguous run of task pointers (the leader arrays), for iteration.
struct TaskSpan {
  task_struct* const* cur;
  task_struct* const* end;
};

// kmemsize charged per task at fork (task_struct + kernel stack, as on a
// 64-bit 2.6.18 kernel).
constexpr uint64_t TASK_KMEM_SIZE = 10240;

// What a reaped child left behind (wait4).
struct WaitResult {
  pid_t pid = 0;   // global pid of the reaped child; 0 if none had exited yet
  pid_t vpid = 0;  // its pid in its own VE (== pid for a host task)
  int exit_code = 0;
};

class Kernel : public UbHost {
 public:
  explicit Kernel(KernelOptions options = {});
  ~Kernel() override;
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  // ---- Simulated CPUs (kernel/cpu.h) ------------------------------------
  int nr_cpus() const { return static_cast<int>(cpus_.size()); }
  // Makes the calling host thread act as CPU `cpu`, running `task` (the
  // CPU's idle task when null). The binding ends when the result is
  // destroyed, which must happen on the same thread. Errors: EINVAL for a bad
  // CPU number, EBUSY if another thread drives that CPU or `task` is already
  // running on another CPU, ESRCH if `task` is dead.
  absl::StatusOr<CpuBinding> BindCpu(int cpu, task_struct* task = nullptr);
  Cpu& cpu(int index) { return *cpus_[index]; }

  // ---- Tasks (kernel/fork.cc, kernel/exit.cc) ---------------------------
  // The host's pid 1, the boot task. Never exits.
  task_struct* init_task() const { return init_task_; }

  // copy_process(): a new task, child of `parent` (or, with CLONE_THREAD, a
  // new thread in `parent`'s group). It copies both VE pointers and takes the
  // next global pid and, in a VE, the next virtual pid. Errors: ESRCH if
  // `parent` is null or exiting, ENOMEM if its VE is stopped, EAGAIN when a
  // pid space is full.
  absl::StatusOr<task_struct*> Fork(task_struct* parent,
                                    absl::string_view comm = {},
                                    unsigned long clone_flags = 0);
  // do_exit() of one thread. A thread is reaped at once; a leader becomes a
  // zombie for its parent to reap (init tasks reap their zombie children
  // themselves). The exit of a VE's init stops the VE and kills the rest of
  // it. Errors: ESRCH if the task is already exiting; EPERM for host init.
  absl::Status Exit(task_struct* task, int exit_code);
  // do_group_exit(): every thread of `task`'s group exits.
  absl::Status ExitGroup(task_struct* task, int exit_code);
  // wait4(pid, WNOHANG): reaps a zombie child of `parent`'s thread group.
  // `pid` is a global pid, or -1 for any child. Returns pid 0 when matching
  // children exist but none has exited; ECHILD when there is no such child.
  absl::StatusOr<WaitResult> Wait(task_struct* parent, pid_t pid);
  // setsid(): `task` leads a new session and process group. EPERM if it
  // already leads a process group.
  absl::Status SetSid(task_struct* task);
  // Takes capability `cap` (linux/capability.h) out of all three sets of
  // `task` (one thread, as capset(2) would): for tests of the checks that
  // read them. EINVAL outside 0..31, ESRCH for null or a task not alive.
  absl::Status DropCapability(task_struct* task, int cap);
  // Sets a task's comm (truncated to 15 bytes, like set_task_comm);
  // -ESRCH for null or a reaped task.
  absl::Status SetComm(task_struct* task, absl::string_view comm);

  // ---- VEs (kernel/ve_lifecycle.cc) ------------------------------------
  ve_struct* ve0() const { return ve0_; }
  // Creates VE `veid` and moves `caller` into it as its init (virtual pid 1,
  // leader of its own session and process group). Errors: EPERM if `caller`
  // is not in ve0, EEXIST if the veid is taken (0 included), EBUSY if the
  // caller is multi-threaded, EINVAL for bad options, EAGAIN if no pid.
  absl::StatusOr<ve_struct*> CreateVe(task_struct* caller, envid_t veid,
                                      const VeCreateOptions& options = {});
  // Moves `caller` into running VE `veid` (vzctl enter). Errors: EPERM if the
  // caller is not in ve0, ESRCH for an unknown veid, EBUSY if the VE is
  // stopped or the caller multi-threaded, EAGAIN if the VE has no free pid.
  absl::Status EnterVe(task_struct* caller, envid_t veid);
  // Frees a stopped VE whose last task has been reaped. Errors: ESRCH for an
  // unknown veid, EPERM for ve0, EBUSY while it runs or has tasks.
  absl::Status DestroyVe(envid_t veid);
  // The VE, or nullptr. Valid until destroyed.
  ve_struct* FindVe(envid_t veid) const ABSL_LOCKS_EXCLUDED(tasklist_lock_);
  ve_struct* FindVeLocked(envid_t veid) const
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_);
  // All VEs, newest first, ve0 last (the order of /proc/vz/veinfo).
  std::vector<ve_struct*> VeListLocked() const
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_);

  // ---- PIDs (SPEC.md section 3) ----------------------------------------
  absl::Mutex& tasklist_lock() ABSL_LOCK_RETURNED(tasklist_lock_) {
    return tasklist_lock_;
  }
  // find_task_by_pid_all(): `nr` is a global pid; any task, zombies included.
  task_struct* FindTaskByPidAllLocked(pid_t nr) const
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_) {
    return pidmap_.Lookup(nr);
  }
  // find_task_by_pid_ve() seen from `env`: from ve0 a global pid, from a VE
  // a virtual pid of that VE; tasks owned elsewhere are never found.
  task_struct* FindTaskByPidVeLocked(pid_t nr, const ve_struct* env) const
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_) {
    if (env == nullptr) return nullptr;
    // A VE's own table holds only its own tasks, so nothing outside the VE
    // can be reached by guessing numbers.
    return env == ve0_ ? pidmap_.Lookup(nr) : RecordOf(env)->pidmap.Lookup(nr);
  }
  // The parent pid of `t` as `env` sees it (get_task_ppid_ve, pid/pid.h).
  pid_t TaskPpidLocked(const task_struct* t, const ve_struct* env) const
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_);
  // Convenience for single-threaded drivers: takes the lock for the lookup.
  task_struct* FindTaskByPid(pid_t nr) const
      ABSL_LOCKS_EXCLUDED(tasklist_lock_);
  // The thread-group leaders of the whole system / of one VE, for the
  // iteration macros. `LeadersVeLocked(ve0())` is every leader.
  TaskSpan LeadersAllLocked() const ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_) {
    return {all_leaders_.data(), all_leaders_.data() + all_leaders_.size()};
  }
  TaskSpan LeadersVeLocked(const ve_struct* env) const
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_) {
    if (env == nullptr) return {nullptr, nullptr};
    if (env == ve0_) return LeadersAllLocked();
    const std::vector<task_struct*>& leaders = RecordOf(env)->leaders;
    return {leaders.data(), leaders.data() + leaders.size()};
  }
  // Calls fn(t) for every task of the system, threads included, in
  // iteration order: the C++ face of a do_each_thread_all walk. `fn` must not
  // change the task lists.
  template <typename Fn>
  void ForEachTaskLocked(Fn fn) const
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_) {
    for (task_struct* leader : all_leaders_) {
      task_struct* t = leader;
      do {
        fn(t);
        t = next_thread(t);
      } while (t != leader);
    }
  }
  // Global pid_max (PidMap::kPidMaxMin .. kPidMaxLimit, else EINVAL).
  absl::Status SetPidMax(int pid_max) ABSL_LOCKS_EXCLUDED(tasklist_lock_);
  // The pid map of `env`'s namespace (the global one for ve0; an empty
  // one for a null VE).
  const PidMap& PidMapOfLocked(const ve_struct* env) const
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_);
  size_t nr_tasks() const ABSL_LOCKS_EXCLUDED(tasklist_lock_);
  // What the task bookkeeping occupies: the task slab, the pid tables of
  // every namespace, the leader arrays (for the memory-per-task benchmark).
  struct MemoryStats {
    size_t tasks = 0;
    size_t task_bytes = 0;
    size_t pid_table_bytes = 0;
    size_t leader_array_bytes = 0;
    size_t total() const {
      return task_bytes + pid_table_bytes + leader_array_bytes;
    }
  };
  MemoryStats Memory() const ABSL_LOCKS_EXCLUDED(tasklist_lock_);

  // ---- utsname (SPEC.md section 4) --------------------------------------
  absl::Mutex& uts_lock() ABSL_LOCK_RETURNED(uts_lock_) { return uts_lock_; }
  // The copy `env` sees: system_utsname for ve0, the VE's own otherwise.
  new_utsname* UtsnameOf(ve_struct* env) {
    return env == ve0_ ? &system_utsname_ : &RecordOf(env)->utsname;
  }
  // A consistent copy of `env`'s utsname; EINVAL for a null env.
  absl::StatusOr<new_utsname> Uname(ve_struct* env)
      ABSL_LOCKS_EXCLUDED(uts_lock_);
  // sethostname / setdomainname on `env`'s copy only; EINVAL past 64 bytes
  // or for a null env.
  absl::Status SetHostname(ve_struct* env, absl::string_view name)
      ABSL_LOCKS_EXCLUDED(uts_lock_);
  absl::Status SetDomainname(ve_struct* env, absl::string_view name)
      ABSL_LOCKS_EXCLUDED(uts_lock_);

  // ---- Beancounters (kernel/kernel_ub.cc, SPEC.md section 5) -------------
  // ub0: the host's beancounter, id 0.
  user_beancounter* ub0() const { return ub0_; }
  // get_beancounter_byuid(id, 0): the top-level beancounter `id`, or null.
  user_beancounter* FindBeancounter(uint32_t id) const
      ABSL_LOCKS_EXCLUDED(ub_lock_);
  // get_beancounter_byuid(id, 1): finds or creates it (barrier and limit at
  // UB_MAXVALUE, everything else 0). Beancounters live as long as the Kernel.
  user_beancounter* GetBeancounter(uint32_t id) ABSL_LOCKS_EXCLUDED(ub_lock_);
  // A sub-beancounter of `parent` (charges walk up to the top). Not listed in
  // /proc/user_beancounters. EINVAL for a null parent or a hierarchy deeper
  // than 8 levels.
  absl::StatusOr<user_beancounter*> CreateSubBeancounter(
      user_beancounter* parent, uint32_t id) ABSL_LOCKS_EXCLUDED(ub_lock_);
  // Top-level beancounters, newest first, ub0 last.
  std::vector<user_beancounter*> BeancountersNewestFirst() const
      ABSL_LOCKS_EXCLUDED(ub_lock_);
  // sys_setluid(): beancounter `id` (made if needed) becomes `caller`'s exec
  // beancounter. EPERM unless the caller runs in ve0, ESRCH for a dead one.
  absl::Status SetLuid(task_struct* caller, uint32_t id);
  // sys_setublimit(): EPERM unless `caller` runs in ve0, ENOENT for an
  // unknown id, EINVAL for a bad resource, a value above UB_MAXVALUE, or
  // barrier > limit.
  absl::Status SetUbLimit(task_struct* caller, uint32_t id, int res,
                          uint64_t barrier, uint64_t limit);

  // ---- Kernel log (kernel/kernel_log.cc, SPEC.md section 7) --------------
  // printk(): always to the host log.
  void Printk(absl::string_view text) ABSL_LOCKS_EXCLUDED(log_lock_);
  // ve_printk() as code running for `env` calls it: from ve0 once to the
  // host log; from a VE to its own 4 KiB log (VE_LOG), the host's (VE0_LOG)
  // or both (VE_LOG_BOTH). EINVAL for another `dst` or a null env.
  absl::Status VePrintk(ve_struct* env, int dst, absl::string_view text)
      ABSL_LOCKS_EXCLUDED(log_lock_);
  // printk_ratelimit(): true for at most 10 messages per 5 s of simulated
  // time.
  bool PrintkRatelimit() ABSL_LOCKS_EXCLUDED(log_lock_);
  std::string HostLog() const ABSL_LOCKS_EXCLUDED(log_lock_);
  // The VE's own log ("" until its first message).
  std::string VeLog(const ve_struct* ve) const ABSL_LOCKS_EXCLUDED(log_lock_);
  // Bytes ever written to the VE's log (its ring keeps only the last 4 KiB).
  uint64_t VeLogBytesWritten(const ve_struct* ve) const
      ABSL_LOCKS_EXCLUDED(log_lock_);
  // UbHost: where beancounter warnings go, and their clock.
  void HostPrintk(absl::string_view text) override { Printk(text); }
  int64_t NowNs() const override { return now_ns(); }

  // ---- Address spaces (kernel/kernel_mm.cc) -------------------------------
  // The task's mm is created on first use, charged to its exec beancounter.
  // Errors: ESRCH for a null or dead task, ENOMEM when a charge is refused
  // (the mm is then unchanged), EINVAL / EBADF for bad arguments as mmap(2).
  absl::StatusOr<unsigned long> Mmap(task_struct* task, unsigned long addr,
                                     unsigned long len, int prot, int flags,
                                     struct file* file = nullptr);
  absl::Status Munmap(task_struct* task, unsigned long addr, unsigned long len);
  absl::Status Mlock(task_struct* task, unsigned long addr, unsigned long len);
  absl::Status Munlock(task_struct* task, unsigned long addr,
                       unsigned long len);
  // brk(): the new break; ENOMEM if it cannot move (a refused charge).
  absl::StatusOr<unsigned long> Brk(task_struct* task, unsigned long new_brk);
  // A page fault at `addr` below the stack: grows it (UB_SOFT).
  absl::Status ExpandStack(task_struct* task, unsigned long addr);
  // Gives the task an mm if it has none (exec). ENOMEM if refused.
  absl::StatusOr<mm_struct*> GetMm(task_struct* task);

  // ---- Signals (kernel/signal.cc, SPEC.md section 10) ---------------------
  // kill(pid, sig) sent by `sender`, `pid` as the sender sees it (see
  // sys_kill in kernel/signal.h). Fatal signals are delivered before it
  // returns. Errors: ESRCH (no one reached, or a dead sender), EINVAL (bad
  // signal).
  absl::Status Kill(task_struct* sender, pid_t pid, int sig)
      ABSL_LOCKS_EXCLUDED(tasklist_lock_);
  // Queues `info` on `p` (send_sig_info). 0, or -EINVAL / -ESRCH.
  int SendSignalLocked(task_struct* p, int sig, const siginfo& info)
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_) ABSL_LOCKS_EXCLUDED(sig_lock_);
  // Makes the groups hit by a fatal signal exit (what they would do the next
  // time they ran). Kill() calls it; so must other senders, once they are
  // out of the task-list lock.
  void DeliverFatalSignals() ABSL_LOCKS_EXCLUDED(tasklist_lock_);
  // rt_sigaction: whether `task`'s group handles `sig`. EINVAL / ESRCH.
  absl::Status SetSignalHandler(task_struct* task, int sig, bool has_handler);
  // The oldest pending signal of `task` (0 in si_signo when none).
  siginfo DequeueSignal(task_struct* task) ABSL_LOCKS_EXCLUDED(sig_lock_);
  int PendingSignalCount(const task_struct* task) const
      ABSL_LOCKS_EXCLUDED(sig_lock_);

  // ---- Interrupt lines and timers (kernel/irq.cc) -------------------------
  struct IrqAction {
    int (*handler)(int irq, void* dev_id);
    std::string name;
    void* dev_id;
  };
  absl::Status RequestIrq(int irq, IrqAction action)
      ABSL_LOCKS_EXCLUDED(irq_lock_);
  void FreeIrq(int irq, void* dev_id) ABSL_LOCKS_EXCLUDED(irq_lock_);
  // The handlers of `irq` (a copy, so they run without the lock).
  std::vector<IrqAction> IrqActions(int irq) const
      ABSL_LOCKS_EXCLUDED(irq_lock_);
  absl::Mutex& timer_lock() ABSL_LOCK_RETURNED(timer_lock_) {
    return timer_lock_;
  }
  std::vector<::timer_list*>& timers()
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(timer_lock_) {
    return timers_;
  }

  // ---- kernel_thread (kernel/kthread.cc, SPEC.md section 9) ---------------
  // The ve_allow_kthreads sysctl (default 0: banned inside a VE).
  bool VeAllowKthreads() const {
    return ve_allow_kthreads_.load(std::memory_order_relaxed);
  }
  void SetVeAllowKthreads(bool allow) { ve_allow_kthreads_.store(allow); }

  // ---- Exported symbols (kernel/symbols.cc, SPEC.md section 12) -----------
  void ExportSymbol(absl::string_view name) ABSL_LOCKS_EXCLUDED(symbol_lock_);
  bool HasSymbol(absl::string_view name) const
      ABSL_LOCKS_EXCLUDED(symbol_lock_);
  // Loads module `module`, which needs `symbols`: ENOENT naming the first
  // missing one ("vzmon: Unknown symbol show_mem"), also logged to the host.
  absl::Status LoadModule(absl::string_view module,
                          const std::vector<std::string>& symbols)
      ABSL_LOCKS_EXCLUDED(symbol_lock_);

  // ---- Interrupts inside operations (for tests) --------------------------
  // An interrupt can arrive in the middle of a system call. A test installs
  // `hook`, which the kernel calls on the calling thread's CPU at its
  // interrupt points: in Fork after the pids are taken and before the
  // charges (which go to the parent's exec ub), and in Kill before the
  // sender's view (its exec env) is read. The hook typically runs
  // irq_enter(), a handler and irq_exit(); if irq_exit() failed to restore
  // the exec context, the rest of the operation would act for the host.
  // Set it before other threads use the kernel; null (the default) is none.
  using InterruptHook = void (*)(void* arg);
  void SetInterruptHook(InterruptHook hook, void* arg) {
    interrupt_hook_ = hook;
    interrupt_arg_ = arg;
  }

  // ---- Simulated clock ---------------------------------------------------
  int64_t now_ns() const { return clock_ns_.load(std::memory_order_relaxed); }
  // Moves the clock forward by `ns`; never back (ns <= 0 does nothing).
  void AdvanceClock(int64_t ns) {
    if (ns > 0) clock_ns_.fetch_add(ns, std::memory_order_relaxed);
  }

  // ---- Internals shared by the facet files (fork.cc, exit.cc, ...) --------
  // They return 0 or a negative errno, like the kernel functions they model.
  int ForkLocked(task_struct* parent, absl::string_view comm,
                 unsigned long clone_flags, task_struct** out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  int ExitLocked(task_struct* task, int exit_code)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  int ExitGroupLocked(task_struct* task, int exit_code)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  int WaitLocked(task_struct* parent, pid_t pid, WaitResult* out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  int CreateVeLocked(task_struct* caller, envid_t veid,
                     const VeCreateOptions& options, ve_struct** out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  int EnterVeLocked(task_struct* caller, envid_t veid)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  int DestroyVeLocked(envid_t veid)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  // Called by a CPU that stops running `task`: frees it if it was reaped
  // while on the CPU.
  void PutOffCpuLocked(task_struct* task)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  // Moves the charges of `p` (and of its mm) to `ub`: entering a VE.
  void MoveChargesLocked(task_struct* p, user_beancounter* ub)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);

 private:
  friend class Cpu;

  PidMap& PidMapOf(const ve_struct* env)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  // attach / detach of the leader arrays (O(1), swap-remove).
  void LinkLeaderLocked(task_struct* p)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  void UnlinkLeaderLocked(task_struct* p)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  // References on the numbers a task names (pid, pgrp, session), in both
  // namespaces, so they are not reused while it lives.
  void HoldIdsLocked(task_struct* p)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  void DropIdsLocked(task_struct* p)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  // Moves a live, single-threaded ve0 task into `ve` with a fresh virtual pid.
  int MoveToVeLocked(task_struct* p, ve_struct* ve, int vpid)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  // exit.cc helpers.
  void StopVeLocked(ve_struct* ve, task_struct* dying_init)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  void ForgetOriginalParentLocked(task_struct* dying)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  task_struct* ReaperForLocked(task_struct* dying, task_struct* orphan)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  void ExitNotifyLocked(task_struct* leader)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  void ReleaseTaskLocked(task_struct* p)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  bool IsInitLocked(const task_struct* p) const
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_);
  // signal.cc helpers.
  int KillLocked(task_struct* sender, pid_t pid, int sig)
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_);
  bool InitDropsLocked(const task_struct* sender, const task_struct* target,
                       int sig) const
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_);
  void FreeSignalsLocked(task_struct* p)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  void NotifyParentLocked(task_struct* leader)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);

  mutable absl::Mutex tasklist_lock_;
  mutable absl::Mutex sig_lock_ ABSL_ACQUIRED_AFTER(tasklist_lock_);
  mutable absl::Mutex uts_lock_ ABSL_ACQUIRED_AFTER(tasklist_lock_);
  mutable absl::Mutex ub_lock_ ABSL_ACQUIRED_AFTER(uts_lock_);
  mutable absl::Mutex log_lock_ ABSL_ACQUIRED_AFTER(ub_lock_);
  mutable absl::Mutex irq_lock_;
  mutable absl::Mutex timer_lock_;
  mutable absl::Mutex symbol_lock_;

  TaskCache task_cache_ ABSL_GUARDED_BY(tasklist_lock_);
  PidMap pidmap_ ABSL_GUARDED_BY(tasklist_lock_);  // global pids
  std::vector<task_struct*> all_leaders_ ABSL_GUARDED_BY(tasklist_lock_);
  absl::flat_hash_map<envid_t, std::unique_ptr<VeRecord>> ves_
      ABSL_GUARDED_BY(tasklist_lock_);
  uint64_t ve_seq_ ABSL_GUARDED_BY(tasklist_lock_) = 0;
  size_t nr_tasks_ ABSL_GUARDED_BY(tasklist_lock_) = 0;

  new_utsname system_utsname_ ABSL_GUARDED_BY(uts_lock_);

  absl::flat_hash_map<uint32_t, std::unique_ptr<UbRecord>> ubs_
      ABSL_GUARDED_BY(ub_lock_);
  std::vector<std::unique_ptr<UbRecord>> sub_ubs_ ABSL_GUARDED_BY(ub_lock_);
  uint64_t ub_seq_ ABSL_GUARDED_BY(ub_lock_) = 0;
  user_beancounter* ub0_ = nullptr;  // immutable after boot

  std::vector<pid_t> fatal_pending_ ABSL_GUARDED_BY(sig_lock_);
  std::vector<std::vector<IrqAction>> irq_actions_ ABSL_GUARDED_BY(irq_lock_);
  std::vector<::timer_list*> timers_ ABSL_GUARDED_BY(timer_lock_);
  absl::flat_hash_set<std::string> symbols_ ABSL_GUARDED_BY(symbol_lock_);
  std::atomic<bool> ve_allow_kthreads_{false};
  InterruptHook interrupt_hook_ = nullptr;
  void* interrupt_arg_ = nullptr;
  void InterruptPoint() const {
    if (interrupt_hook_ != nullptr) interrupt_hook_(interrupt_arg_);
  }

  LogRing host_log_ ABSL_GUARDED_BY(log_lock_){LogRing::kHostSize};
  int64_t ratelimit_window_start_ ABSL_GUARDED_BY(log_lock_) = -1;
  int ratelimit_in_window_ ABSL_GUARDED_BY(log_lock_) = 0;
  int ratelimit_missed_ ABSL_GUARDED_BY(log_lock_) = 0;

  VeRecord* ve0_ = nullptr;                 // immutable after boot
  task_struct* init_task_ = nullptr;        // immutable after boot
  std::vector<std::unique_ptr<Cpu>> cpus_;  // immutable after boot
  std::atomic<int64_t> clock_ns_{0};
};

}  // namespace vzsim

#endif  // VZSIM_KERNEL_KERNEL_H_
