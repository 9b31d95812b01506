// The property test's reference model: a deliberately simple, independent
// account of what the operations of the property test must do, written from
// the OpenVZ kernel's sources rather than from vzsim's kernel/ code.
//
// It shares no code or data structure with the kernel it checks:
//   - tasks are a std::map by global pid, with flags instead of lists;
//     children are found by scanning for a parent pid, thread groups are a
//     vector in creation order;
//   - an address space is a set of pages (std::map page -> flags), not VMAs;
//   - a beancounter's held is never stored: it is derived on demand from
//     the tasks, the address spaces and the explicit charges;
//   - limits and fail counters are plain integers; a beancounter exists
//     while a task or an address space refers to it (ub0 always).
//
// Beancounters, as kernel/ub/ and vzctl have them: a container started as
// vzctl starts it (VzctlStart) has its tasks born into beancounter VEID; a
// VE made directly keeps its creator's (ub0). A task's beancounters
// (task_ub, exec_ub, fork_sub) are always one, which the operations keep
// true, so every charge of a task's objects goes to its own. kmemsize is
// not modelled (its figures are the kernel's objects' approximate sizes
// and its per-task reserves); KernelInvariants() recounts it.
//
// Every operation takes what the kernel answered (its errno, and the numbers
// it chose: a new pid, a mapping address, a reaped child) and returns "" if
// the model agrees, or what it expected instead. The model then applies the
// operation itself. It never predicts choices the spec leaves free (which
// free pid, which gap, which reapable child); it checks the kernel's choice
// against the rules (the pid is not in use, the gap is free, the child was
// reapable) and follows it.
#ifndef VZSIM_TESTS_PROPERTY_REFERENCE_MODEL_H_
#define VZSIM_TESTS_PROPERTY_REFERENCE_MODEL_H_

#include <sys/types.h>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace vzsim::model {

// The constants the model needs; model_compare_test.cc checks them against
// the kernel's, so a change there cannot silently change the model.
inline constexpr int kResources = 24;
inline constexpr int kKmemSize = 0, kLockedPages = 1, kPrivVmPages = 2,
                     kNumProc = 5, kNumFlock = 10, kNumFile = 19;
inline constexpr uint64_t kMaxValue = (uint64_t{1} << 63) - 1;
// init_beancounter_syslimits() on the kernel's default machine (1 GiB,
// 8 KiB stacks): what a new top-level beancounter starts with.
inline constexpr uint64_t kSyslimits[kResources] = {
    33554432, 8,    kMaxValue, 64,   0,    8192,    0,       0,
    0,        1024, 1024,      16,   1024, 4194304, 6291456, 2097152,
    1048576,  256,  1048576,   1024, 0,    0,       0,       0};
// ub_file_precharge(): the numfile batch a fork takes, when far enough
// (numproc <= numfile barrier >> 4) from the barrier.
inline constexpr uint64_t kFileBatch = 16;
inline constexpr int kFileQuantShift = 4;
// The kernel's simulated CPUs: each idle task counts one numproc in ub0.
inline constexpr int kIdleTasks = 2;
inline constexpr unsigned long kPageShift = 12;
inline constexpr unsigned long kStackTopPage = 0x7ffffffff000UL >> kPageShift;
inline constexpr pid_t kHostInit = 1;
inline constexpr pid_t kVpidDiv = 1024;  // include/linux/pid.h: VPID_DIV
enum Strictness { kHard = 0, kSoft = 1, kForce = 2 };

struct Task {
  pid_t pid = 0;        // global
  pid_t vpid = 0;       // stored virtual pid (== pid on the host)
  pid_t vtgid = 0;      // its leader's vpid
  bool mapped = false;  // vpid is in its VE's vpid hash (1 or pid + 1024)
  uint32_t ve = 0;      // veid of the VE it belongs to
  uint32_t ub = 0;      // its beancounter (task_ub = exec_ub = fork_sub)
  uint64_t files = 0;   // numfile precharged at its fork
  pid_t tgid = 0;       // its group leader's pid
  pid_t parent = 0;     // the task (thread) that reaps it; leaders only
  pid_t pgrp = 0, vpgrp = 0, session = 0;
  bool alive = true;     // false from the first moment of its exit
  bool exited = false;   // no longer counted among its group's threads
  bool zombie = false;   // an exited leader waiting to be reaped
  bool waiting = false;  // a VE init waiting in do_initproc_exit()
  int mm = 0;            // 0: no address space (yet)
};

// Page flags.
inline constexpr uint8_t kPrivVm = 1, kLocked = 2;

class AddressSpace {
 public:
  int users = 0;
  uint32_t ub = 0;

  const std::map<unsigned long, uint8_t>& pages() const { return pages_; }
  bool Has(unsigned long page) const { return pages_.count(page) != 0; }
  uint8_t FlagsOf(unsigned long page) const { return pages_.at(page); }
  void Set(unsigned long page, uint8_t flags);
  void Erase(unsigned long first, unsigned long end);  // [first, end)
  // Pages with `flag` set, counted as pages change (a beancounter's held
  // is asked for after every step).
  uint64_t Count(uint8_t flag) const {
    return flag == kPrivVm ? priv_ : locked_;
  }

 private:
  void Tally(uint8_t flags, int sign);
  std::map<unsigned long, uint8_t> pages_;  // page number -> flags
  uint64_t priv_ = 0, locked_ = 0;
};

