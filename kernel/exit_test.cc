#include <cerrno>
#include <csignal>

#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"

namespace vzsim {
namespace {

class ExitTest : public ::testing::Test {
 protected:
  Kernel k;
  task_struct* shell = *k.Fork(k.init_task(), "sh");
};

TEST_F(ExitTest, ExitedChildIsAZombieUntilReaped) {
  task_struct* child = *k.Fork(shell, "job");
  const pid_t pid = child->pid;
  ASSERT_TRUE(k.Exit(child, 7).ok());
  EXPECT_EQ(child->exit_state, EXIT_ZOMBIE);
  EXPECT_EQ(k.FindTaskByPid(pid), child);  // zombies are still found
  EXPECT_EQ(k.nr_tasks(), 3u);

  auto w = k.Wait(shell, -1);
  ASSERT_TRUE(w.ok()) << w.status();
  EXPECT_EQ(w->pid, pid);
  EXPECT_EQ(w->exit_code, 7);
  EXPECT_EQ(k.FindTaskByPid(pid), nullptr);
  EXPECT_EQ(k.nr_tasks(), 2u);
  EXPECT_TRUE(list_empty(&shell->children));
}

TEST_F(ExitTest, WaitForALiveChildReturnsZero) {
  task_struct* child = *k.Fork(shell, "job");
  auto w = k.Wait(shell, child->pid);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->pid, 0);
  EXPECT_EQ(k.FindTaskByPid(child->pid), child);
}

TEST_F(ExitTest, WaitErrors) {
  EXPECT_EQ(ErrnoOf(k.Wait(shell, -1).status()), ECHILD);
  EXPECT_EQ(ErrnoOf(k.Wait(shell, 12345).status()), ECHILD);
  // Process-group waits: no child in the caller's group / in group 7.
  EXPECT_EQ(ErrnoOf(k.Wait(shell, 0).status()), ECHILD);
  EXPECT_EQ(ErrnoOf(k.Wait(shell, -7).status()), ECHILD);
  EXPECT_EQ(ErrnoOf(k.Wait(nullptr, -1).status()), ESRCH);
  // Someone else's child is not ours to reap.
  task_struct* other = *k.Fork(k.init_task(), "other");
  task_struct* theirs = *k.Fork(other, "theirs");
  ASSERT_TRUE(k.Exit(theirs, 0).ok());
  EXPECT_EQ(ErrnoOf(k.Wait(shell, theirs->pid).status()), ECHILD);
}

TEST_F(ExitTest, ChildOfHostInitIsReapedAtOnce) {
  const pid_t pid = shell->pid;
  ASSERT_TRUE(k.Exit(shell, 0).ok());
  EXPECT_EQ(k.FindTaskByPid(pid), nullptr);
  EXPECT_EQ(k.nr_tasks(), 1u);
}

TEST_F(ExitTest, OrphansGoToHostInit) {
  task_struct* mid = *k.Fork(shell, "mid");
  task_struct* leaf = *k.Fork(mid, "leaf");
  task_struct* dead = *k.Fork(mid, "dead");
  const pid_t dead_pid = dead->pid;
  ASSERT_TRUE(k.Exit(dead, 0).ok());  // zombie child of mid
  ASSERT_TRUE(k.Exit(mid, 0).ok());
  EXPECT_EQ(leaf->real_parent, k.init_task());
  // The zombie went to init, which reaped it.
  EXPECT_EQ(k.FindTaskByPid(dead_pid), nullptr);
}

TEST_F(ExitTest, OrphansGoToAnotherThreadOfTheGroupFirst) {
  task_struct* worker = *k.Fork(shell, "w", CLONE_THREAD);
  task_struct* job = *k.Fork(shell, "job");
  ASSERT_TRUE(k.Exit(shell, 0).ok());  // leader exits, worker lives on
  EXPECT_EQ(job->real_parent, worker);
  EXPECT_EQ(shell->exit_state, EXIT_ZOMBIE);
  // The group leader stays (and is still found) until the last thread ends.
  EXPECT_EQ(k.FindTaskByPid(shell->pid), shell);
  const pid_t leader_pid = shell->pid;
  ASSERT_TRUE(k.Exit(worker, 0).ok());
  EXPECT_EQ(k.FindTaskByPid(leader_pid), nullptr);  // init reaped the group
  EXPECT_EQ(job->real_parent, k.init_task());
}

TEST_F(ExitTest, ThreadsAreReapedAtOnce) {
  task_struct* worker = *k.Fork(shell, "w", CLONE_THREAD);
  const pid_t tid = worker->pid;
  ASSERT_TRUE(k.Exit(worker, 0).ok());
  EXPECT_EQ(k.FindTaskByPid(tid), nullptr);
  EXPECT_EQ(vzsim::RecordOf(shell)->nr_threads, 1);
  EXPECT_EQ(next_thread(shell), shell);
}

TEST_F(ExitTest, ExitGroupEndsEveryThread) {
  task_struct* w1 = *k.Fork(shell, "w1", CLONE_THREAD);
  *k.Fork(shell, "w2", CLONE_THREAD);
  const size_t before = k.nr_tasks();
  ASSERT_TRUE(k.ExitGroup(w1, SIGKILL).ok());
  EXPECT_EQ(k.nr_tasks(), before - 3);
  EXPECT_EQ(ErrnoOf(k.ExitGroup(k.init_task(), 0)), EPERM);
}

TEST_F(ExitTest, ExitErrors) {
  EXPECT_EQ(ErrnoOf(k.Exit(k.init_task(), 0)), EPERM);
  EXPECT_EQ(ErrnoOf(k.Exit(nullptr, 0)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.Exit(k.cpu(0).idle(), 0)), ESRCH);
  task_struct* child = *k.Fork(shell, "job");
  ASSERT_TRUE(k.Exit(child, 0).ok());
  EXPECT_EQ(ErrnoOf(k.Exit(child, 0)), ESRCH);  // already a zombie
  EXPECT_EQ(ErrnoOf(k.ExitGroup(child, 0)), ESRCH);
}

TEST_F(ExitTest, ZombieKeepsItsPidAndLowPidsAreNotReusedAfterAWrap) {
  ASSERT_TRUE(k.SetPidMax(PidMap::kPidMaxMin).ok());
  task_struct* child = *k.Fork(shell, "job");
  const pid_t pid = child->pid;
  ASSERT_TRUE(k.Exit(child, 0).ok());
  // A zombie's pid is still taken.
  while (k.Fork(shell).ok()) {
  }
  EXPECT_EQ(ErrnoOf(k.Fork(shell).status()), EAGAIN);
  ASSERT_TRUE(k.Wait(shell, pid).ok());
  EXPECT_EQ(k.FindTaskByPid(pid), nullptr);
  // Free now, but below RESERVED_PIDS: after the wrap it is not handed out.
  EXPECT_EQ(ErrnoOf(k.Fork(shell).status()), EAGAIN);
}

}  // namespace
}  // namespace vzsim
