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
//   task_struct* sh = *k.Fork(vzctl, "sh");            // virtual pid
//                                                      // sh->pid + 1024
//
// The subsystems keep their own state and rules: the pids and task lists in
// pid/pid_table.h, the VE list in ve/ve_table.h, the uts namespaces in
// uts/uts_table.h, the beancounters in ubc/. The Kernel composes them and
// carries out the calls that touch several (fork, exit, the VE calls).
//
// Kernel-style free functions (get_exec_env(), find_task_by_pid_ve(), the
// iteration macros) find their Kernel through the simulated CPU the calling
// host thread is bound to (kernel/cpu.h).
//
// Errors: every method that can fail returns absl::Status / StatusOr whose
// errno (vzsim::ErrnoOf) is the one the kernel returns (docs/errors.md).
//
// Thread safety and lock order, written here only (docs/architecture.md
// points here). Each Kernel has:
//   1. tasklist_lock_  (a reader/writer lock, the kernel's tasklist_lock):
//      guards the task graph, the pid table, the VE table and every
//      ve_struct field marked so;
//   2. sig_lock_       (siglock): every task's signal queue, and the list of
//                      fatal signals awaiting delivery;
//   2b. uts_.lock()    (uts_sem): guards the names of every uts namespace;
//   3. mm->mmap_sem    (per address space): its VMAs;
//   4. the beancounter table's lock (ub_hash_lock, inside ubs_,
//      ubc/ub_table.h);
//   5. log_lock_       (logbuf_lock): the host log and every VE's log.
// irq_lock_, timer_lock_, symbol_lock_ and each thread group's
// sighand->siglock (its handlers, include/linux/sched.h) are leaves: nothing is
// taken while one of them is held. So is each beancounter's ub_lock (a spinlock
// in the beancounter, include/ub/beancounter.h), which charges take one
// level at a time; only the host log is written under it.
// Take them in that order. Methods
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
#include "include/linux/interrupt.h"
#include "include/linux/kernel.h"  // VE0_LOG, VE_LOG, VE_LOG_BOTH
#include "include/linux/list.h"
#include "include/linux/module.h"
#include "include/linux/sched.h"
#include "include/linux/timer.h"
#include "include/linux/utsname.h"
#include "include/linux/ve.h"
#include "include/linux/vzcalluser.h"
#include "include/ub/beancounter.h"
#include "kernel/cpu.h"
#include "kernel/log_ring.h"
#include "kernel/mm_record.h"
#include "kernel/signal.h"
#include "kernel/task_cache.h"
#include "kernel/task_record.h"
#include "pid/pid_table.h"
#include "ubc/beancounter.h"
#include "ubc/ub_table.h"
#include "uts/uts_table.h"
#include "ve/ve_record.h"
#include "ve/ve_table.h"

// clone() flags: the simulation understands CLONE_THREAD, from <sched.h>.
#include <sched.h>

