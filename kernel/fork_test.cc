#include <cerrno>
#include <csignal>
#include <cstring>

#include "gtest/gtest.h"
#include "kernel/cpu.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"

namespace vzsim {
namespace {

TEST(BootTest, HostInitIsPidOneInVe0) {
  Kernel k;
  task_struct* init = k.init_task();
  EXPECT_EQ(init->pid, 1);
  EXPECT_EQ(init->tgid, 1);
  EXPECT_EQ(init->vpid, 1);
  EXPECT_EQ(init->ve_task_info.owner_env, k.ve0());
  EXPECT_EQ(init->ve_task_info.exec_env, k.ve0());
  EXPECT_EQ(k.ve0()->veid, 0u);
  EXPECT_TRUE(k.ve0()->is_running);
  EXPECT_EQ(k.ve0()->init_entry, init);
  EXPECT_EQ(k.FindTaskByPid(1), init);
  EXPECT_EQ(k.nr_tasks(), 1u);
  EXPECT_STREQ(init->comm, "init");
}

TEST(ForkTest, ChildGetsNextPidAndIsLinkedToItsParent) {
  Kernel k;
  auto a = k.Fork(k.init_task(), "a");
  ASSERT_TRUE(a.ok()) << a.status();
  auto b = k.Fork(*a, "b");
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ((*a)->pid, 2);
  EXPECT_EQ((*b)->pid, 3);
  EXPECT_EQ((*b)->tgid, 3);
  EXPECT_EQ((*b)->real_parent, *a);
  EXPECT_EQ((*b)->group_leader, *b);
  EXPECT_STREQ((*b)->comm, "b");
  EXPECT_EQ(list_first_entry(&(*a)->children, task_struct, sibling), *b);
  EXPECT_EQ(k.FindTaskByPid(3), *b);
  EXPECT_EQ(k.nr_tasks(), 3u);
  // ve0 counts itself and the second CPU's idle task too (init_ve0()).
  EXPECT_EQ(atomic_read(&k.ve0()->pcounter), 3 + 2);
}

TEST(ForkTest, ChildInheritsCommAndBothEnvsAndSession) {
  Kernel k;
  task_struct* a = *k.Fork(k.init_task(), "daemon");
  ASSERT_TRUE(k.SetSid(a).ok());
  task_struct* b = *k.Fork(a);
  EXPECT_STREQ(b->comm, "daemon");
  EXPECT_EQ(b->session, a->pid);
  EXPECT_EQ(b->pgrp, a->pid);
  EXPECT_EQ(b->ve_task_info.owner_env, a->ve_task_info.owner_env);
  EXPECT_EQ(b->ve_task_info.exec_env, a->ve_task_info.exec_env);
}

// copy_signal(), copy_sighand(): a process copies its parent's limits and
// handlers (the boot task's are INIT_RLIMITS and SIG_DFL); a thread shares
// its group's; the last task released frees them. Every uid is root's.
TEST(ForkTest, AProcessCopiesLimitsAndHandlersAThreadSharesThem) {
  Kernel k;
  task_struct* a = *k.Fork(k.init_task(), "a");
  EXPECT_EQ(a->signal->rlim[RLIMIT_STACK].rlim_cur, _STK_LIM);
  EXPECT_EQ(a->signal->rlim[RLIMIT_STACK].rlim_max, RLIM_INFINITY);
  EXPECT_EQ(a->signal->rlim[RLIMIT_MEMLOCK].rlim_cur, MLOCK_LIMIT);
  EXPECT_EQ(a->sighand->action[SIGUSR1 - 1].sa.sa_handler, SIG_DFL);
  EXPECT_EQ(a->uid, 0u);
  a->signal->rlim[RLIMIT_STACK].rlim_cur = 1 << 20;
  ASSERT_TRUE(k.SetSignalHandler(a, SIGUSR1, true).ok());
  task_struct* b = *k.Fork(a, "b");
  task_struct* t = *k.Fork(a, "t", CLONE_THREAD);
  EXPECT_NE(b->signal, a->signal);
  EXPECT_NE(b->sighand, a->sighand);
  EXPECT_EQ(b->signal->rlim[RLIMIT_STACK].rlim_cur, 1u << 20);
  EXPECT_EQ(b->sighand->action[SIGUSR1 - 1].sa.sa_handler, InstalledHandler());
  EXPECT_EQ(b->uid, 0u);
  // The child's own from now on; the thread's are its group's.
  ASSERT_TRUE(k.SetSignalHandler(b, SIGUSR1, false).ok());
  EXPECT_EQ(a->sighand->action[SIGUSR1 - 1].sa.sa_handler, InstalledHandler());
  EXPECT_EQ(t->signal, a->signal);
  EXPECT_EQ(t->sighand, a->sighand);
  ASSERT_TRUE(k.SetSignalHandler(t, SIGUSR2, true).ok());
  EXPECT_EQ(a->sighand->action[SIGUSR2 - 1].sa.sa_handler, InstalledHandler());
  EXPECT_EQ(atomic_read(&a->sighand->count), 2);
  EXPECT_EQ(atomic_read(&a->signal->count), 2);
  ASSERT_TRUE(k.Exit(t, 0).ok());  // a thread is released at once
  EXPECT_EQ(atomic_read(&a->sighand->count), 1);
  EXPECT_EQ(atomic_read(&a->signal->count), 1);
}

TEST(ForkTest, LongCommIsTruncatedTo15Bytes) {
  Kernel k;
  task_struct* a = *k.Fork(k.init_task(), "a-very-long-command-name");
  EXPECT_EQ(std::strlen(a->comm), 15u);
  EXPECT_STREQ(a->comm, "a-very-long-com");
}

TEST(ForkTest, CloneThreadJoinsTheGroup) {
  Kernel k;
  task_struct* a = *k.Fork(k.init_task(), "a");
  task_struct* t = *k.Fork(a, "worker", CLONE_THREAD);
  EXPECT_EQ(t->tgid, a->pid);
  EXPECT_NE(t->pid, a->pid);
  EXPECT_EQ(t->group_leader, a);
  EXPECT_EQ(t->real_parent, a->real_parent);
  EXPECT_EQ(next_thread(a), t);
  EXPECT_EQ(next_thread(t), a);
  EXPECT_EQ(vzsim::RecordOf(a)->nr_threads, 2);
  // A thread is a task (findable, counted) but not a process.
  EXPECT_EQ(k.FindTaskByPid(t->pid), t);
  EXPECT_EQ(k.nr_tasks(), 3u);
  absl::ReaderMutexLock l(&k.tasklist_lock());
  int leaders = 0;
  for (task_struct* t : k.LeadersAllLocked()) leaders += t != nullptr;
  EXPECT_EQ(leaders, 2);
}

TEST(ForkTest, ThreadOfAThreadJoinsTheSameGroup) {
  Kernel k;
  task_struct* a = *k.Fork(k.init_task(), "a");
  task_struct* t1 = *k.Fork(a, "", CLONE_THREAD);
  task_struct* t2 = *k.Fork(t1, "", CLONE_THREAD);
  EXPECT_EQ(t2->group_leader, a);
  EXPECT_EQ(vzsim::RecordOf(a)->nr_threads, 3);
}

TEST(ForkTest, BadParentsAreRefused) {
  Kernel k;
  EXPECT_EQ(ErrnoOf(k.Fork(nullptr).status()), ESRCH);
  task_struct* a = *k.Fork(k.init_task(), "a");
  task_struct* b = *k.Fork(a, "b");
  ASSERT_TRUE(k.Exit(b, 0).ok());  // zombie
  EXPECT_EQ(ErrnoOf(k.Fork(b).status()), ESRCH);
  EXPECT_EQ(ErrnoOf(k.Fork(k.cpu(0).idle()).status()), ESRCH);
}

TEST(ForkTest, ExhaustedGlobalPidSpaceGivesEagainAndLosesNothing) {
  KernelOptions options;
  options.pid_max = PidMap::kPidMaxMin;  // pids 1..300
  Kernel k(options);
  for (int i = 2; i <= 300; ++i) ASSERT_TRUE(k.Fork(k.init_task()).ok());
  auto refused = k.Fork(k.init_task());
  EXPECT_EQ(ErrnoOf(refused.status()), EAGAIN);
  EXPECT_EQ(k.nr_tasks(), 300u);
  EXPECT_EQ(atomic_read(&k.ve0()->pcounter), 300 + 2);
}

TEST(ForkTest, SetPidMaxValidatesAndApplies) {
  Kernel k;
  EXPECT_EQ(ErrnoOf(k.SetPidMax(0)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetPidMax(-5)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetPidMax(4194305)), EINVAL);
  EXPECT_TRUE(k.SetPidMax(4194304).ok());
}

TEST(SetSidTest, GroupLeaderIsRefused) {
  Kernel k;
  task_struct* a = *k.Fork(k.init_task(), "a");
  ASSERT_TRUE(k.SetSid(a).ok());
  EXPECT_EQ(a->session, a->pid);
  EXPECT_EQ(ErrnoOf(k.SetSid(a)), EPERM);
  EXPECT_EQ(ErrnoOf(k.SetSid(nullptr)), ESRCH);
}

TEST(PidReuseTest, SessionIdIsNotReusedWhileTheSessionLives) {
  KernelOptions options;
  options.pid_max = PidMap::kPidMaxMin;
  Kernel k(options);
  task_struct* leader = *k.Fork(k.init_task(), "sess");
  ASSERT_TRUE(k.SetSid(leader).ok());
  const pid_t sid = leader->pid;
  task_struct* member = *k.Fork(leader, "member");
  // Fill the pid space, then let the session leader die and be reaped.
  while (k.Fork(k.init_task()).ok()) {
  }
  ASSERT_TRUE(k.Exit(leader, 0).ok());  // parent is init: reaped at once
  ASSERT_EQ(k.FindTaskByPid(sid), nullptr);
  // The number still names the member's session: it must not come back.
  auto next = k.Fork(k.init_task());
  EXPECT_EQ(ErrnoOf(next.status()), EAGAIN);
  EXPECT_EQ(member->session, sid);
}

}  // namespace
}  // namespace vzsim
