// A seeded, reproducible property test: long random operation sequences
// (VEs created, entered and stopped; tasks forked, threaded, exited, reaped,
// killed; memory mapped, locked, unmapped; limits set; charges made;
// interrupts in the middle of it all), with the system's invariants checked
// after every step against a recomputation from the kernel's own state:
//
//   - no task of one VE is visible (by lookup or iteration) from another;
//   - pids are unique per namespace;
//   - every beancounter's held equals the sum of what its live tasks,
//     address spaces and the test's own charges account for;
//   - a successful HARD / SOFT charge never leaves held above its bound, and
//     failcnt counts exactly the refusals;
//   - a VE that is gone holds nothing;
//   - an interrupt leaves the exec context as it found it.
//
// An operation is four random numbers, interpreted against the current
// state (indices taken modulo what exists), so any subsequence of a failing
// sequence replays: a failure is shrunk to a short reproducer and printed
// with its seed. VZSIM_PROPERTY_SEED=<n> runs one seed;
// VZSIM_PROPERTY_OPS=<n> sets the operations per seed.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "kernel/irq.h"
#include "kernel/kernel.h"
#include "kernel/mmap.h"
#include "pid/pid.h"
#include "ubc/beancounter.h"
#include "ubc/ub_memory.h"

namespace vzsim {
namespace {

struct Op {
  uint32_t kind, a, b, c;
};

constexpr int kKinds = 14;
constexpr int kExplicitRes = UB_NUMFLOCK;  // only explicit charges use it

std::string Describe(const Op& op) {
  static const char* kNames[kKinds] = {
      "fork",  "thread", "exit",   "wait",      "ve_create", "ve_enter",
      "kill",  "mmap",   "munmap", "mlock",     "ublimit",   "charge",
      "irq",   "destroy"};
  return absl::StrCat(kNames[op.kind % kKinds], "(", op.a, ",", op.b, ",",
                      op.c, ")");
}

// Runs a sequence on a fresh kernel; returns "" or the first violated
// invariant (with the step it failed at).
class Runner {
 public:
  std::string Run(const std::vector<Op>& ops) {
    auto cpu = k_.BindCpu(0, k_.init_task());
    if (!cpu.ok()) return "cannot bind a CPU";
    cpu_ = &*cpu;
    for (size_t i = 0; i < ops.size(); ++i) {
      Step(ops[i]);
      (void)cpu_->SwitchTo(k_.init_task());
      if (!error_.empty()) return absl::StrCat("step ", i, " ", Describe(ops[i]), ": ", error_);
      CheckInvariants();
      if (!error_.empty()) return absl::StrCat("after step ", i, " ", Describe(ops[i]), ": ", error_);
    }
    return "";
  }

 private:
  void Fail(const std::string& what) {
    if (error_.empty()) error_ = what;
  }

  std::vector<task_struct*> Tasks(bool alive_only) {
    std::vector<task_struct*> out;
    absl::ReaderMutexLock l(&k_.tasklist_lock());
    k_.ForEachTaskLocked([&](task_struct* t) {
      if (!alive_only || task_alive(t)) out.push_back(t);
    });
    return out;
  }

  task_struct* Pick(uint32_t n, bool alive_only = true) {
    std::vector<task_struct*> all = Tasks(alive_only);
    return all.empty() ? nullptr : all[n % all.size()];
  }

  // Populations stay small so that recomputing every invariant after every
  // step stays cheap: past kMaxTasks a fork becomes an exit, past kMaxVmas
  // an mmap becomes an munmap.
  static constexpr size_t kMaxTasks = 120;
  static constexpr size_t kMaxVmas = 12;

  uint32_t Kind(const Op& op) {
    uint32_t kind = op.kind % kKinds;
    if ((kind == 0 || kind == 1) && Tasks(true).size() > kMaxTasks) kind = 2;
    if (kind == 7) {
      task_struct* p = Pick(op.a);
      if (p != nullptr && p->mm != nullptr) {
        absl::MutexLock l(&p->mm->mmap_sem);
        if (p->mm->vmas.size() > kMaxVmas) kind = 8;
      }
    }
    return kind;
  }

