// The multi-threaded property test: several simulated CPUs drive one kernel
// at once, each from its own host thread (and run under --config=tsan by
// tools/test.sh, so every unsynchronised access is a failure too).
//
//   - one worker per VE, on its own CPU, runs random operations inside its
//     VE: fork, thread, exit, wait, kill (-1 included), mmap, munmap, mlock,
//     mprotect, interrupts, lookups and walks; when its VE has stopped (its
//     init was killed) it destroys it and starts it again, as vzctl does
//     (its host task keeps beancounter VEID through setluid);
//   - the host, on CPU 0, meanwhile forks and kills host tasks, looks up and
//     signals (with 0) random global pids, sets limits on the VEs'
//     beancounters and makes explicit charges on them.
//
// During the run each thread checks what it can see alone: its lookups and
// walks reach only its VE's tasks, an interrupt runs as the host and
// restores the exec context, a successful charge stays within its bound.
// Between rounds all threads stop at a barrier and the main thread checks
// KernelInvariants() (pids unique, counts, isolation, held equal to the sum
// of live charges). At the end every VE is stopped and destroyed and each
// beancounter holds nothing but the explicit charges.
//
// VZSIM_PROPERTY_MT_OPS=<n> sets the operations per thread (default 50,000).
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "kernel/irq.h"
#include "kernel/kernel.h"
#include "kernel/mmap.h"
#include "pid/pid.h"
#include "tests/property/operations.h"
#include "ubc/beancounter.h"

namespace vzsim {
namespace {

constexpr int kWorkers = 3;  // one VE each, CPUs 1..3
constexpr int kOpsPerRound = 250;
constexpr size_t kMaxVeTasks = 40;
constexpr uint32_t kFirstVeid = 201;

// Failures from any thread, reported once the threads are joined.
class Failures {
 public:
  void Add(const std::string& what) {
    absl::MutexLock l(&mu_);
    if (list_.size() < 20) list_.push_back(what);
  }
  std::vector<std::string> Get() {
    absl::MutexLock l(&mu_);
    return list_;
  }

 private:
  absl::Mutex mu_;
  std::vector<std::string> list_ ABSL_GUARDED_BY(mu_);
};

// An interrupt on the calling thread's CPU while `running` is current: it
// must run as the host and give the exec context back.
bool InterruptIsClean(Kernel& k, task_struct* running) {
  ve_struct* env = running->ve_task_info.exec_env;
  user_beancounter* ub = running->task_bc.exec_ub;
  irq_enter();
  const bool host = running->ve_task_info.exec_env == k.ve0() &&
                    running->task_bc.exec_ub == k.ub0();
  irq_exit();
  return host && running->ve_task_info.exec_env == env &&
         running->task_bc.exec_ub == ub;
}

class VeWorker {
 public:
  VeWorker(Kernel& k, int index, Failures& failures)
      : k_(k),
        index_(index),
        veid_(kFirstVeid + index),
        rng_(1000 + index),
        failures_(failures) {}

  // What the run did, so that the test can tell it was not idle; read on
  // the main thread once the worker's threads are joined.
  struct Activity {
    int forks = 0, mmaps = 0, restarts = 0;
  } activity;

  // On the main thread, before the run: the worker's host task (its
  // "vzctl"), which sets luid VEID and lifts the lockedpages limit, and its
  // VE.
  void SetUp() {
    vzctl_ = *k_.Fork(k_.init_task(), "vzctl");
    if (!k_.SetLuid(vzctl_, veid_).ok()) Fail("setluid");
    (void)k_.SetUbLimit(vzctl_, veid_, UB_LOCKEDPAGES, 200, 200);
    StartVe();
  }

  void RunRound() {
    auto cpu = k_.BindCpu(1 + index_, vzctl_);
    if (!cpu.ok()) {
      failures_.Add("cannot bind a CPU");
    } else {
      for (int i = 0; i < kOpsPerRound; ++i) {
        Step(*cpu);
        (void)cpu->SwitchTo(vzctl_);
      }
    }
  }