namespace vzsim {

struct KernelOptions {
  int nr_cpus = 2;                       // simulated CPUs (1..256)
  int pid_max = PidMap::kDefaultPidMax;  // the kernel.pid_max sysctl
  // How tasks are indexed and allocated (pid/task_layout.h): vzsim's flat
  // tables, or the kernel's pid hashes, lists and slabs.
  TaskLayout layout = DefaultTaskLayout();
  // The machine's RAM in 4 KiB pages (num_physpages): 1 GiB by default. It
  // decides fork_init()'s max_threads and so the numproc and kmemsize
  // limits a new beancounter starts with (kernel/ub/beancounter.c:
  // init_beancounter_syslimits()). At least 1.
  unsigned long num_physpages = 262144;
  new_utsname utsname = DefaultHostUtsname();
  // The kernel.virt_pids sysctl: VEs created while it is on number their
  // tasks virtually (init 1, the others global pid + 1024).
  bool virt_pids = true;
  // The kernel.virt_osrelease sysctl: the release a new VE reports. The
  // real one's boot value lives in init/version.c, which the reference
  // tree lacks; the model starts it at the host's release.
  std::string virt_osrelease;
};

// What vzctl passes with a create (VZCTL_ENV_CREATE_DATA).
struct VeCreateOptions {
  uint32_t class_id = 0;  // the CPU class /proc/vz/veinfo shows
  bool lock = false;      // VE_LOCK: enter refused without VE_SKIPLOCK
};

// What a reaped child left behind (wait4).
struct WaitResult {
  pid_t pid = 0;   // global pid of the reaped child; 0 if none had exited yet
  pid_t vpid = 0;  // virt_pid() of it (== pid for a host task)
  int exit_code = 0;  // the status word: (code & 0xff) << 8, or the signal
};

// kernel/timer.c: run_timer_softirq(), the TIMER_SOFTIRQ action
// (kernel/timer.cc).
void RunTimerSoftirq(softirq_action* h);

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
  // new thread in `parent`'s group), copied from it: both VE pointers, the
  // capabilities, the namespaces, the process group and session. It takes
  // the next global pid and a virtual pid in `parent`'s exec env
  // (kernel/pid.c: alloc_vpid()). Errors: ESRCH if `parent` is null or
  // exiting, EAGAIN when no pid is free, ENOMEM when the beancounter
  // refuses.
  absl::StatusOr<task_struct*> Fork(task_struct* parent,
                                    absl::string_view comm = {},
                                    unsigned long clone_flags = 0);
  // The restore path (kernel/cpt: copy_process() with pid0): the child gets
  // virtual pid `vpid` in `parent`'s exec env, which becomes sparse unless
  // `vpid` is 1 or the natural global + 1024. EEXIST when that number is
  // mapped there already; EINVAL for vpid <= 0.
  absl::StatusOr<task_struct*> RestoreFork(task_struct* parent, pid_t vpid,
                                           absl::string_view comm = {});
  // do_exit(code) of one thread; `exit_code` is the status word wait4
  // reports ((code & 0xff) << 8 after exit(), the signal after a fatal
  // one). A thread is reaped at once; a leader becomes a zombie for its
  // parent to reap. The exit of a VE's init stops the VE
  // (kernel/exit.c: do_initproc_exit()). Errors: ESRCH if the task is
  // already exiting; EPERM for host init ("Attempted to kill init!").
  absl::Status Exit(task_struct* task, int exit_code);
  // do_group_exit(): every thread of `task`'s group exits.
  absl::Status ExitGroup(task_struct* task, int exit_code);
  // wait4(pid, WNOHANG) by `parent`, `pid` as its exec env numbers tasks:
  // > 0 a child (a virtual number compared with virt_pid(), any other with
  // the global pid), -1 any child, 0 its process group, < -1 group -pid.
  // Returns pid 0 when matching children exist but none has exited; ECHILD
  // when there is no such child.
  absl::StatusOr<WaitResult> Wait(task_struct* parent, pid_t pid);
  // setsid() (kernel/sys.c: sys_setsid()): `task`'s group leads a new
  // session and process group. EPERM if it leads a session already, or if
  // a process group named after it exists (it leads one).
  absl::Status SetSid(task_struct* task);
  // Gives `task`'s group a controlling terminal or takes it away (what
  // opening a tty would do): a VE's init may not have one. ESRCH for a
  // task not alive.
  absl::Status SetControllingTty(task_struct* task, bool has_tty);
  // Takes capability `cap` (linux/capability.h) out of all three sets of
  // `task` (one thread, as capset(2) would): for tests of the checks that
  // read them. EINVAL outside 0..31, ESRCH for null or a task not alive.
  absl::Status DropCapability(task_struct* task, int cap);
  // Sets a task's comm (truncated to 15 bytes, like set_task_comm);
  // -ESRCH for null or a reaped task.
  absl::Status SetComm(task_struct* task, absl::string_view comm);

