// The kernel face of pids, driven the way arch code uses it: from a bound
// simulated CPU, with the task-list lock held for reading.
#include "pid/pid.h"

#include <algorithm>
#include <cerrno>
#include <set>
#include <vector>

#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "kernel/process.h"
#include "ve/ve.h"

namespace vzsim {
namespace {

// The host, VE 101 (init + 2 processes, one with a thread) and VE 102
// (init + 1 process), and a few host tasks.
class PidTest : public ::testing::Test {
 protected:
  void SetUp() override {
    host_a = *k.Fork(k.init_task(), "host-a");
    host_b = *k.Fork(host_a, "host-b");
    init101 = *k.Fork(k.init_task(), "init101");
    ve101 = *k.CreateVe(init101, 101);
    web = *k.Fork(init101, "web");
    web_thread = *k.Fork(web, "web-worker", CLONE_THREAD);
    db = *k.Fork(web, "db");
    init102 = *k.Fork(k.init_task(), "init102");
    ve102 = *k.CreateVe(init102, 102);
    mail = *k.Fork(init102, "mail");
  }

  // Every leader for_each_process_ve sees when `task` runs on CPU 0.
  std::vector<task_struct*> ProcessesSeenBy(task_struct* task) {
    auto cpu = k.BindCpu(0, task);
    EXPECT_TRUE(cpu.ok());
    std::vector<task_struct*> seen;
    task_struct* p;
    read_lock(&tasklist_lock);
    for_each_process_ve(p) seen.push_back(p);
    read_unlock(&tasklist_lock);
    return seen;
  }

  std::vector<task_struct*> ThreadsSeenBy(task_struct* task) {
    auto cpu = k.BindCpu(0, task);
    EXPECT_TRUE(cpu.ok());
    std::vector<task_struct*> seen;
    task_struct *g, *t;
    read_lock(&tasklist_lock);
    do_each_thread_ve(g, t) { seen.push_back(t); }
    while_each_thread_ve(g, t);
    read_unlock(&tasklist_lock);
    return seen;
  }