  // On the main thread at the end: kill the VE's init; with its last task
  // the VE leaves the list by itself.
  void TearDown() {
    if (task_struct* init = InitOf())
      (void)k_.Kill(k_.init_task(), init->pid, SIGKILL);
    ReapZombiesOfVzctl();
    if (k_.FindVe(veid_) != nullptr) {
      failures_.Add(absl::StrCat("VE ", veid_, " still listed at the end"));
    }
  }

 private:
  void Fail(const std::string& what) {
    failures_.Add(absl::StrCat("VE ", veid_, ": ", what));
  }

  void StartVe() {
    auto init = k_.Fork(vzctl_, "init");  // born into beancounter VEID
    if (!init.ok()) return Fail(init.status().ToString());
    if (!k_.SetSid(*init).ok()) return Fail("setsid");
    auto ve = k_.CreateVe(*init, veid_);
    if (!ve.ok()) return Fail(ve.status().ToString());
    ve_ = *ve;
  }

  task_struct* InitOf() {
    absl::ReaderMutexLock l(&k_.tasklist_lock());
    return ve_->init_entry;
  }

  void ReapZombiesOfVzctl() {
    while (true) {
      auto r = k_.Wait(vzctl_, -1);
      if (!r.ok() || r->pid == 0) return;
    }
  }

  // The VE's live tasks, threads included, seen through its own walk; and
  // whether it runs, and its init.
  std::vector<task_struct*> Tasks(bool* running, task_struct** init) {
    std::vector<task_struct*> out;
    absl::ReaderMutexLock l(&k_.tasklist_lock());
    *running = ve_->is_running;
    *init = ve_->init_entry;
    for (task_struct* leader : k_.LeadersVeLocked(ve_)) {
      task_struct* t = leader;
      do {
        if (t->ve_task_info.owner_env != ve_)
          Fail("the VE's walk met another VE's task");
        if (task_alive(t)) out.push_back(t);
        t = next_thread(t);
      } while (t != leader);
    }
    return out;
  }

  void Step(CpuBinding& cpu) {
    bool running = false;
    task_struct* init = nullptr;
    std::vector<task_struct*> tasks = Tasks(&running, &init);
    if (!running || tasks.empty()) {
      // Its init is gone: the rest dies with it, and the VE leaves the
      // list with its last task; then start again.
      if (!tasks.empty()) return;
      ReapZombiesOfVzctl();
      if (k_.FindVe(veid_) == nullptr) {
        StartVe();
        ++activity.restarts;
      }
      return;
    }
    task_struct* p = tasks[rng_() % tasks.size()];
    const uint32_t r = static_cast<uint32_t>(rng_());
    switch (rng_() % 10) {
      case 0:
      case 1:
        if (tasks.size() < kMaxVeTasks) {
          activity.forks += k_.Fork(p, "t", r % 3 == 0 ? CLONE_THREAD : 0).ok();
        }
        break;
      case 2:
        if (r % 64 == 0 || p != init) {
          (void)(r % 2 ? k_.Exit(p, 0) : k_.ExitGroup(p, 0));
        }
        break;
      case 3:
        (void)k_.Wait(p, -1);
        break;
      case 4: {  // kill inside the VE, by virtual pid or -1
        static const int kSigs[] = {SIGTERM, SIGCHLD, 0, SIGUSR1};
        const pid_t pid = r % 5 == 0 ? -1 : static_cast<pid_t>(1 + r % 30);
        (void)k_.Kill(p, pid, kSigs[r % 4]);
        break;
      }
      case 5:
        activity.mmaps +=
            k_.Mmap(p, 0, (1 + r % 16) * PAGE_SIZE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | (r % 5 == 0 ? MAP_LOCKED : 0))
                .ok();
        break;
      case 6:
      case 7: {  // munmap or mlock the first mapping
        unsigned long start = 0, len = 0;
        {
          absl::ReaderMutexLock l(&k_.tasklist_lock());
          if (p->mm == nullptr) break;
          vzsim::RwsemWriteLock m(&p->mm->mmap_sem);
          if (p->mm->mmap == nullptr) break;
          start = p->mm->mmap->vm_start;
          len = p->mm->mmap->vm_end - start;
        }
        (void)(r % 4 == 0   ? k_.Munmap(p, start, len)
               : r % 4 == 1 ? k_.Mlock(p, start, len)
               : r % 4 == 2 ? k_.Munlock(p, start, len)
                            : k_.Mprotect(p, start, len,
                                          r % 8 == 3 ? PROT_READ
                                                     : PROT_READ | PROT_WRITE));
        break;
      }
      case 8: {  // an interrupt while p runs
        if (!cpu.SwitchTo(p).ok()) break;
        if (!InterruptIsClean(k_, p))
          Fail("an interrupt broke the exec context");
        break;
      }
      case 9: {  // lookups from inside reach only the VE's own tasks
        absl::ReaderMutexLock l(&k_.tasklist_lock());
        for (pid_t nr = 1; nr < 40; ++nr) {
          task_struct* t = k_.FindTaskByPidVeLocked(nr, ve_);
          if (t != nullptr && t->ve_task_info.owner_env != ve_)
            Fail("a lookup crossed VEs");
        }
        break;
      }
    }
  }