  // ---- VEs (kernel/ve_lifecycle.cc; the list is ve/ve_table.h) -----------
  ve_struct* ve0() const { return ve0_; }
  // real_env_create() (kernel/ve/vecalls.c) as `caller` makes it: flags of
  // include/linux/vzcalluser.h. Flags 0: the caller's exec veid. Else, in
  // order: EPERM without CAP_SETVEID; EINVAL for VE_TEST with VE_CREATE or
  // VE_ENTER; for a listed veid 0 with VE_TEST, EACCES with VE_EXCLUSIVE,
  // VE_CREATE becomes VE_ENTER; for a missing one ESRCH with VE_TEST or
  // VE_ENTER. Then do_env_create() (returns the veid; EINVAL for a
  // threaded caller, one with a tty, one that cannot lead its own group and
  // session or is not alone in them, a veid above INT_MAX) or
  // do_env_enter() (returns the veid; EBUSY for a stopping or locked VE,
  // EINVAL for a threaded caller); EINVAL when neither was asked for.
  // `with_data` false is the plain VZCTL_ENV_CREATE, whose create oopses
  // on the missing data: a kernel BUG is recorded and EFAULT returned.
  absl::StatusOr<int> RealEnvCreate(task_struct* caller, envid_t veid,
                                    unsigned flags, uint32_t class_id = 0,
                                    bool with_data = true);
  // Shorthand: VE_CREATE | VE_EXCLUSIVE (| VE_LOCK), `caller` becomes the
  // new VE's init; returns the VE.
  absl::StatusOr<ve_struct*> CreateVe(task_struct* caller, envid_t veid,
                                      const VeCreateOptions& options = {});
  // Shorthand: VE_ENTER.
  absl::Status EnterVe(task_struct* caller, envid_t veid);
  // The listed VE `veid` (running, or stopping until its last task is
  // gone), or nullptr. The pointer stays valid for the Kernel's life.
  ve_struct* FindVe(envid_t veid) const ABSL_LOCKS_EXCLUDED(tasklist_lock_);
  ve_struct* FindVeLocked(envid_t veid) const
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_);
  // All listed VEs, newest first, ve0 last (the order of /proc/vz/veinfo).
  std::vector<ve_struct*> VeListLocked() const
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_);
  // The kernel.virt_pids sysctl, copied into each VE at its creation.
  void SetVirtPids(bool on) ABSL_LOCKS_EXCLUDED(tasklist_lock_);

  // ---- Pids (the table is pid/pid_table.h) ---------------------------------
  absl::Mutex& tasklist_lock() ABSL_LOCK_RETURNED(tasklist_lock_) {
    return tasklist_lock_;
  }
  // The task with global pid `nr`, zombies included (pid_task(find_pid())).
  // The C++ face's: no BUG for a virtual number, which simply finds nothing.
  task_struct* FindTaskByPidAllLocked(pid_t nr) const
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_) {
    return pids_.FindPid(nr);
  }
  // find_task_by_pid_ve() for code running for `env` (pid/pid_table.h).
  task_struct* FindTaskByPidVeLocked(pid_t nr, const ve_struct* env) const
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_) {
    return pids_.FindTaskByPidVe(nr, env);
  }
  // Convenience for single-threaded drivers: takes the lock for the lookup
  // of global pid `nr`.
  task_struct* FindTaskByPid(pid_t nr) const
      ABSL_LOCKS_EXCLUDED(tasklist_lock_);
  // The thread-group leaders of the whole system / of what `env` walks, for
  // the iteration macros. `LeadersVeLocked(ve0())` is every leader.
  TaskCursor LeadersAllLocked() const
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_) {
    return pids_.LeadersAll();
  }
  TaskCursor LeadersVeLocked(const ve_struct* env) const
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_) {
    return pids_.LeadersVe(env);
  }
  // Calls fn(t) for every task of the system, threads included, in
  // iteration order: the C++ face of a do_each_thread_all walk. `fn` must not
  // change the task lists.
  template <typename Fn>
  void ForEachTaskLocked(Fn fn) const
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_) {
    for (task_struct* leader : pids_.LeadersAll()) {
      task_struct* t = leader;
      do {
        fn(t);
        t = next_thread(t);
      } while (t != leader);
    }
  }
  // The kernel.pid_max sysctl (PidMap::kPidMaxMin .. kPidMaxLimit, else
  // EINVAL and unchanged).
  absl::Status SetPidMax(int pid_max) ABSL_LOCKS_EXCLUDED(tasklist_lock_);
  // The pid table itself (global numbers, vpid mappings, task lists).
  const PidTable& PidsLocked() const
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_) {
    return pids_;
  }
  size_t nr_tasks() const ABSL_LOCKS_EXCLUDED(tasklist_lock_);
  // What the task bookkeeping occupies: the task slab, each thread group's
  // signal_struct and sighand_struct, the pid table, the task lists (for
  // the memory-per-task benchmark).
  struct MemoryStats {
    size_t tasks = 0;
    size_t task_bytes = 0;
    size_t group_bytes = 0;
    size_t pid_table_bytes = 0;
    size_t leader_array_bytes = 0;
    size_t total() const {
      return task_bytes + group_bytes + pid_table_bytes + leader_array_bytes;
    }
  };
  MemoryStats Memory() const ABSL_LOCKS_EXCLUDED(tasklist_lock_);

  // ---- utsname (the namespaces are uts/uts_table.h) -----------------------
  // The names `env`'s tasks see (its uts namespace: the host's for ve0), a
  // consistent copy; EINVAL for a null env.
  absl::StatusOr<new_utsname> Uname(const ve_struct* env);
  // The host administrator's change of a VE's node / domain name (what
  // vzctl set --hostname makes its task inside do): no capability check.
  // EINVAL past 64 bytes or for a null env.
  absl::Status SetHostname(const ve_struct* env, absl::string_view name);
  absl::Status SetDomainname(const ve_struct* env, absl::string_view name);
  // The kernel.virt_osrelease sysctl (host root only): the release VEs
  // created from now on report. EINVAL past 64 bytes.
  absl::Status SetVirtOsrelease(absl::string_view release);
  std::string VirtOsrelease() const { return uts_.virt_osrelease(); }

  // ---- Beancounters (ubc/, kernel/kernel_ub.cc) --------------------------
  // The beancounter table (ubc/ub_table.h), and ub0, the host's, id 0.
  UbTable& ubs() { return ubs_; }
  user_beancounter* ub0() const { return ubs_.ub0(); }
  // The listed top-level beancounter `id`, or null; no reference is taken
  // (the pointer stays valid as long as the Kernel).
  user_beancounter* FindBeancounter(uint32_t id) const { return ubs_.Find(id); }
  // sys_setluid() made by `caller` (ubc/ubc.h): beancounter `id`, made if
  // needed, becomes its exec beancounter and its children's. Errors:
  // ESRCH for a dead caller, EINVAL for id (uid_t)-1, EPERM without
  // CAP_SETUID or outside ve0's exec env.
  absl::Status SetLuid(task_struct* caller, uint32_t id)
      ABSL_LOCKS_EXCLUDED(tasklist_lock_);
  // sys_setublimit() made by `caller`. Errors, in this order: ESRCH for a
  // dead caller, EPERM without CAP_SYS_RESOURCE or outside ve0's exec env,
  // EINVAL for a bad resource or a value above UB_MAXVALUE, ENOENT when no
  // beancounter `id` exists. barrier > limit is accepted.
  absl::Status SetUbLimit(task_struct* caller, uint32_t id, int res,
                          uint64_t barrier, uint64_t limit)
      ABSL_LOCKS_EXCLUDED(tasklist_lock_);

  // ---- Kernel log (kernel/kernel_log.cc) -----------------------------------
  // A kernel BUG() the model met (at the kernel's file and line): recorded,
  // and "kernel BUG at <file>:<line>!" in the host log. The model goes on.
  void ReportBug(absl::string_view file, int line)
      ABSL_LOCKS_EXCLUDED(log_lock_);
  // Every BUG reported so far, oldest first, as "file:line".
  std::vector<std::string> Bugs() const ABSL_LOCKS_EXCLUDED(log_lock_);
  // printk() of formatted `text`: to the host log, each line without a
  // level given the default "<4>" (kernel/printk.c: __vprintk()). Returns
  // the length the kernel returns: the text's, capped at 1023, plus 3 per
  // level inserted.
  int Printk(absl::string_view text) ABSL_LOCKS_EXCLUDED(log_lock_);
  // ve_printk() as code running for `env` calls it: from ve0 once to the
  // host log whatever `dst` is; from a VE to the host log with VE0_LOG,
  // then to its own 4 KiB log with VE_LOG. Returns the last write's length,
  // 0 when nothing was written (a null env too).
  int VePrintk(ve_struct* env, int dst, absl::string_view text)
      ABSL_LOCKS_EXCLUDED(log_lock_);
  // __printk_ratelimit(): the one token bucket of the system; see
  // include/linux/kernel.h. The call that is allowed again logs how many
  // were suppressed before it returns true.
  bool PrintkRatelimit(int ratelimit_jiffies, int ratelimit_burst)
      ABSL_LOCKS_EXCLUDED(log_lock_);
  std::string HostLog() const ABSL_LOCKS_EXCLUDED(log_lock_);
  // Bytes ever written to the host log (its ring keeps only the last
  // LogRing::kHostSize), and what it gained since that count was `mark`.
  uint64_t HostLogBytesWritten() const ABSL_LOCKS_EXCLUDED(log_lock_);
  std::string HostLogSince(uint64_t mark) const ABSL_LOCKS_EXCLUDED(log_lock_);
  // The VE's own log ("" until its first message).
  std::string VeLog(const ve_struct* ve) const ABSL_LOCKS_EXCLUDED(log_lock_);
  // Bytes ever written to the VE's log (its ring keeps only the last 4 KiB).
  uint64_t VeLogBytesWritten(const ve_struct* ve) const
      ABSL_LOCKS_EXCLUDED(log_lock_);
  // UbHost: where beancounter warnings go, their clock, and a BUG() met in
  // the beancounter code (ReportBug()).
  void HostPrintk(absl::string_view text) override { Printk(text); }
  int64_t NowNs() const override { return now_ns(); }
  void HostBug(absl::string_view file, int line) override {
    ReportBug(file, line);
  }

  // ---- Address spaces (kernel/kernel_mm.cc, kernel/mmap.h) ----------------
  // Each acts as `task` on its mm, made on first use (exec's mm_alloc(),
  // charged to the task's exec beancounter). Errors: ESRCH for a null or
  // dead task, ENOMEM when a charge is refused, and as each call's kernel
  // function (kernel/mmap.h): mmap(2) EBADF / EINVAL / ENOMEM / EAGAIN (len
  // 0 maps nothing); mlock EAGAIN when lockedpages refuses (earlier pieces
  // stay locked), ENOMEM for a hole.
  absl::StatusOr<unsigned long> Mmap(task_struct* task, unsigned long addr,
                                     unsigned long len, int prot, int flags,
                                     struct file* file = nullptr);
  absl::Status Munmap(task_struct* task, unsigned long addr, unsigned long len);
  absl::Status Mlock(task_struct* task, unsigned long addr, unsigned long len);
  absl::Status Munlock(task_struct* task, unsigned long addr,
                       unsigned long len);
  // mlockall(MCL_CURRENT | MCL_FUTURE); EINVAL for no or unknown flags.
  absl::Status Mlockall(task_struct* task, int flags);
  absl::Status Munlockall(task_struct* task);
  // mprotect(2): EINVAL, ENOMEM (a hole, or privvmpages refused), EACCES.
  absl::Status Mprotect(task_struct* task, unsigned long addr,
                        unsigned long len, int prot);
  // mremap(2) with MREMAP_MAYMOVE / MREMAP_FIXED: the new address.
  absl::StatusOr<unsigned long> Mremap(task_struct* task, unsigned long addr,
                                       unsigned long old_len,
                                       unsigned long new_len,
                                       unsigned long flags,
                                       unsigned long new_addr = 0);
  // brk(): the new break; ENOMEM if it cannot move (a refused charge).
  absl::StatusOr<unsigned long> Brk(task_struct* task, unsigned long new_brk);
  // A page fault at `addr` below the stack: grows it (UB_SOFT).
  absl::Status ExpandStack(task_struct* task, unsigned long addr);
  // Gives the task an mm if it has none (exec). ENOMEM if refused.
  absl::StatusOr<mm_struct*> GetMm(task_struct* task);

  // ---- Signals (kernel/signal.cc) -------------------------
  // kill(pid, sig) sent by `sender`, `pid` as the sender's exec env numbers
  // tasks (see sys_kill in kernel/signal.h). Fatal signals are delivered
  // before it returns. Errors: ESRCH (no target, or a dead sender), then
  // EINVAL (bad signal for a target that exists).
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
    irqreturn_t (*handler)(int irq, void* dev_id, struct pt_regs* regs);
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
  // The pending timers (struct timer_list, linked through `entry`).
  list_head* timer_head() ABSL_EXCLUSIVE_LOCKS_REQUIRED(timer_lock_) {
    return &timer_head_;
  }
  // The 32 softirq vectors (open_softirq()); TIMER_SOFTIRQ runs the timers.
  softirq_action* softirq_vec() { return softirq_vec_; }

  // ---- kernel_thread (kernel/kthread.cc) ----------------------------------
  // The ve_allow_kthreads sysctl (include/linux/sysctl.h): one variable for
  // the whole process, as the kernel has one, default 1.
  static bool VeAllowKthreads();
  static void SetVeAllowKthreads(bool allow);

  // ---- Exported symbols (kernel/symbols.cc) ---------------
  void ExportSymbol(absl::string_view name) ABSL_LOCKS_EXCLUDED(symbol_lock_);
  bool HasSymbol(absl::string_view name) const
      ABSL_LOCKS_EXCLUDED(symbol_lock_);
  // Exports every entry of a __ksymtab section (linux/module.h).
  void ExportKsymtab(const kernel_symbol* start, const kernel_symbol* stop)
      ABSL_LOCKS_EXCLUDED(symbol_lock_);
  // Loads module `module`, which needs `symbols`: every missing one is
  // logged to the host as the module loader logs it ("<4>vzwdog: Unknown
  // symbol show_mem"), and the load fails with ENOENT naming the first.
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
  int RealEnvCreateLocked(task_struct* caller, envid_t veid, unsigned flags,
                          uint32_t class_id, bool with_data)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  // Called by a CPU that stops running `task`: frees it if it was reaped
  // while on the CPU.
  void PutOffCpuLocked(task_struct* task)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);

 private:
  friend class Cpu;

  // ve_lifecycle.cc helpers: do_env_create(), do_env_enter(),
  // ve_move_task().
  int DoEnvCreateLocked(task_struct* tsk, envid_t veid, unsigned flags,
                        uint32_t class_id, bool with_data)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  int DoEnvEnterLocked(task_struct* tsk, VeRecord* ve, unsigned flags)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  void VeMoveTaskLocked(task_struct* tsk, ve_struct* ve)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  int ForkPidsLocked(task_struct* parent, pid_t vpid0, task_struct** out,
                     absl::string_view comm, unsigned long clone_flags)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  // exit.cc helpers.
  // kernel/exit.c: do_initproc_exit(): the VE stops; every other task of
  // it is killed; the init finishes its exit once they are all released.
  void InitprocExitLocked(ve_struct* ve, task_struct* init)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  // The rest of do_exit() for a task whose PF_EXITING is set.
  void FinishExitLocked(task_struct* task)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  // Lets each VE init that is alone in its stopping VE finish its exit.
  void FinishStoppedVesLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  // kernel/ve/vecalls.c: env_cleanup(): the VE leaves the list.
  void EnvCleanupLocked(ve_struct* ve)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  // Whether `p` reaps its zombie children at once (see exit.cc).
  bool ReapsAutomaticallyLocked(const task_struct* parent) const
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_);
  void ForgetOriginalParentLocked(task_struct* dying)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  task_struct* ReaperForLocked(task_struct* dying, task_struct* orphan)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  void ExitNotifyLocked(task_struct* leader)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  void ReleaseTaskLocked(task_struct* p)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  // Gives a reaped task's slot back to the slab (and its beancounter
  // charges with it).
  void FreeTaskLocked(task_struct* p)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  // signal.cc helpers.
  int KillLocked(task_struct* sender, pid_t pid, int sig)
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_);
  // Sends `sig` to `p`'s group as group_send_sig_info() does: 0, -EINVAL,
  // -ESRCH; silently 0 when sig_ve_ignored() or sig_ignored() drop it.
  int GroupSendSigLocked(task_struct* sender, int sig, const siginfo& info,
                         task_struct* p)
      ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_);
  // kernel/signal.c: __kill_pg_info() of global group `pgrp` seen from
  // `env`.
  int KillPgLocked(task_struct* sender, int sig, const siginfo& info,
                   pid_t pgrp) ABSL_SHARED_LOCKS_REQUIRED(tasklist_lock_);
  void FreeSignalsLocked(task_struct* p)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);
  void NotifyParentLocked(task_struct* leader)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(tasklist_lock_);

  mutable absl::Mutex tasklist_lock_;
  mutable absl::Mutex sig_lock_ ABSL_ACQUIRED_AFTER(tasklist_lock_);
  mutable absl::Mutex log_lock_ ABSL_ACQUIRED_AFTER(sig_lock_);
  mutable absl::Mutex irq_lock_;
  mutable absl::Mutex timer_lock_;
  mutable absl::Mutex symbol_lock_;

  TaskCache task_cache_ ABSL_GUARDED_BY(tasklist_lock_);
  PidTable pids_ ABSL_GUARDED_BY(tasklist_lock_);
  VeTable ves_ ABSL_GUARDED_BY(tasklist_lock_);
  size_t nr_tasks_ ABSL_GUARDED_BY(tasklist_lock_) = 0;
  bool virt_pids_ ABSL_GUARDED_BY(tasklist_lock_) = true;

  UtsTable uts_;

  UbTable ubs_;

  std::vector<pid_t> fatal_pending_ ABSL_GUARDED_BY(sig_lock_);
  // VEs whose exiting init may now be alone (see exit.cc), and how deep
  // the exits in progress are nested.
  std::vector<ve_struct*> stopped_ves_ ABSL_GUARDED_BY(tasklist_lock_);
  int exit_depth_ ABSL_GUARDED_BY(tasklist_lock_) = 0;
  std::vector<std::vector<IrqAction>> irq_actions_ ABSL_GUARDED_BY(irq_lock_);
  list_head timer_head_ ABSL_GUARDED_BY(timer_lock_);
  // No lock: open_softirq() fills it at boot, as the kernel's init does,
  // and it is only read after.
  softirq_action softirq_vec_[32] = {};
  absl::flat_hash_set<std::string> symbols_ ABSL_GUARDED_BY(symbol_lock_);
  // No lock: set before other threads use the kernel (SetInterruptHook).
  InterruptHook interrupt_hook_ = nullptr;
  void* interrupt_arg_ = nullptr;
  void InterruptPoint() const {
    if (interrupt_hook_ != nullptr) interrupt_hook_(interrupt_arg_);
  }

  LogRing host_log_ ABSL_GUARDED_BY(log_lock_){LogRing::kHostSize};
  // __vprintk()'s log_level_unknown: shared by the host log and every VE's.
  bool log_level_unknown_ ABSL_GUARDED_BY(log_lock_) = true;
  // __printk_ratelimit()'s state: the bucket starts full.
  unsigned long ratelimit_toks_ ABSL_GUARDED_BY(log_lock_) = 10 * 5 * HZ;
  unsigned long ratelimit_last_msg_ ABSL_GUARDED_BY(log_lock_) = 0;
  int ratelimit_missed_ ABSL_GUARDED_BY(log_lock_) = 0;
  std::vector<std::string> bugs_ ABSL_GUARDED_BY(log_lock_);
  // Appends `text` as __vprintk() does; returns printed_len.
  int AppendLogLocked(LogRing* ring, absl::string_view text)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(log_lock_);

  VeRecord* ve0_ = nullptr;                 // immutable after boot
  task_struct* init_task_ = nullptr;        // immutable after boot
  std::vector<std::unique_ptr<Cpu>> cpus_;  // immutable after boot
  std::atomic<int64_t> clock_ns_{0};
};

}  // namespace vzsim

#endif  // VZSIM_KERNEL_KERNEL_H_