  void Step(const Op& op) {
    const uint32_t kind = Kind(op);
    switch (kind) {
      case 0: {  // fork
        if (task_struct* p = Pick(op.a)) (void)k_.Fork(p, "t");
        break;
      }
      case 1: {  // thread
        if (task_struct* p = Pick(op.a)) (void)k_.Fork(p, "thr", CLONE_THREAD);
        break;
      }
      case 2: {  // exit of a thread or a whole group
        task_struct* p = Pick(op.a);
        if (p == nullptr || p == k_.init_task()) break;
        (void)(op.b % 2 ? k_.Exit(p, 1) : k_.ExitGroup(p, 2));
        break;
      }
      case 3: {  // wait
        if (task_struct* p = Pick(op.a)) (void)k_.Wait(p, -1);
        break;
      }
      case 4: {  // create a VE
        task_struct* p = Pick(op.a);
        if (p == nullptr || p->owner_env != k_.ve0()) break;
        VeCreateOptions o;
        o.pid_max = PidMap::kPidMaxMin + static_cast<int>(op.c % 100);
        (void)k_.CreateVe(p, 100 + op.b % 6, o);
        break;
      }
      case 5: {  // enter a VE
        if (task_struct* p = Pick(op.a)) (void)k_.EnterVe(p, 100 + op.b % 6);
        break;
      }
      case 6: {  // kill, -1 included, from a random sender
        task_struct* s = Pick(op.a);
        if (s == nullptr) break;
        static const int kSigs[] = {SIGTERM, SIGKILL, SIGUSR1, SIGCHLD, 0};
        const pid_t pid = op.b % 5 == 0 ? -1 : static_cast<pid_t>(op.b % 40);
        (void)k_.Kill(s, pid, kSigs[op.c % 5]);
        break;
      }
      case 7: {  // mmap
        task_struct* p = Pick(op.a);
        if (p == nullptr || (p->flags & PF_KTHREAD)) break;
        const int prot = op.c % 3 == 0 ? PROT_READ : PROT_READ | PROT_WRITE;
        const int flags = MAP_PRIVATE | MAP_ANONYMOUS | (op.c % 4 == 1 ? MAP_LOCKED : 0);
        (void)k_.Mmap(p, 0, (1 + op.b % 64) * PAGE_SIZE, prot, flags);
        break;
      }
      case 8:    // munmap
      case 9: {  // mlock / munlock
        task_struct* p = Pick(op.a);
        if (p == nullptr || p->mm == nullptr) break;
        unsigned long start = 0, len = 0;
        {
          absl::MutexLock l(&p->mm->mmap_sem);
          if (p->mm->vmas.empty()) break;
          auto it = p->mm->vmas.begin();
          std::advance(it, op.b % p->mm->vmas.size());
          start = it->second->vm_start;
          len = it->second->vm_end - start;
        }
        if (kind == 8) {
          (void)k_.Munmap(p, start, std::max(PAGE_SIZE, len / 2 & PAGE_MASK));
        } else {
          (void)(op.c % 2 ? k_.Mlock(p, start, len) : k_.Munlock(p, start, len));
        }
        break;
      }
      case 10: {  // setublimit on privvmpages / lockedpages / numproc
        static const int kRes[] = {UB_PRIVVMPAGES, UB_LOCKEDPAGES, UB_NUMPROC};
        const uint64_t limit = op.c % 4 == 0 ? UB_MAXVALUE : 20 + op.c % 300;
        (void)k_.SetUbLimit(k_.init_task(), 100 + op.a % 6, kRes[op.b % 3],
                            limit, limit);
        break;
      }
      case 11: {  // an explicit charge or uncharge on numflock
        user_beancounter* ub = k_.FindBeancounter(100 + op.a % 6);
        if (ub == nullptr) break;
        int64_t& mine = explicit_[ub];
        if (op.b % 3 == 0 && mine > 0) {
          const uint64_t v = 1 + op.c % mine;
          uncharge_beancounter(ub, kExplicitRes, v);
          mine -= v;
          break;
        }
        const auto strict = static_cast<ub_severity>(op.b % 3);
        ubparm& p = ub->ub_parms[kExplicitRes];
        if (op.c % 5 == 0) (void)ub_set_limits(ub, kExplicitRes, 10, 15);
        const uint64_t v = 1 + op.c % 7;
        if (charge_beancounter(ub, kExplicitRes, v, strict) == 0) {
          mine += v;
          const uint64_t bound = strict == UB_HARD   ? p.barrier.load()
                                 : strict == UB_SOFT ? p.limit.load()
                                                     : UB_MAXVALUE;
          if (p.held.load() > bound) Fail("held above its bound after a charge");
        } else {
          ++refusals_[ub];
        }
        break;
      }
      case 12: {  // an interrupt while some task runs, nested or not
        task_struct* p = Pick(op.a);
        if (p == nullptr || !cpu_->SwitchTo(p).ok()) break;
        ve_struct* env = p->exec_env;
        user_beancounter* ub = p->exec_ub;
        irq_enter();
        if (op.b % 2) {
          irq_enter();
          irq_exit();
        }
        if (p->exec_env != k_.ve0() || p->exec_ub != k_.ub0()) {
          Fail("an interrupt did not run as the host");
        }
        irq_exit();
        if (p->exec_env != env || p->exec_ub != ub) {
          Fail("an interrupt did not restore the exec context");
        }
        break;
      }
      case 13: {  // destroy a VE (refused while it has tasks)
        (void)k_.DestroyVe(100 + op.a % 6);
        break;
      }
    }
  }