  Kernel& k_;
  const int index_;
  const uint32_t veid_;
  std::mt19937 rng_;
  Failures& failures_;
  task_struct* vzctl_ = nullptr;
  ve_struct* ve_ = nullptr;
};

class HostWorker {
 public:
  HostWorker(Kernel& k, Failures& failures) : k_(k), failures_(failures) {}

  void RunRound() {
    auto cpu = k_.BindCpu(0, k_.init_task());
    if (!cpu.ok()) {
      failures_.Add("cannot bind CPU 0");
    } else {
      for (int i = 0; i < kOpsPerRound; ++i) {
        Step(*cpu);
        (void)cpu->SwitchTo(k_.init_task());
      }
    }
  }

  // Main thread, between rounds or at the end.
  const std::map<uint32_t, uint64_t>& explicit_numflock() const {
    return explicit_;
  }

  void TearDown() {
    for (task_struct* t : mine_) (void)k_.ExitGroup(t, 0);
    mine_.clear();
  }

 private:
  void Step(CpuBinding& cpu) {
    const uint32_t r = static_cast<uint32_t>(rng_());
    switch (rng_() % 7) {
      case 0:  // a host task of its own (host init reaps them)
        if (mine_.size() < 20) {
          if (auto t = k_.Fork(k_.init_task(), "h"); t.ok())
            mine_.push_back(*t);
        }
        break;
      case 1:
        if (!mine_.empty()) {
          const size_t i = r % mine_.size();
          (void)k_.Kill(k_.init_task(), mine_[i]->pid, SIGKILL);
          mine_.erase(mine_.begin() + i);
        }
        break;
      case 2: {  // existence checks on random global pids, VE tasks included
        (void)k_.Kill(k_.init_task(), static_cast<pid_t>(1 + r % 400), 0);
        absl::ReaderMutexLock l(&k_.tasklist_lock());
        task_struct* t =
            k_.FindTaskByPidAllLocked(static_cast<pid_t>(1 + r % 400));
        if (t != nullptr && t->pid != static_cast<pid_t>(1 + r % 400)) {
          failures_.Add("a global lookup found the wrong task");
        }
        break;
      }
      case 3: {  // limits on a VE's beancounter
        static const int kRes[] = {UB_NUMPROC, UB_PRIVVMPAGES, UB_LOCKEDPAGES};
        const uint64_t limit = r % 3 == 0 ? UB_MAXVALUE : 30 + r % 200;
        (void)k_.SetUbLimit(k_.init_task(), kFirstVeid + r % kWorkers,
                            kRes[(r >> 8) % 3], limit, limit);
        break;
      }
      case 4: {  // explicit charges on numflock
        user_beancounter* ub = k_.FindBeancounter(kFirstVeid + r % kWorkers);
        if (ub == nullptr) break;
        uint64_t& mine = explicit_[ub->ub_uid];
        if (r % 4 == 0 && mine > 0) {
          uncharge_beancounter(ub, UB_NUMFLOCK, 1);
          --mine;
        } else if (charge_beancounter(ub, UB_NUMFLOCK, 1, UB_HARD) == 0) {
          ++mine;
          if (vzsim::UbRead(ub->ub_parms[UB_NUMFLOCK].held) >
              vzsim::UbRead(ub->ub_parms[UB_NUMFLOCK].barrier)) {
            failures_.Add("numflock above its barrier after a HARD charge");
          }
        }
        if (r % 16 == 0) (void)UbSetLimits(ub, UB_NUMFLOCK, 40, 50);
        break;
      }
      case 5:  // an interrupt on the host's CPU
        if (!InterruptIsClean(k_, k_.init_task())) {
          failures_.Add("a host interrupt broke the exec context");
        }
        break;
      case 6: {  // the host's walk sees every VE's tasks, and counts agree
        absl::ReaderMutexLock l(&k_.tasklist_lock());
        size_t n = 0;
        for (task_struct* t : k_.LeadersAllLocked()) n += t != nullptr;
        if (n == 0) failures_.Add("the host's walk found nothing");
        break;
      }
    }
    (void)cpu;
  }