  Kernel k;
  task_struct *host_a, *host_b, *init101, *web, *web_thread, *db;
  task_struct *init102, *mail;
  ve_struct *ve101, *ve102;
};

TEST_F(PidTest, VirtualAndGlobalNumbers) {
  EXPECT_EQ(virt_pid(init101), 1);
  EXPECT_EQ(virt_pid(web), 2);
  EXPECT_EQ(virt_pid(web_thread), 3);
  EXPECT_EQ(virt_tgid(web_thread), 2);
  EXPECT_EQ(virt_pid(db), 4);
  EXPECT_EQ(virt_pid(init102), 1);
  EXPECT_EQ(virt_pid(mail), 2);
  // Host tasks have only their global number.
  EXPECT_EQ(virt_pid(host_b), host_b->pid);
  // get_task_pid_ve: global from ve0, virtual from the VE.
  EXPECT_EQ(get_task_pid_ve(db, k.ve0()), db->pid);
  EXPECT_EQ(get_task_pid_ve(db, ve101), 4);
  EXPECT_EQ(get_task_tgid_ve(web_thread, k.ve0()), web->pid);
  EXPECT_EQ(get_task_tgid_ve(web_thread, ve101), 2);
  EXPECT_EQ(get_task_pid_ve(nullptr, ve101), 0);
  EXPECT_EQ(get_task_pid_ve(db, nullptr), 0);
}

TEST_F(PidTest, ParentPidRules) {
  auto cpu = k.BindCpu(0, k.init_task());
  ASSERT_TRUE(cpu.ok());
  TasklistReadGuard guard;
  // Inside the VE: 0 for init, the parent's virtual tgid otherwise.
  EXPECT_EQ(get_task_ppid_ve(init101, ve101), 0);
  EXPECT_EQ(get_task_ppid_ve(web, ve101), 1);
  EXPECT_EQ(get_task_ppid_ve(db, ve101), 2);
  EXPECT_EQ(get_task_ppid_ve(web_thread, ve101), 1);  // the group's parent
  // From the host: global numbers; init101's parent is host init.
  EXPECT_EQ(get_task_ppid_ve(init101, k.ve0()), 1);
  EXPECT_EQ(get_task_ppid_ve(db, k.ve0()), web->pid);
  EXPECT_EQ(get_task_ppid_ve(k.init_task(), k.ve0()), 0);
  // A task of another VE is not visible: 0.
  EXPECT_EQ(get_task_ppid_ve(mail, ve101), 0);
}

TEST_F(PidTest, ParentOutsideTheVeShowsAsOne) {
  task_struct* admin = *k.Fork(host_a, "vzctl-enter");
  ASSERT_TRUE(k.EnterVe(admin, 101).ok());
  task_struct* child = *k.Fork(admin, "bash");
  auto cpu = k.BindCpu(0, k.init_task());
  ASSERT_TRUE(cpu.ok());
  TasklistReadGuard guard;
  EXPECT_EQ(get_task_ppid_ve(admin, ve101), 1);  // parent host_a is outside
  EXPECT_EQ(get_task_ppid_ve(child, ve101), virt_pid(admin));
  EXPECT_EQ(get_task_ppid_ve(admin, k.ve0()), host_a->pid);
}

TEST_F(PidTest, SyscallsReportTheCallersOwnNumbers) {
  auto cpu = k.BindCpu(0, web_thread);
  ASSERT_TRUE(cpu.ok());
  EXPECT_EQ(sys_getpid(), 2);
  EXPECT_EQ(sys_gettid(), 3);
  EXPECT_EQ(sys_getppid(), 1);
  ASSERT_TRUE(cpu->SwitchTo(init101).ok());
  EXPECT_EQ(sys_getppid(), 0);
  ASSERT_TRUE(cpu->SwitchTo(db).ok());
  EXPECT_EQ(sys_getpid(), 4);
  ASSERT_TRUE(cpu->SwitchTo(host_b).ok());
  EXPECT_EQ(sys_getpid(), host_b->pid);
  EXPECT_EQ(sys_getppid(), host_a->pid);
}

TEST_F(PidTest, SyscallsWithoutACpuGiveEsrch) {
  EXPECT_EQ(sys_getpid(), -ESRCH);
  EXPECT_EQ(sys_gettid(), -ESRCH);
  EXPECT_EQ(sys_getppid(), -ESRCH);
}

TEST_F(PidTest, FindAllTakesGlobalPidsFromAnywhere) {
  auto cpu = k.BindCpu(0, mail);  // even from inside VE 102
  ASSERT_TRUE(cpu.ok());
  read_lock(&tasklist_lock);
  EXPECT_EQ(find_task_by_pid_all(db->pid), db);
  EXPECT_EQ(find_task_by_pid_all(host_b->pid), host_b);
  EXPECT_EQ(find_task_by_pid_all(1), k.init_task());
  EXPECT_EQ(find_task_by_pid_all(0), nullptr);
  EXPECT_EQ(find_task_by_pid_all(-1), nullptr);
  EXPECT_EQ(find_task_by_pid_all(4194304), nullptr);
  EXPECT_EQ(find_task_by_pid_all(2147483647), nullptr);
  read_unlock(&tasklist_lock);
}

TEST_F(PidTest, FindVeFromTheHostTakesGlobalPids) {
  auto cpu = k.BindCpu(0, host_a);
  ASSERT_TRUE(cpu.ok());
  TasklistReadGuard guard;
  EXPECT_EQ(find_task_by_pid_ve(db->pid), db);
  EXPECT_EQ(find_task_by_pid_ve(mail->pid), mail);
  EXPECT_EQ(find_task_by_pid_ve(1), k.init_task());
}

TEST_F(PidTest, FindVeFromAVeTakesVirtualPidsOfThatVeOnly) {
  auto cpu = k.BindCpu(0, web);
  ASSERT_TRUE(cpu.ok());
  TasklistReadGuard guard;
  EXPECT_EQ(find_task_by_pid_ve(1), init101);
  EXPECT_EQ(find_task_by_pid_ve(2), web);
  EXPECT_EQ(find_task_by_pid_ve(3), web_thread);
  EXPECT_EQ(find_task_by_pid_ve(4), db);
  EXPECT_EQ(find_task_by_pid_ve(0), nullptr);
  EXPECT_EQ(find_task_by_pid_ve(-1), nullptr);
  EXPECT_EQ(find_task_by_pid_ve(5), nullptr);
}

TEST_F(PidTest, NoNumberReachesAnotherVesOrTheHostsTasks) {
  // Guess every number of the pid space from inside VE 101.
  auto cpu = k.BindCpu(0, db);
  ASSERT_TRUE(cpu.ok());
  TasklistReadGuard guard;
  std::set<task_struct*> found;
  for (pid_t nr = -5; nr <= PidMap::kDefaultPidMax + 5; ++nr) {
    if (task_struct* t = find_task_by_pid_ve(nr)) {
      EXPECT_EQ(t->ve_task_info.owner_env, ve101)
          << "pid " << nr << " reached " << t->comm;
      found.insert(t);
    }
  }
  EXPECT_EQ(found, (std::set<task_struct*>{init101, web, web_thread, db}));
}

TEST_F(PidTest, ExecEnvDecidesWhatFindVeSees) {
  // A host task running for VE 102 (as during vzctl exec) sees VE 102.
  auto cpu = k.BindCpu(0, host_a);
  ASSERT_TRUE(cpu.ok());
  ve_struct* old = set_exec_env(ve102);
  {
    TasklistReadGuard guard;
    EXPECT_EQ(find_task_by_pid_ve(2), mail);
    EXPECT_EQ(find_task_by_pid_ve(host_b->pid), nullptr);
  }
  set_exec_env(old);
  TasklistReadGuard guard;
  EXPECT_EQ(find_task_by_pid_ve(host_b->pid), host_b);
}

TEST_F(PidTest, ForEachProcessVeInAVeVisitsOnlyItsLeaders) {
  std::vector<task_struct*> seen = ProcessesSeenBy(db);
  std::sort(seen.begin(), seen.end());
  std::vector<task_struct*> want = {init101, web, db};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(seen, want);
  EXPECT_EQ(ProcessesSeenBy(mail).size(), 2u);
}

TEST_F(PidTest, ForEachProcessVeOnTheHostVisitsEverything) {
  const std::vector<task_struct*> seen = ProcessesSeenBy(host_b);
  EXPECT_EQ(seen.size(), 8u);  // 3 on the host, 3 in VE 101, 2 in VE 102
}

TEST_F(PidTest, ForEachProcessAllFromAVeStillVisitsEverything) {
  auto cpu = k.BindCpu(0, mail);
  ASSERT_TRUE(cpu.ok());
  int n = 0;
  task_struct* p;
  TasklistReadGuard guard;
  for_each_process_all(p) {
    EXPECT_TRUE(thread_group_leader(p));
    ++n;
  }
  EXPECT_EQ(n, 8);
}

TEST_F(PidTest, DoEachThreadVisitsThreadsToo) {
  std::vector<task_struct*> in_ve = ThreadsSeenBy(web);
  EXPECT_EQ(in_ve.size(), 4u);  // init101, web, web_thread, db
  EXPECT_NE(std::find(in_ve.begin(), in_ve.end(), web_thread), in_ve.end());
  EXPECT_EQ(ThreadsSeenBy(host_a).size(), 9u);  // every task
  auto cpu = k.BindCpu(0, mail);
  ASSERT_TRUE(cpu.ok());
  int n = 0;
  task_struct *g, *t;
  TasklistReadGuard guard;
  do_each_thread_all(g, t) { ++n; }
  while_each_thread_all(g, t);
  EXPECT_EQ(n, 9);
}

TEST_F(PidTest, IterationOrderIsDeterministic) {
  auto build = [](Kernel& kernel) {
    task_struct* a = *kernel.Fork(kernel.init_task(), "a");
    *kernel.CreateVe(a, 5);
    for (int i = 0; i < 20; ++i) *kernel.Fork(a, "x");
    task_struct* victim = *kernel.Fork(a, "victim");
    for (int i = 0; i < 5; ++i) *kernel.Fork(a, "y");
    (void)kernel.Exit(victim, 0);  // reaped by the VE's init: array shuffles
    auto cpu = kernel.BindCpu(0, a);
    std::vector<pid_t> order;
    task_struct* p;
    TasklistReadGuard guard;
    for_each_process_ve(p) order.push_back(p->vpid);
    return order;
  };
  Kernel k1, k2;
  const std::vector<pid_t> first = build(k1);
  EXPECT_EQ(first, build(k2));
  EXPECT_EQ(first.size(), 26u);  // init, 20 x, 5 y; the victim is gone
}

TEST_F(PidTest, NothingWithoutACpu) {
  TasklistReadGuard guard;  // no CPU bound: the lock is a no-op
  EXPECT_EQ(get_task_ppid_ve(web, ve101), 0);
  EXPECT_EQ(find_task_by_pid_all(1), nullptr);
  EXPECT_EQ(find_task_by_pid_ve(1), nullptr);
  task_struct* p = nullptr;
  int n = 0;
  for_each_process_all(p) n += p != nullptr;
  EXPECT_EQ(n, 0);
}

TEST_F(PidTest, VeHasItsOwnPidMax) {
  task_struct* init = *k.Fork(k.init_task(), "small");
  VeCreateOptions options;
  options.pid_max = PidMap::kPidMaxMin;
  ve_struct* small = *k.CreateVe(init, 7, options);
  int made = 1;
  while (k.Fork(init).ok()) ++made;
  EXPECT_EQ(made, 300);
  EXPECT_EQ(ErrnoOf(k.Fork(init).status()), EAGAIN);
  // The global space is not exhausted: the host can still fork.
  EXPECT_TRUE(k.Fork(host_a).ok());
  EXPECT_EQ(atomic_read(&small->pcounter), 300);
}

TEST_F(PidTest, VirtualPidsAreNotReusedWhileLive) {
  auto cpu = k.BindCpu(0, db);
  ASSERT_TRUE(cpu.ok());
  std::set<pid_t> vpids;
  for (int i = 0; i < 200; ++i) {
    const pid_t nr = sys_fork();
    ASSERT_GT(nr, 0);
    EXPECT_TRUE(vpids.insert(nr).second) << nr;
  }
  EXPECT_EQ(vpids.count(1) + vpids.count(2) + vpids.count(4), 0u);
}

}  // namespace
}  // namespace vzsim