  void CheckInvariants() {
    const std::vector<task_struct*> all = Tasks(false);
    std::set<pid_t> global;
    std::set<std::pair<envid_t, pid_t>> virt;
    std::map<ve_struct*, int> per_ve;
    for (task_struct* t : all) {
      if (!global.insert(t->pid).second) Fail(absl::StrCat("pid ", t->pid, " twice"));
      if (!virt.insert({t->owner_env->veid, t->vpid}).second) {
        Fail(absl::StrCat("vpid ", t->vpid, " twice in VE ", t->owner_env->veid));
      }
      ++per_ve[t->owner_env];
    }
    // Every VE: its count, and lookups from inside reach only its tasks.
    std::vector<ve_struct*> ves;
    {
      absl::ReaderMutexLock l(&k_.tasklist_lock());
      ves = k_.VeListLocked();
      for (ve_struct* ve : ves) {
        if (ve->pcounter != per_ve[ve]) {
          Fail(absl::StrCat("VE ", ve->veid, " counts ", ve->pcounter,
                            " tasks, has ", per_ve[ve]));
        }
        if (ve == k_.ve0()) continue;
        for (pid_t nr = 1; nr < 48; ++nr) {
          task_struct* t = k_.FindTaskByPidVeLocked(nr, ve);
          if (t != nullptr && t->owner_env != ve) {
            Fail(absl::StrCat("VE ", ve->veid, " reached a task of VE ",
                              t->owner_env->veid));
          }
        }
        TaskSpan span = k_.LeadersVeLocked(ve);
        for (task_struct* const* it = span.cur; it != span.end; ++it) {
          if ((*it)->owner_env != ve) Fail("a VE's walk met another VE's task");
        }
      }
    }
    CheckCharges(all);
  }