  Kernel& k_;
  Failures& failures_;
  std::mt19937 rng_{7};
  std::vector<task_struct*> mine_;
  std::map<uint32_t, uint64_t> explicit_;
};

int OpsPerThread() {
  const char* v = std::getenv("VZSIM_PROPERTY_MT_OPS");
  return v == nullptr ? 50000 : std::max(kOpsPerRound, std::atoi(v));
}

TEST(PropertyMtTest, InvariantsHoldWithSeveralCpusAtOnce) {
  KernelOptions options;
  options.nr_cpus = 1 + kWorkers;
  Kernel k(options);
  Failures failures;
  std::vector<std::unique_ptr<VeWorker>> workers;
  for (int i = 0; i < kWorkers; ++i) {
    workers.push_back(std::make_unique<VeWorker>(k, i, failures));
    workers.back()->SetUp();
  }
  HostWorker host(k, failures);

  const int rounds = OpsPerThread() / kOpsPerRound;
  for (int round = 0; round < rounds && failures.Get().empty(); ++round) {
    // Every thread runs a round; joining them is the barrier.
    std::vector<std::thread> threads;
    for (auto& w : workers) threads.emplace_back([&w] { w->RunRound(); });
    threads.emplace_back([&host] { host.RunRound(); });
    for (std::thread& t : threads) t.join();
    const std::string broken = KernelInvariants(k, host.explicit_numflock());
    if (!broken.empty())
      failures.Add(absl::StrCat("after round ", round, ": ", broken));
  }

  for (auto& w : workers) w->TearDown();
  host.TearDown();
  EXPECT_EQ(KernelInvariants(k, host.explicit_numflock()), "");
  for (int i = 0; i < kWorkers; ++i) {
    user_beancounter* ub = k.FindBeancounter(kFirstVeid + i);
    ASSERT_NE(ub, nullptr);
    for (int r = 0; r < UB_RESOURCES; ++r) {
      if (r == UB_NUMFLOCK) continue;
      EXPECT_EQ(vzsim::UbRead(ub->ub_parms[r].held), 0u)
          << "VE " << kFirstVeid + i << " is gone but holds "
          << ub_resource_name(r);
    }
  }
  for (const std::string& f : failures.Get()) ADD_FAILURE() << f;
  // The run did real work: every worker forked and mapped a lot, and its
  // VE was stopped (init killed) and created again.
  for (auto& w : workers) {
    EXPECT_GT(w->activity.forks, rounds * 10) << "VE worker forked too little";
    EXPECT_GT(w->activity.mmaps, rounds * 5) << "VE worker mapped too little";
    EXPECT_GT(w->activity.restarts, 0)
        << "a VE was never stopped and restarted";
    std::printf("VE worker: %d forks, %d mmaps, %d VE restarts\n",
                w->activity.forks, w->activity.mmaps, w->activity.restarts);
  }
}

}  // namespace
}  // namespace vzsim
