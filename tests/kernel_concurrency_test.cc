// Several host threads drive one Kernel at once, each as its own simulated
// CPU, as the CPUs of an SMP kernel do. Run under --config=tsan too: the
// task-list lock and the uts lock must make every shared access safe, and
// the invariants (isolation, counts, no lost tasks) must hold at the end.
#include <atomic>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "kernel/kernel.h"
#include "kernel/process.h"
#include "pid/pid.h"
#include "uts/uts.h"
#include "ve/ve.h"

namespace vzsim {
namespace {

constexpr int kRounds = 300;

// One CPU's workload: fork a few children in its VE, look them up, walk the
// VE, exit and reap them again.
void ChurnInsideVe(Kernel& k, int cpu_index, task_struct* init,
                   std::atomic<int>& violations) {
  auto cpu = k.BindCpu(cpu_index, init);
  ASSERT_TRUE(cpu.ok()) << cpu.status();
  ve_struct* own = get_exec_env();
  for (int round = 0; round < kRounds; ++round) {
    pid_t kids[4];
    for (pid_t& kid : kids) {
      kid = sys_fork();
      ASSERT_GT(kid, 0);
    }
    read_lock(&tasklist_lock);
    for (pid_t kid : kids) {
      task_struct* t = find_task_by_pid_ve(kid);
      if (t == nullptr || t->ve_task_info.owner_env != own) violations++;
    }
    task_struct* p;
    for_each_process_ve(p) {
      if (p->ve_task_info.owner_env != own) violations++;
    }
    read_unlock(&tasklist_lock);
    // Kill them (the children of init are reaped by init at once).
    for (pid_t kid : kids) {
      task_struct* t;
      read_lock(&tasklist_lock);
      t = find_task_by_pid_ve(kid);
      read_unlock(&tasklist_lock);
      ASSERT_NE(t, nullptr);
      ASSERT_TRUE(k.Exit(t, 0).ok());
    }
    char name[16];
    const int len = snprintf(name, sizeof(name), "ve%d-%d", cpu_index, round);
    ASSERT_EQ(sys_sethostname(name, len), 0);
    new_utsname u;
    ASSERT_EQ(sys_newuname(&u), 0);
    if (std::string(u.nodename) != name) violations++;
  }
}

TEST(KernelConcurrencyTest, TwoCpusChurnTwoVesWhileTheHostWatches) {
  KernelOptions options;
  options.nr_cpus = 3;
  Kernel k(options);
  task_struct* init1 = *k.Fork(k.init_task(), "init1");
  task_struct* init2 = *k.Fork(k.init_task(), "init2");
  ve_struct* ve1 = *k.CreateVe(init1, 101);
  ve_struct* ve2 = *k.CreateVe(init2, 102);

  std::atomic<int> violations{0};
  std::atomic<bool> done{false};
  std::thread a([&] { ChurnInsideVe(k, 0, init1, violations); });
  std::thread b([&] { ChurnInsideVe(k, 1, init2, violations); });
  // The host, on CPU 2, walks everything and checks each task's counts.
  std::thread host([&] {
    auto cpu = k.BindCpu(2, k.init_task());
    ASSERT_TRUE(cpu.ok());
    while (!done.load()) {
      read_lock(&tasklist_lock);
      int in_ve1 = 0;
      task_struct *g, *t;
      do_each_thread_all(g, t) {
        if (t->ve_task_info.owner_env == ve1) ++in_ve1;
      }
      while_each_thread_all(g, t);
      if (in_ve1 != atomic_read(&ve1->pcounter)) violations++;
      read_unlock(&tasklist_lock);
      new_utsname u;
      if (sys_newuname(&u) != 0 || std::string(u.nodename) != "localhost") {
        violations++;
      }
    }
  });
  a.join();
  b.join();
  done = true;
  host.join();

  EXPECT_EQ(violations.load(), 0);
  EXPECT_EQ(atomic_read(&ve1->pcounter), 1);
  EXPECT_EQ(atomic_read(&ve2->pcounter), 1);
  EXPECT_EQ(k.nr_tasks(), 3u);
  EXPECT_EQ(k.Uname(ve1)->nodename,
            std::string("ve0-") + std::to_string(kRounds - 1));
}

TEST(KernelConcurrencyTest, ParallelForkAndExitOnTheHostLoseNoPid) {
  Kernel k;
  task_struct* p1 = *k.Fork(k.init_task(), "p1");
  task_struct* p2 = *k.Fork(k.init_task(), "p2");
  auto worker = [&](int cpu_index, task_struct* self) {
    auto cpu = k.BindCpu(cpu_index, self);
    ASSERT_TRUE(cpu.ok());
    for (int i = 0; i < 2000; ++i) {
      const pid_t kid = sys_fork();
      ASSERT_GT(kid, 0);
      task_struct* t = k.FindTaskByPid(kid);
      ASSERT_NE(t, nullptr);
      ASSERT_TRUE(k.Exit(t, i).ok());
      int status = -1;
      ASSERT_EQ(sys_wait4(kid, &status), kid);
      ASSERT_EQ(status, i);
    }
  };
  std::thread a(worker, 0, p1);
  std::thread b(worker, 1, p2);
  a.join();
  b.join();
  EXPECT_EQ(k.nr_tasks(), 3u);
  absl::ReaderMutexLock l(&k.tasklist_lock());
  EXPECT_EQ(k.PidsLocked().numbers().nr_taken(), 3);
}

// wait4(pid) names the child in the caller's own (virtual) numbering. Two
// threads of one group inside a VE fork, exit and reap children while the
// host's pid space is nearly full, so a freed global pid is handed out again
// almost at once. One thread reaps whatever child has exited (wait4(-1)); the
// other reaps its own child by virtual pid. do_wait() matches the number
// inside its walk, under one hold of the task-list lock, so the answer is
// that pid; or -ECHILD once the first thread took the child; or 0 when, in
// between, a new child took the freed global pid and so the same virtual pid
// (028stab numbers a VE's task global pid + VPID_DIV, kernel/pid.c:
// alloc_vpid()) and has not exited yet. Never another child's pid.
TEST(KernelConcurrencyTest, WaitByVirtualPidReapsOnlyThatChild) {
  KernelOptions options;
  options.pid_max = PidMap::kReservedPids + 4;  // 4 pids after the wrap
  Kernel k(options);
  task_struct* vzctl = *k.Fork(k.init_task(), "vzctl");
  ASSERT_TRUE(k.CreateVe(vzctl, 101).ok());
  task_struct* leader = *k.Fork(vzctl, "sh");
  task_struct* thread = *k.Fork(leader, "sh", CLONE_THREAD);
  // Host sleepers take every global pid below the wrap point.
  while (true) {
    absl::StatusOr<task_struct*> filler = k.Fork(k.init_task(), "sleeper");
    ASSERT_TRUE(filler.ok());
    if ((*filler)->pid == PidMap::kReservedPids - 1) break;
  }

  constexpr int kIterations = 50000;
  std::atomic<int> wrong{0};
  auto fork_and_exit = [&k] {
    const pid_t kid = sys_fork();
    if (kid <= 0) return kid;
    read_lock(&tasklist_lock);
    task_struct* t = find_task_by_pid_ve(kid);
    read_unlock(&tasklist_lock);
    if (t == nullptr || !k.Exit(t, 0).ok()) return -1;
    return kid;
  };
  std::thread by_pid([&] {
    auto cpu = k.BindCpu(0, leader);
    ASSERT_TRUE(cpu.ok());
    for (int i = 0; i < kIterations; ++i) {
      const pid_t kid = fork_and_exit();
      if (kid == -EAGAIN) continue;  // the other thread's zombies fill it
      ASSERT_GT(kid, 0);
      const pid_t got = sys_wait4(kid, nullptr);
      if (got != kid && got != -ECHILD && got != 0) wrong++;
    }
  });
  std::thread any([&] {
    auto cpu = k.BindCpu(1, thread);
    ASSERT_TRUE(cpu.ok());
    for (int i = 0; i < kIterations; ++i) {
      const pid_t kid = fork_and_exit();
      ASSERT_TRUE(kid > 0 || kid == -EAGAIN) << kid;
      sys_wait4(-1, nullptr);
    }
    while (sys_wait4(-1, nullptr) > 0) {
    }
  });
  by_pid.join();
  any.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace vzsim