  // held, recomputed from the state: tasks, their address spaces, and the
  // explicit charges.
  void CheckCharges(const std::vector<task_struct*>& all) {
    std::map<user_beancounter*, std::vector<uint64_t>> want;
    for (user_beancounter* ub : k_.BeancountersNewestFirst()) {
      want[ub].assign(UB_RESOURCES, 0);
    }
    std::set<mm_struct*> mms;
    for (task_struct* t : all) {
      if (t->exit_state == EXIT_DEAD) continue;
      want[t->task_ub][UB_NUMPROC] += 1;
      want[t->task_ub][UB_KMEMSIZE] += TASK_KMEM_SIZE;
      if (t->mm != nullptr) mms.insert(t->mm);
    }
    for (mm_struct* mm : mms) {
      std::vector<uint64_t>& w = want[mm->mm_ub];
      w[UB_KMEMSIZE] += MM_KMEM_SIZE;
      absl::MutexLock l(&mm->mmap_sem);
      for (const auto& [start, v] : mm->vmas) {
        const uint64_t pages = (v->vm_end - v->vm_start) >> PAGE_SHIFT;
        if (v->vm_flags & VM_LOCKED) w[UB_LOCKEDPAGES] += pages;
        if (ub_vm_private_writable(v->vm_flags, v->vm_file)) {
          w[UB_PRIVVMPAGES] += pages;
        }
      }
    }
    for (auto& [ub, w] : want) {
      w[kExplicitRes] += explicit_[ub];
      for (int r = 0; r < UB_RESOURCES; ++r) {
        if (ub->ub_parms[r].held.load() != w[r]) {
          Fail(absl::StrCat("UB ", ub->ub_uid, " ", ub_resource_name(r),
                            " holds ", ub->ub_parms[r].held.load(),
                            ", live charges sum to ", w[r]));
        }
      }
      if (ub->ub_parms[kExplicitRes].failcnt.load() != refusals_[ub]) {
        Fail(absl::StrCat("UB ", ub->ub_uid, " failcnt ",
                          ub->ub_parms[kExplicitRes].failcnt.load(),
                          " but ", refusals_[ub], " refusals"));
      }
      if (ub->underflowed.load()) Fail(absl::StrCat("UB ", ub->ub_uid, " underflowed"));
    }
  }

  Kernel k_;
  CpuBinding* cpu_ = nullptr;
  std::map<user_beancounter*, int64_t> explicit_;
  std::map<user_beancounter*, uint64_t> refusals_;
  std::string error_;
};

std::vector<Op> RandomOps(uint64_t seed, int n) {
  std::mt19937_64 rng(seed);
  std::vector<Op> ops(n);
  for (Op& op : ops) {
    op = {static_cast<uint32_t>(rng() % kKinds), static_cast<uint32_t>(rng()),
          static_cast<uint32_t>(rng()), static_cast<uint32_t>(rng())};
  }
  return ops;
}

// Shrinks a failing sequence: drops chunks (halves, quarters, ... single
// operations) while it still fails.
std::vector<Op> Shrink(std::vector<Op> ops) {
  for (size_t chunk = ops.size() / 2; chunk >= 1; chunk /= 2) {
    for (size_t at = 0; at + chunk <= ops.size();) {
      std::vector<Op> trial(ops.begin(), ops.begin() + at);
      trial.insert(trial.end(), ops.begin() + at + chunk, ops.end());
      if (!Runner().Run(trial).empty()) {
        ops = std::move(trial);
      } else {
        at += chunk;
      }
    }
  }
  return ops;
}

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v == nullptr ? fallback : std::atoi(v);
}

TEST(PropertyTest, InvariantsHoldOverLongRandomSequences) {
  // 40 seeds x 25,000 operations = 1,000,000 operations by default.
  const int ops_per_seed = EnvInt("VZSIM_PROPERTY_OPS", 25000);
  std::vector<uint64_t> seeds;
  if (const char* s = std::getenv("VZSIM_PROPERTY_SEED")) {
    seeds.push_back(std::strtoull(s, nullptr, 10));
  } else {
    for (uint64_t s = 1; s <= 40; ++s) seeds.push_back(s);
  }
  for (uint64_t seed : seeds) {
    const std::vector<Op> ops = RandomOps(seed, ops_per_seed);
    const std::string failure = Runner().Run(ops);
    if (failure.empty()) continue;
    std::vector<std::string> steps;
    for (const Op& op : Shrink(ops)) steps.push_back(Describe(op));
    FAIL() << "seed " << seed << ": " << failure
           << "\nshortest reproducer (" << steps.size() << " operations):\n  "
           << absl::StrJoin(steps, "\n  ")
           << "\nrerun with VZSIM_PROPERTY_SEED=" << seed;
  }
}

}  // namespace
}  // namespace vzsim
