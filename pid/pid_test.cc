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

// kernel/pid.c: alloc_vpid(): in a VE with virt_pids, a task is numbered
// global pid + VPID_DIV, its init 1; a thread has its own number and the
// leader's tgid.
TEST_F(PidTest, AllocVpidGivesGlobalPlus1024) {
  EXPECT_EQ(virt_pid(init101), 1);
  EXPECT_EQ(virt_tgid(init101), 1);
  EXPECT_EQ(virt_pid(web), web->pid + 1024);
  EXPECT_EQ(virt_pid(web_thread), web_thread->pid + 1024);
  EXPECT_EQ(virt_tgid(web_thread), virt_pid(web));
  EXPECT_EQ(virt_pid(db), db->pid + 1024);
  EXPECT_EQ(virt_pid(init102), 1);
  EXPECT_EQ(virt_pid(mail), mail->pid + 1024);
  // Host tasks have only their global number.
  EXPECT_EQ(virt_pid(host_b), host_b->pid);
  // No global pid has bit 10 set.
  for (task_struct* t : {host_a, host_b, init101, web, web_thread, db}) {
    EXPECT_EQ(t->pid & 1024, 0) << t->comm;
  }
  // get_task_pid_ve: global from ve0, the stored number from a VE.
  EXPECT_EQ(get_task_pid_ve(db, k.ve0()), db->pid);
  EXPECT_EQ(get_task_pid_ve(db, ve101), db->pid + 1024);
  EXPECT_EQ(get_task_pid_ve(nullptr, ve101), 0);
  EXPECT_EQ(get_task_pid_ve(db, nullptr), 0);
}

// include/linux/sched.h: get_task_ppid(), the /proc PPid rule, seen from
// the reader's exec env.
TEST_F(PidTest, GetTaskPpidFollowsTheReadersExecEnv) {
  auto cpu = k.BindCpu(0, web);
  ASSERT_TRUE(cpu.ok());
  {
    TasklistReadGuard guard;
    EXPECT_EQ(get_task_ppid(init101), 0);  // the VE's own init
    EXPECT_EQ(get_task_ppid(web), 1);
    EXPECT_EQ(get_task_ppid(db), virt_pid(web));
    EXPECT_EQ(get_task_ppid(web_thread), 1);  // the group's parent
  }
  ASSERT_TRUE(cpu->SwitchTo(host_a).ok());
  TasklistReadGuard guard;
  EXPECT_EQ(get_task_ppid(init101), 1);  // host init, globally
  EXPECT_EQ(get_task_ppid(db), web->pid);
  EXPECT_EQ(get_task_ppid(k.init_task()), 0);
}

TEST_F(PidTest, GetTaskPpidOfAParentOutsideTheVeIsOne) {
  task_struct* admin = *k.Fork(host_a, "vzctl-enter");
  ASSERT_TRUE(k.EnterVe(admin, 101).ok());
  task_struct* child = *k.Fork(admin, "bash");
  auto cpu = k.BindCpu(0, child);
  ASSERT_TRUE(cpu.ok());
  {
    TasklistReadGuard guard;
    EXPECT_EQ(get_task_ppid(admin), 1);  // its parent host_a is outside
    EXPECT_EQ(get_task_ppid(child), virt_pid(admin));
  }
  ASSERT_TRUE(cpu->SwitchTo(host_a).ok());
  TasklistReadGuard guard;
  EXPECT_EQ(get_task_ppid(admin), host_a->pid);
}

// kernel/timer.c: sys_getppid(): virt_tgid(real_parent), untranslated: a
// VE task whose parent is a host task gets the host's global number.
TEST_F(PidTest, SysGetppidIsTheParentsStoredTgid) {
  auto cpu = k.BindCpu(0, web_thread);
  ASSERT_TRUE(cpu.ok());
  EXPECT_EQ(sys_getpid(), virt_pid(web));
  EXPECT_EQ(sys_gettid(), web_thread->pid + 1024);
  EXPECT_EQ(sys_getppid(), 1);
  ASSERT_TRUE(cpu->SwitchTo(init101).ok());
  EXPECT_EQ(sys_getpid(), 1);
  EXPECT_EQ(sys_getppid(), 1);  // host init's tgid: 1 globally as well
  ASSERT_TRUE(cpu->SwitchTo(db).ok());
  EXPECT_EQ(sys_getppid(), virt_pid(web));
  ASSERT_TRUE(cpu->SwitchTo(host_b).ok());
  EXPECT_EQ(sys_getpid(), host_b->pid);
  EXPECT_EQ(sys_getppid(), host_a->pid);
  task_struct* entered = *k.Fork(host_a, "entered");
  ASSERT_TRUE(k.EnterVe(entered, 101).ok());
  ASSERT_TRUE(cpu->SwitchTo(entered).ok());
  EXPECT_EQ(sys_getppid(), host_a->pid);
}

