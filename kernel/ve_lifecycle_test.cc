#include <cerrno>
#include <csignal>

#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"

namespace vzsim {
namespace {

class VeLifecycleTest : public ::testing::Test {
 protected:
  Kernel k;
  task_struct* vzctl = *k.Fork(k.init_task(), "vzctl");
};

TEST_F(VeLifecycleTest, CreateMakesTheCallerTheVesInit) {
  const pid_t global = vzctl->pid;
  auto ve = k.CreateVe(vzctl, 101);
  ASSERT_TRUE(ve.ok()) << ve.status();
  EXPECT_EQ((*ve)->veid, 101u);
  EXPECT_TRUE((*ve)->is_running);
  EXPECT_EQ((*ve)->init_entry, vzctl);
  EXPECT_EQ(atomic_read(&(*ve)->pcounter), 1);
  EXPECT_EQ(vzctl->ve_task_info.owner_env, *ve);
  EXPECT_EQ(vzctl->ve_task_info.exec_env, *ve);
  EXPECT_EQ(vzctl->vpid, 1);
  EXPECT_EQ(vzctl->pid, global);  // the host still numbers it globally
  // Its own session and process group, on both sides.
  EXPECT_EQ(vzctl->session, global);
  EXPECT_EQ(vzctl->pgrp, global);
  EXPECT_EQ(vzctl->vsession, 1);
  EXPECT_EQ(vzctl->vpgrp, 1);
  EXPECT_EQ(atomic_read(&k.ve0()->pcounter),
            1);  // only host init is left in ve0
  EXPECT_EQ(k.FindVe(101), *ve);
}

TEST_F(VeLifecycleTest, TasksForkedInAVeGetVirtualPidsFromTwo) {
  ve_struct* ve = *k.CreateVe(vzctl, 101);
  task_struct* a = *k.Fork(vzctl, "a");
  task_struct* b = *k.Fork(a, "b");
  EXPECT_EQ(a->vpid, 2);
  EXPECT_EQ(b->vpid, 3);
  EXPECT_EQ(a->ve_task_info.owner_env, ve);
  EXPECT_EQ(b->ve_task_info.exec_env, ve);
  EXPECT_EQ(atomic_read(&ve->pcounter), 3);
  EXPECT_GT(a->pid, vzctl->pid);
}

TEST_F(VeLifecycleTest, CreateErrors) {
  ASSERT_TRUE(k.CreateVe(vzctl, 101).ok());
  task_struct* other = *k.Fork(k.init_task(), "other");
  EXPECT_EQ(ErrnoOf(k.CreateVe(other, 101).status()), EEXIST);
  EXPECT_EQ(ErrnoOf(k.CreateVe(other, 0).status()), EEXIST);
  // From inside a VE: EPERM.
  task_struct* inside = *k.Fork(vzctl, "inside");
  EXPECT_EQ(ErrnoOf(k.CreateVe(inside, 102).status()), EPERM);
  // A host task without CAP_SETVEID may not either.
  task_struct* unprivileged = *k.Fork(k.init_task(), "user");
  ASSERT_TRUE(k.DropCapability(unprivileged, CAP_SETVEID).ok());
  EXPECT_EQ(ErrnoOf(k.CreateVe(unprivileged, 102).status()), EPERM);
  EXPECT_EQ(ErrnoOf(k.CreateVe(nullptr, 102).status()), ESRCH);
  // Host init stays on the host.
  EXPECT_EQ(ErrnoOf(k.CreateVe(k.init_task(), 102).status()), EPERM);
  EXPECT_EQ(k.init_task()->ve_task_info.owner_env, k.ve0());
  // Multi-threaded callers cannot be moved.
  *k.Fork(other, "thr", CLONE_THREAD);
  EXPECT_EQ(ErrnoOf(k.CreateVe(other, 102).status()), EBUSY);
  EXPECT_EQ(k.FindVe(102), nullptr);
}

TEST_F(VeLifecycleTest, CreateRejectsBadOptionsAndKeepsTheCaller) {
  VeCreateOptions bad;
  bad.release = std::string(65, 'r');
  EXPECT_EQ(ErrnoOf(k.CreateVe(vzctl, 101, bad).status()), EINVAL);
  bad = VeCreateOptions{};
  bad.pid_max = 10;
  EXPECT_EQ(ErrnoOf(k.CreateVe(vzctl, 101, bad).status()), EINVAL);
  bad.pid_max = PidMap::kPidMaxLimit + 1;
  EXPECT_EQ(ErrnoOf(k.CreateVe(vzctl, 101, bad).status()), EINVAL);
  EXPECT_EQ(vzctl->ve_task_info.owner_env, k.ve0());
  EXPECT_EQ(k.FindVe(101), nullptr);
}

TEST_F(VeLifecycleTest, HighestVeidIsAccepted) {
  auto ve = k.CreateVe(vzctl, 4294967295u);
  ASSERT_TRUE(ve.ok());
  EXPECT_EQ((*ve)->veid, 4294967295u);
}

TEST_F(VeLifecycleTest, EnterMovesAHostTaskIn) {
  ve_struct* ve = *k.CreateVe(vzctl, 101);
  task_struct* admin = *k.Fork(k.init_task(), "vzctl-enter");
  ASSERT_TRUE(k.EnterVe(admin, 101).ok());
  EXPECT_EQ(admin->ve_task_info.owner_env, ve);
  EXPECT_EQ(admin->ve_task_info.exec_env, ve);
  EXPECT_EQ(admin->vpid, 2);
  EXPECT_EQ(atomic_read(&ve->pcounter), 2);
  EXPECT_EQ(admin->real_parent, k.init_task());  // the parent stays on the host
}

TEST_F(VeLifecycleTest, EnterErrors) {
  ASSERT_TRUE(k.CreateVe(vzctl, 101).ok());
  task_struct* admin = *k.Fork(k.init_task(), "admin");
  EXPECT_EQ(ErrnoOf(k.EnterVe(admin, 999)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.EnterVe(admin, 0)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.EnterVe(nullptr, 101)), ESRCH);
  task_struct* inside = *k.Fork(vzctl, "inside");
  EXPECT_EQ(ErrnoOf(k.EnterVe(inside, 101)), EPERM);
  EXPECT_EQ(ErrnoOf(k.EnterVe(k.init_task(), 101)), EPERM);
  EXPECT_EQ(k.init_task()->ve_task_info.owner_env, k.ve0());
  *k.Fork(admin, "thr", CLONE_THREAD);
  EXPECT_EQ(ErrnoOf(k.EnterVe(admin, 101)), EBUSY);
  EXPECT_EQ(admin->ve_task_info.owner_env, k.ve0());
}

TEST_F(VeLifecycleTest, EnterWithAFullVePidSpaceGivesEagain) {
  VeCreateOptions small;
  small.pid_max = PidMap::kPidMaxMin;
  ve_struct* ve = *k.CreateVe(vzctl, 101, small);
  while (k.Fork(vzctl).ok()) {
  }
  EXPECT_EQ(ErrnoOf(k.Fork(vzctl).status()), EAGAIN);
  EXPECT_EQ(atomic_read(&ve->pcounter), 300);
  task_struct* admin = *k.Fork(k.init_task(), "admin");
  EXPECT_EQ(ErrnoOf(k.EnterVe(admin, 101)), EAGAIN);
  EXPECT_EQ(admin->ve_task_info.owner_env, k.ve0());
  EXPECT_EQ(atomic_read(&ve->pcounter), 300);
}

TEST_F(VeLifecycleTest, InitExitStopsTheVeAndKillsTheRest) {
  ve_struct* ve = *k.CreateVe(vzctl, 101);
  task_struct* a = *k.Fork(vzctl, "a");
  *k.Fork(a, "a-thread", CLONE_THREAD);
  task_struct* b = *k.Fork(a, "b");
  *k.Fork(b, "c");
  task_struct* admin = *k.Fork(k.init_task(), "admin");
  ASSERT_TRUE(k.EnterVe(admin, 101).ok());
  ASSERT_EQ(atomic_read(&ve->pcounter), 6);

  ASSERT_TRUE(k.Exit(vzctl, 0).ok());
  EXPECT_FALSE(ve->is_running);
  // Every task is gone: the others were killed and reaped, and init's own
  // parent is host init, which reaped it.
  EXPECT_EQ(atomic_read(&ve->pcounter), 0);
  EXPECT_EQ(ve->init_entry, nullptr);
  EXPECT_EQ(k.nr_tasks(), 1u);

  // A stopped VE takes nobody in.
  task_struct* late = *k.Fork(k.init_task(), "late");
  EXPECT_EQ(ErrnoOf(k.EnterVe(late, 101)), EBUSY);
  EXPECT_TRUE(k.DestroyVe(101).ok());
}

TEST_F(VeLifecycleTest, ForkInAStoppingVeGivesEnomem) {
  task_struct* parent = *k.Fork(k.init_task(), "vzctl-parent");
  task_struct* init = *k.Fork(parent, "init");
  ve_struct* ve = *k.CreateVe(init, 101);
  task_struct* a = *k.Fork(init, "a");
  ASSERT_TRUE(k.Fork(a, "a-thread", CLONE_THREAD).ok());
  // Stop the VE the way the kernel does, from inside init's exit; a task of
  // the VE that is still alive while the VE stops may not fork.
  ve->is_running = false;
  EXPECT_EQ(ErrnoOf(k.Fork(a).status()), ENOMEM);
  EXPECT_EQ(ErrnoOf(k.Fork(a, "t", CLONE_THREAD).status()), ENOMEM);
  ve->is_running = true;
  ASSERT_TRUE(k.Exit(init, 0).ok());
  EXPECT_FALSE(ve->is_running);
  EXPECT_EQ(atomic_read(&ve->pcounter),
            1);  // init, a zombie for its host parent
  EXPECT_EQ(init->exit_state, EXIT_ZOMBIE);
  EXPECT_EQ(ErrnoOf(k.DestroyVe(101)), EBUSY);
}

TEST_F(VeLifecycleTest, DestroyAfterTheLastTaskIsReaped) {
  task_struct* parent = *k.Fork(k.init_task(), "vzctl-parent");
  task_struct* init = *k.Fork(parent, "init");
  const pid_t init_pid = init->pid;
  ve_struct* ve = *k.CreateVe(init, 101);
  *k.Fork(init, "a");
  ASSERT_TRUE(k.Exit(init, 0).ok());
  EXPECT_EQ(ErrnoOf(k.DestroyVe(101)), EBUSY);  // init is still a zombie
  auto w = k.Wait(parent, -1);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->pid, init_pid);
  EXPECT_EQ(atomic_read(&ve->pcounter), 0);
  ASSERT_TRUE(k.DestroyVe(101).ok());
  EXPECT_EQ(k.FindVe(101), nullptr);
  EXPECT_EQ(ErrnoOf(k.DestroyVe(101)), ESRCH);
  // The veid can be used again.
  task_struct* again = *k.Fork(k.init_task(), "again");
  EXPECT_TRUE(k.CreateVe(again, 101).ok());
}

TEST_F(VeLifecycleTest, DestroyErrors) {
  EXPECT_EQ(ErrnoOf(k.DestroyVe(0)), EPERM);
  EXPECT_EQ(ErrnoOf(k.DestroyVe(77)), ESRCH);
  ASSERT_TRUE(k.CreateVe(vzctl, 101).ok());
  EXPECT_EQ(ErrnoOf(k.DestroyVe(101)), EBUSY);  // running
}

TEST_F(VeLifecycleTest, OrphansInsideAVeGoToItsInit) {
  ve_struct* ve = *k.CreateVe(vzctl, 101);
  task_struct* a = *k.Fork(vzctl, "a");
  task_struct* b = *k.Fork(a, "b");
  task_struct* z = *k.Fork(a, "z");
  const pid_t z_pid = z->pid;
  ASSERT_TRUE(k.Exit(z, 0).ok());
  ASSERT_TRUE(k.Exit(a, 0).ok());
  EXPECT_EQ(b->real_parent, vzctl);
  // The VE's init reaped the zombie it inherited, and `a` itself.
  EXPECT_EQ(k.FindTaskByPid(z_pid), nullptr);
  EXPECT_EQ(atomic_read(&ve->pcounter), 2);
}

TEST_F(VeLifecycleTest, HostOrphanOfAVeTaskGoesToHostInit) {
  task_struct* admin = *k.Fork(k.init_task(), "admin");
  task_struct* host_child = *k.Fork(admin, "host-child");
  ASSERT_TRUE(k.CreateVe(vzctl, 101).ok());
  ASSERT_TRUE(k.EnterVe(admin, 101).ok());
  ASSERT_TRUE(k.Exit(admin, 0).ok());
  EXPECT_EQ(host_child->real_parent, k.init_task());
}

TEST_F(VeLifecycleTest, VeListIsNewestFirstWithVe0Last) {
  ASSERT_TRUE(k.CreateVe(vzctl, 200).ok());
  task_struct* other = *k.Fork(k.init_task(), "other");
  ASSERT_TRUE(k.CreateVe(other, 100).ok());
  absl::ReaderMutexLock l(&k.tasklist_lock());
  std::vector<ve_struct*> list = k.VeListLocked();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0]->veid, 100u);
  EXPECT_EQ(list[1]->veid, 200u);
  EXPECT_EQ(list[2]->veid, 0u);
}

}  // namespace
}  // namespace vzsim