struct Ve {
  bool running = true;
  pid_t init = 0;  // global pid of its init; host init's once it is gone
};

struct Beancounter {
  uint64_t barrier[kResources], limit[kResources];
  uint64_t failcnt[kResources] = {};
  uint64_t explicit_held = 0;  // the test's own charges on kNumFlock
  // New ones start at the syslimits; ub0 is unlimited.
  explicit Beancounter(bool unlimited = false) {
    for (int r = 0; r < kResources; ++r) {
      barrier[r] = limit[r] = unlimited ? kMaxValue : kSyslimits[r];
    }
  }
};

// One limit of a container's configuration.
struct Limit {
  int res;
  uint64_t barrier, limit;
};

class ReferenceModel {
 public:
  // The booted kernel: host init (pid 1, in ve0, no address space) and the
  // host beancounter 0.
  ReferenceModel();

  std::string Fork(pid_t parent, bool thread, int err, pid_t child_pid,
                   pid_t child_vpid);
  std::string Exit(pid_t task, bool group, int err);
  std::string Wait(pid_t parent, int err, pid_t reaped);
  std::string CreateVe(pid_t caller, uint32_t veid, int err);
  std::string EnterVe(pid_t caller, uint32_t veid, int err, pid_t new_vpid);
  std::string Kill(pid_t sender, pid_t pid, int sig, int err);
  std::string Mmap(pid_t task, unsigned long pages, bool writable, bool locked,
                   int err, unsigned long addr);
  std::string Munmap(pid_t task, unsigned long start, unsigned long len,
                     int err);
  std::string Mlock(pid_t task, unsigned long start, unsigned long len,
                    bool lock, int err);
  std::string Mprotect(pid_t task, unsigned long start, unsigned long len,
                       bool writable, int err);
  std::string SetLimit(uint32_t ub, int res, uint64_t barrier, uint64_t limit,
                       int err);
  // vzctl start VEID (vzctl/vzctl.h): a host task sets luid VEID and the
  // limits, forks the VE's init (global pid `init_pid`), which creates the
  // VE; the host task exits. `err` is the kernel's answer.
  std::string VzctlStart(uint32_t veid, const std::vector<Limit>& limits,
                         int err, pid_t init_pid);
  std::string Charge(uint32_t ub, uint64_t val, Strictness strict, int err);
  void Uncharge(uint32_t ub, uint64_t val);

  // Lookups as a task of VE `ve` makes them (find_task_by_pid_ve): the
  // global pid of the task it sees as `nr` (its own tasks by virtual and by
  // global number), or 0; and how many processes (group leaders, zombies
  // included) its for_each_process_ve walk visits.
  pid_t Visible(uint32_t ve, pid_t nr) const;
  int ProcessesVisible(uint32_t ve) const;

  // What a beancounter must hold of `res`, derived from the model's state.
  uint64_t Held(uint32_t ub, int res) const;
  // The same for every beancounter at once: id -> held by resource.
  std::map<uint32_t, std::array<uint64_t, kResources>> AllHeld() const;

  const std::map<pid_t, Task>& tasks() const { return tasks_; }
  const std::map<int, AddressSpace>& address_spaces() const { return mms_; }
  const std::map<uint32_t, Ve>& ves() const { return ves_; }
  const std::map<uint32_t, Beancounter>& beancounters() const { return ubs_; }

 private:
  Task* Find(pid_t pid);
  std::vector<pid_t>& Group(pid_t tgid) { return groups_[tgid]; }
  int LiveThreads(pid_t tgid) const;
  bool Reapable(const Task& leader) const;
  bool ReapsAutomatically(pid_t parent) const;
  bool IsVeInit(const Task& t) const;
  pid_t ReaperFor(const Task& dying, const Task& orphan);
  // A charge of `val` to `res` that the kernel makes with `strict`: refused
  // (and counted in failcnt) if it would cross the bound.
  bool Fits(uint32_t ub, int res, uint64_t val, Strictness strict);
  // ub_task_charge(): numproc 1 on the task's top beancounter (UB_HARD),
  // then the numfile batch if it is far from its barrier and fits (a
  // refusal counts, the fork goes on). false if numproc is refused; else
  // *files is the batch taken.
  bool TaskCharge(uint32_t ub, uint64_t* files);
  // Beancounters nobody refers to any more are released (ub0 never).
  void Collect();

  void DoExit(pid_t pid);
  void FinishExit(pid_t pid);
  void DoExitGroup(pid_t tgid);
  void StopVe(uint32_t veid, pid_t dying_init);
  void FinishInit(uint32_t veid);
  int TasksOf(uint32_t veid) const;
  bool AloneInPgrp(const Task& t) const;
  void Notify(pid_t leader);
  void Release(pid_t pid);
  void DropMm(Task& t);
  void MoveToVe(Task& t, uint32_t veid);

  std::map<pid_t, Task> tasks_;
  std::map<pid_t, std::vector<pid_t>> groups_;  // tgid -> threads, in order
  std::map<int, AddressSpace> mms_;
  std::map<uint32_t, Ve> ves_;
  std::map<uint32_t, Beancounter> ubs_;
  int next_mm_ = 1;
};

}  // namespace vzsim::model

#endif  // VZSIM_TESTS_PROPERTY_REFERENCE_MODEL_H_