TEST_F(PidTest, SyscallsWithoutACpuGiveEsrch) {
  EXPECT_EQ(sys_getpid(), -ESRCH);
  EXPECT_EQ(sys_gettid(), -ESRCH);
  EXPECT_EQ(sys_getppid(), -ESRCH);
  EXPECT_EQ(sys_getpgrp(), -ESRCH);
  EXPECT_EQ(sys_getpgid(0), -ESRCH);
  EXPECT_EQ(sys_getsid(0), -ESRCH);
}

// kernel/sys.c: sys_getpgid() / sys_getsid(): the target as
// find_task_by_pid_ve() finds it, its ids as the exec env numbers them.
TEST_F(PidTest, SysGetpgidAndGetsid) {
  auto cpu = k.BindCpu(0, db);
  ASSERT_TRUE(cpu.ok());
  EXPECT_EQ(sys_getpgrp(), 1);  // init's group, inherited
  EXPECT_EQ(sys_getpgid(0), 1);
  EXPECT_EQ(sys_getsid(0), 1);
  EXPECT_EQ(sys_getpgid(virt_pid(web)), 1);
  EXPECT_EQ(sys_getpgid(mail->pid), -ESRCH);  // VE 102's
  ASSERT_TRUE(cpu->SwitchTo(host_a).ok());
  EXPECT_EQ(sys_getpgid(db->pid), init101->pid);  // global from the host
  EXPECT_EQ(sys_getsid(db->pid), init101->pid);
  EXPECT_EQ(sys_getpgid(virt_pid(db)), -ESRCH);
}

TEST_F(PidTest, FindAllTakesGlobalPidsFromAnywhere) {
  auto cpu = k.BindCpu(0, mail);  // even from inside VE 102
  ASSERT_TRUE(cpu.ok());
  read_lock(&tasklist_lock);
  EXPECT_EQ(find_task_by_pid_all(db->pid), db);
  EXPECT_EQ(find_task_by_pid_all(host_b->pid), host_b);
  EXPECT_EQ(find_task_by_pid_all(0), nullptr);
  EXPECT_EQ(find_task_by_pid_all(-1), nullptr);
  EXPECT_EQ(find_task_by_pid_all(4194304 & ~1024), nullptr);
  read_unlock(&tasklist_lock);
  EXPECT_TRUE(k.Bugs().empty());
}

// kernel/pid.c: find_task_by_pid_type_all() BUG()s on a virtual number: one
// with bit 10 set, or 1 from a VE. The model records the BUG and returns
// NULL.
TEST_F(PidTest, FindTaskByPidAllRefusesAVirtualNumberWithABug) {
  auto cpu = k.BindCpu(0, mail);
  ASSERT_TRUE(cpu.ok());
  {
    TasklistReadGuard guard;
    EXPECT_EQ(find_task_by_pid_all(1), nullptr);  // 1 is virtual in a VE
    EXPECT_EQ(find_task_by_pid_all(virt_pid(mail)), nullptr);
  }
  ASSERT_TRUE(cpu->SwitchTo(host_a).ok());
  {
    TasklistReadGuard guard;
    EXPECT_EQ(find_task_by_pid_all(1), k.init_task());  // not from ve0
    EXPECT_EQ(find_task_by_pid_all(2048 + 1024), nullptr);
  }
  EXPECT_EQ(k.Bugs(),
            (std::vector<std::string>{"kernel/pid.c:353", "kernel/pid.c:353",
                                      "kernel/pid.c:353"}));
  EXPECT_NE(k.HostLog().find("kernel BUG at kernel/pid.c:353!"),
            std::string::npos);
}

// kernel/pid.c: find_task_by_pid_type(): the deprecated name warns once,
// then acts as the _ve lookup.
TEST_F(PidTest, FindTaskByPidWarnsOnceAndActsAsVe) {
  auto cpu = k.BindCpu(0, web);
  ASSERT_TRUE(cpu.ok());
  TasklistReadGuard guard;
  EXPECT_EQ(find_task_by_pid(virt_pid(db)), db);
  EXPECT_EQ(find_task_by_pid(mail->pid), nullptr);
  const std::string log = k.HostLog();
  const std::string line =
      "<3>web: deprecated find_task_by_pid function is used. If it is "
      "called by the proprietary ATI video driver it is ok, otherwise "
      "please report the case to users@openvz.org\n";
  ASSERT_NE(log.find(line), std::string::npos) << log;
  EXPECT_EQ(log.find(line), log.rfind(line));  // once only
}

TEST_F(PidTest, FindVeFromTheHostTakesGlobalPidsOnly) {
  auto cpu = k.BindCpu(0, host_a);
  ASSERT_TRUE(cpu.ok());
  TasklistReadGuard guard;
  EXPECT_EQ(find_task_by_pid_ve(db->pid), db);
  EXPECT_EQ(find_task_by_pid_ve(mail->pid), mail);
  EXPECT_EQ(find_task_by_pid_ve(1), k.init_task());
  // A number with bit 10 set is no global pid: nothing.
  EXPECT_EQ(find_task_by_pid_ve(virt_pid(db)), nullptr);
}

// kernel/pid.c: find_task_by_pid_type_ve(): from a VE, its own tasks by
// virtual and by global number; init's "natural" number is not mapped.
TEST_F(PidTest, FindTaskByPidVeFindsOwnTasksByBothNumbers) {
  auto cpu = k.BindCpu(0, web);
  ASSERT_TRUE(cpu.ok());
  TasklistReadGuard guard;
  EXPECT_EQ(find_task_by_pid_ve(1), init101);
  EXPECT_EQ(find_task_by_pid_ve(virt_pid(web)), web);
  EXPECT_EQ(find_task_by_pid_ve(virt_pid(web_thread)), web_thread);
  EXPECT_EQ(find_task_by_pid_ve(virt_pid(db)), db);
  EXPECT_EQ(find_task_by_pid_ve(db->pid), db);
  EXPECT_EQ(find_task_by_pid_ve(init101->pid), init101);
  EXPECT_EQ(find_task_by_pid_ve(init101->pid + 1024), nullptr);
  EXPECT_EQ(find_task_by_pid_ve(0), nullptr);
  EXPECT_EQ(find_task_by_pid_ve(-1), nullptr);
  EXPECT_EQ(find_task_by_pid_ve(mail->pid), nullptr);
  EXPECT_EQ(find_task_by_pid_ve(virt_pid(mail)), nullptr);
  EXPECT_EQ(find_task_by_pid_ve(host_a->pid), nullptr);
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
    EXPECT_EQ(find_task_by_pid_ve(virt_pid(mail)), mail);
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
  EXPECT_EQ(first.front(), 1);
  EXPECT_EQ(first.size(), 26u);  // init, 20 x, 5 y; the victim is gone
}

TEST_F(PidTest, NothingWithoutACpu) {
  TasklistReadGuard guard;  // no CPU bound: the lock is a no-op
  EXPECT_EQ(find_task_by_pid_all(1), nullptr);
  EXPECT_EQ(find_task_by_pid_ve(1), nullptr);
  task_struct* p = nullptr;
  int n = 0;
  for_each_process_all(p) n += p != nullptr;
  EXPECT_EQ(n, 0);
}

// The global pids run out for VE and host alike: there is no per-VE space.
TEST_F(PidTest, AVeSharesTheGlobalPidSpace) {
  ASSERT_TRUE(k.SetPidMax(PidMap::kPidMaxMin).ok());  // 1 .. 300
  int made = 0;
  while (k.Fork(init101).ok()) ++made;
  EXPECT_EQ(ErrnoOf(k.Fork(init101).status()), EAGAIN);
  EXPECT_EQ(ErrnoOf(k.Fork(host_a).status()), EAGAIN);
  EXPECT_EQ(made + 9, 300);  // the 9 tasks of the fixture took 1 .. 9
}

// Restore (kernel/cpt): an explicit virtual pid makes the VE sparse; a
// number already mapped there is -EEXIST.
TEST_F(PidTest, AllocVpidExplicitNumberMakesTheVeSparse) {
  auto restored = k.RestoreFork(init101, 6000);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ(virt_pid(*restored), 6000);
  EXPECT_TRUE(ve101->sparse_vpid);
  EXPECT_EQ(ErrnoOf(k.RestoreFork(init101, 6000).status()), EEXIST);
  EXPECT_EQ(ErrnoOf(k.RestoreFork(init101, 1).status()), EEXIST);
  EXPECT_EQ(ErrnoOf(k.RestoreFork(init101, 0).status()), EINVAL);
  // Lookups in a sparse VE go through the hash: old and new numbers.
  auto cpu = k.BindCpu(0, web);
  ASSERT_TRUE(cpu.ok());
  TasklistReadGuard guard;
  EXPECT_EQ(find_task_by_pid_ve(6000), *restored);
  EXPECT_EQ(find_task_by_pid_ve(virt_pid(db)), db);
  EXPECT_EQ(find_task_by_pid_ve(1), init101);
  EXPECT_EQ(find_task_by_pid_ve((*restored)->pid), *restored);
}

// kernel.virt_pids off: a VE made then numbers its tasks globally; its
// init is still 1 to itself, but that 1 is not mapped.
TEST_F(PidTest, WithoutVirtPidsAVeUsesGlobalNumbers) {
  k.SetVirtPids(false);
  task_struct* init = *k.Fork(k.init_task(), "init103");
  ve_struct* ve = *k.CreateVe(init, 103);
  EXPECT_FALSE(ve->virt_pids);
  task_struct* child = *k.Fork(init, "child");
  EXPECT_EQ(virt_pid(child), child->pid);
  EXPECT_EQ(virt_pid(init), 1);
  auto cpu = k.BindCpu(0, child);
  ASSERT_TRUE(cpu.ok());
  TasklistReadGuard guard;
  EXPECT_EQ(find_task_by_pid_ve(child->pid), child);
  EXPECT_EQ(find_task_by_pid_ve(init->pid), init);
  EXPECT_EQ(find_task_by_pid_ve(1), nullptr);
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
  EXPECT_EQ(vpids.count(1), 0u);
  for (pid_t nr : vpids) EXPECT_NE(nr & 1024, 0) << nr;
}

}  // namespace
}  // namespace vzsim
