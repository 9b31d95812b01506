// The VE calls and the life of a VE as kernel/ve/vecalls.c and
// kernel/exit.c have them: real_env_create()'s checks, do_env_create(),
// do_env_enter(), do_initproc_exit() and the cleanup after the last task.
#include <cerrno>
#include <csignal>

#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"

namespace vzsim {
namespace {

class VeLifecycleTest : public ::testing::Test {
 protected:
  bool LogHas(const std::string& line) {
    return k.HostLog().find(line) != std::string::npos;
  }

  Kernel k;
  task_struct* vzctl = *k.Fork(k.init_task(), "vzctl");
};

// do_env_create(): the caller becomes the init: virtual 1, leading its own
// group and session on both sides; the call returns the veid.
TEST_F(VeLifecycleTest, DoEnvCreateMakesTheCallerTheVesInit) {
  const pid_t global = vzctl->pid;
  auto ret = k.RealEnvCreate(vzctl, 101, VE_CREATE, 7);
  ASSERT_TRUE(ret.ok()) << ret.status();
  EXPECT_EQ(*ret, 101);
  ve_struct* ve = k.FindVe(101);
  ASSERT_NE(ve, nullptr);
  EXPECT_TRUE(ve->is_running);
  EXPECT_TRUE(ve->virt_pids);
  EXPECT_EQ(ve->class_id, 7u);
  EXPECT_EQ(ve->init_entry, vzctl);
  EXPECT_EQ(atomic_read(&ve->pcounter), 1);
  EXPECT_EQ(vzctl->ve_task_info.owner_env, ve);
  EXPECT_EQ(vzctl->ve_task_info.exec_env, ve);
  EXPECT_EQ(vzctl->vpid, 1);
  EXPECT_EQ(vzctl->vtgid, 1);
  EXPECT_EQ(vzctl->pid, global);  // the host still numbers it globally
  EXPECT_EQ(vzctl->session, global);
  EXPECT_EQ(vzctl->pgrp, global);
  EXPECT_EQ(vzctl->vsession, 1);
  EXPECT_EQ(vzctl->vpgrp, 1);
  EXPECT_TRUE(LogHas("<6>CT: 101: started\n"));
}

TEST_F(VeLifecycleTest, TasksForkedInAVeAreGlobalPlus1024) {
  ve_struct* ve = *k.CreateVe(vzctl, 101);
  task_struct* a = *k.Fork(vzctl, "a");
  task_struct* b = *k.Fork(a, "b");
  EXPECT_EQ(a->vpid, a->pid + 1024);
  EXPECT_EQ(b->vpid, b->pid + 1024);
  EXPECT_EQ(a->vpgrp, 1);  // init's group, inherited
  EXPECT_EQ(a->ve_task_info.owner_env, ve);
  EXPECT_EQ(b->ve_task_info.exec_env, ve);
  EXPECT_EQ(atomic_read(&ve->pcounter), 3);
}

// real_env_create(): its checks in its order.
TEST_F(VeLifecycleTest, RealEnvCreateChecksInOrder) {
  task_struct* other = *k.Fork(k.init_task(), "other");
  // Flags 0: the exec veid, no capability needed.
  ASSERT_TRUE(k.DropCapability(other, CAP_SETVEID).ok());
  EXPECT_EQ(*k.RealEnvCreate(other, 5, 0), 0);
  // Then CAP_SETVEID, before anything else (VE_TEST included).
  EXPECT_EQ(ErrnoOf(k.RealEnvCreate(other, 0, VE_TEST).status()), EPERM);
  EXPECT_EQ(ErrnoOf(k.RealEnvCreate(other, 5, 999).status()), EPERM);
  // VE_TEST with CREATE or ENTER.
  EXPECT_EQ(ErrnoOf(k.RealEnvCreate(vzctl, 0, VE_TEST | VE_ENTER).status()),
            EINVAL);
  EXPECT_EQ(ErrnoOf(k.RealEnvCreate(vzctl, 0, VE_TEST | VE_CREATE).status()),
            EINVAL);
  // VE_TEST: 0 or ESRCH; ve0 is listed.
  EXPECT_EQ(*k.RealEnvCreate(vzctl, 0, VE_TEST), 0);
  EXPECT_EQ(ErrnoOf(k.RealEnvCreate(vzctl, 5, VE_TEST).status()), ESRCH);
  // VE_ENTER of a missing veid; neither create nor enter asked for.
  EXPECT_EQ(ErrnoOf(k.RealEnvCreate(vzctl, 5, VE_ENTER).status()), ESRCH);
  EXPECT_EQ(ErrnoOf(k.RealEnvCreate(vzctl, 5, VE_LOCK).status()), EINVAL);
  EXPECT_EQ(ErrnoOf(k.RealEnvCreate(vzctl, 5, VE_EXCLUSIVE).status()), EINVAL);
  EXPECT_EQ(k.FindVe(5), nullptr);
}

TEST(RealEnvCreate, ExclusiveOnExistingVeidIsEacces) {
  Kernel k;
  task_struct* a = *k.Fork(k.init_task(), "a");
  task_struct* b = *k.Fork(k.init_task(), "b");
  ASSERT_TRUE(k.CreateVe(a, 101).ok());
  EXPECT_EQ(ErrnoOf(k.CreateVe(b, 101).status()), EACCES);
  EXPECT_EQ(ErrnoOf(k.CreateVe(b, 0).status()), EACCES);  // ve0 exists
  EXPECT_EQ(b->ve_task_info.owner_env, k.ve0());
}

// A plain VE_CREATE of a listed veid is an enter.
TEST(RealEnvCreate, CreateOfAnExistingVeidEnters) {
  Kernel k;
  task_struct* a = *k.Fork(k.init_task(), "a");
  task_struct* b = *k.Fork(k.init_task(), "b");
  ve_struct* ve = *k.CreateVe(a, 101);
  EXPECT_EQ(*k.RealEnvCreate(b, 101, VE_CREATE), 101);
  EXPECT_EQ(b->ve_task_info.owner_env, ve);
  EXPECT_EQ(ve->init_entry, a);
}

// do_env_create(): a threaded caller, one with a controlling tty, one that
// cannot lead its own group and session, one not alone in them: EINVAL,
// with the kernel's messages.
TEST(DoEnvCreate, RefusesCallersThatCannotBecomeAnInit) {
  Kernel k;
  task_struct* threaded = *k.Fork(k.init_task(), "threaded");
  ASSERT_TRUE(k.Fork(threaded, "t", CLONE_THREAD).ok());
  EXPECT_EQ(ErrnoOf(k.CreateVe(threaded, 101).status()), EINVAL);

  task_struct* tty = *k.Fork(k.init_task(), "tty");
  ASSERT_TRUE(k.SetControllingTty(tty, true).ok());
  EXPECT_EQ(ErrnoOf(k.CreateVe(tty, 101).status()), EINVAL);
  EXPECT_NE(k.HostLog().find("ERR: CT init has controlling terminal\n"),
            std::string::npos);

  // Host init: the kernel threads share its group.
  EXPECT_EQ(ErrnoOf(k.CreateVe(k.init_task(), 101).status()), EINVAL);
  EXPECT_EQ(k.FindVe(101), nullptr);
}

TEST(DoEnvCreate, SessionLeaderIsRefusedAsGroupLeader) {
  Kernel k;
  task_struct* shell = *k.Fork(k.init_task(), "shell");
  ASSERT_TRUE(k.SetSid(shell).ok());  // leads session and group
  task_struct* job = *k.Fork(shell, "job");
  (void)job;
  // shell leads both, so the group check passes, but job shares them.
  EXPECT_EQ(ErrnoOf(k.CreateVe(shell, 101).status()), EINVAL);
  EXPECT_NE(k.HostLog().find("ERR: CT init is not alone in process group\n"),
            std::string::npos);
}

// alone_in_pgrp() walks the pid's PGID and SID chains, which hold every
// task naming the pid until it is released: a thread of another process
// counts, and a zombie counts until its parent reaps it.
TEST(DoEnvCreate, ThreadsAndZombiesNamingTheGroupCountUntilReaped) {
  Kernel k;
  task_struct* shell = *k.Fork(k.init_task(), "shell");
  ASSERT_TRUE(k.SetSid(shell).ok());
  task_struct* job = *k.Fork(shell, "job");
  task_struct* worker = *k.Fork(job, "worker", CLONE_THREAD);
  ASSERT_TRUE(k.ExitGroup(job, 0).ok());  // job and worker: zombies now
  EXPECT_EQ(ErrnoOf(k.CreateVe(shell, 101).status()), EINVAL);
  (void)worker;

  ASSERT_TRUE(k.Wait(shell, job->pid).ok());  // released: nobody names it
  EXPECT_TRUE(k.CreateVe(shell, 101).ok());
  EXPECT_EQ(shell->vpid, 1);
}

// init_ve_sched(): fairsched node ids are ints: a veid above INT_MAX fails
// once the VE is listed, with "failed to start".
TEST(DoEnvCreate, VeidAboveIntMaxIsEinval) {
  Kernel k;
  task_struct* a = *k.Fork(k.init_task(), "a");
  EXPECT_EQ(ErrnoOf(k.CreateVe(a, 2147483648u).status()), EINVAL);
  EXPECT_NE(
      k.HostLog().find("<6>CT: -2147483648: failed to start with err=-22\n"),
      std::string::npos);
  EXPECT_EQ(k.FindVe(2147483648u), nullptr);
  EXPECT_EQ(a->ve_task_info.owner_env, k.ve0());
  EXPECT_TRUE(k.CreateVe(a, 2147483647u).ok());
}

// do_env_enter(): the VE's namespaces, its list, a virtual pid when the
// task is alone in its group and session; returns the veid.
TEST(DoEnvEnter, AloneInGroupGetsAVirtualPid) {
  Kernel k;
  task_struct* init = *k.Fork(k.init_task(), "init");
  ve_struct* ve = *k.CreateVe(init, 101);
  task_struct* admin = *k.Fork(k.init_task(), "vzctl-enter");
  EXPECT_EQ(*k.RealEnvCreate(admin, 101, VE_ENTER), 101);
  EXPECT_EQ(admin->ve_task_info.owner_env, ve);
  EXPECT_EQ(admin->ve_task_info.exec_env, ve);
  EXPECT_EQ(admin->vpid, admin->pid + 1024);
  EXPECT_EQ(admin->vtgid, admin->pid + 1024);
  // It led neither its group nor its session: it keeps the host's ids.
  EXPECT_EQ(admin->vpgrp, 1);
  EXPECT_EQ(admin->vsession, 1);
  EXPECT_EQ(atomic_read(&ve->pcounter), 2);
  EXPECT_EQ(admin->real_parent, k.init_task());  // the parent stays
}

TEST(DoEnvEnter, GroupLeaderKeepsItsGroupAsVirtual) {
  Kernel k;
  task_struct* init = *k.Fork(k.init_task(), "init");
  ASSERT_TRUE(k.CreateVe(init, 101).ok());
  task_struct* shell = *k.Fork(k.init_task(), "shell");
  ASSERT_TRUE(k.SetSid(shell).ok());
  ASSERT_TRUE(k.EnterVe(shell, 101).ok());
  EXPECT_EQ(shell->vpid, shell->pid + 1024);
  EXPECT_EQ(shell->vpgrp, shell->vpid);
  EXPECT_EQ(shell->vsession, shell->vpid);
}

TEST(DoEnvEnter, NotAloneKeepsTheHostNumbers) {
  Kernel k;
  task_struct* init = *k.Fork(k.init_task(), "init");
  ASSERT_TRUE(k.CreateVe(init, 101).ok());
  task_struct* shell = *k.Fork(k.init_task(), "shell");
  ASSERT_TRUE(k.SetSid(shell).ok());
  task_struct* job = *k.Fork(shell, "job");
  (void)job;  // shares shell's group and session
  ASSERT_TRUE(k.EnterVe(shell, 101).ok());
  EXPECT_EQ(shell->vpid, shell->pid);
  EXPECT_EQ(shell->vpgrp, shell->pid);
  EXPECT_EQ(shell->vsession, shell->pid);
}

TEST(DoEnvEnter, Errors) {
  Kernel k;
  task_struct* init = *k.Fork(k.init_task(), "init");
  ASSERT_TRUE(k.CreateVe(init, 101, VeCreateOptions{0, true}).ok());
  task_struct* admin = *k.Fork(k.init_task(), "admin");
  EXPECT_EQ(ErrnoOf(k.EnterVe(admin, 999)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.EnterVe(nullptr, 101)), ESRCH);
  // VE_LOCK: only VE_SKIPLOCK enters.
  EXPECT_EQ(ErrnoOf(k.EnterVe(admin, 101)), EBUSY);
  task_struct* inside = *k.Fork(init, "inside");
  EXPECT_EQ(ErrnoOf(k.EnterVe(inside, 101)), EPERM);  // no CAP_SETVEID
  // vzsim: host init stays on the host.
  EXPECT_EQ(
      ErrnoOf(
          k.RealEnvCreate(k.init_task(), 101, VE_ENTER | VE_SKIPLOCK).status()),
      EPERM);
  ASSERT_TRUE(k.Fork(admin, "thr", CLONE_THREAD).ok());
  EXPECT_EQ(
      ErrnoOf(k.RealEnvCreate(admin, 101, VE_ENTER | VE_SKIPLOCK).status()),
      EINVAL);
  EXPECT_EQ(admin->ve_task_info.owner_env, k.ve0());
  task_struct* ok = *k.Fork(k.init_task(), "ok");
  EXPECT_EQ(*k.RealEnvCreate(ok, 101, VE_ENTER | VE_SKIPLOCK), 101);
}

// ve0 can be entered: nothing checks for it. The task stays a host task.
TEST(DoEnvEnter, Ve0IsEnterable) {
  Kernel k;
  task_struct* a = *k.Fork(k.init_task(), "a");
  EXPECT_EQ(*k.RealEnvCreate(a, 0, VE_ENTER), 0);
  EXPECT_EQ(a->ve_task_info.owner_env, k.ve0());
  EXPECT_EQ(a->vpid, a->pid);
}

// kernel/exit.c: do_initproc_exit(): the VE stops at once; every other
// task of it is killed; init waits until it is alone, then host init
// becomes its parent and reaps it; with the last task the VE leaves the
// list (env_cleanup()) and the veid is free again.
TEST(DoInitprocExit, KillsTheVeAndCleansUpAfterTheLastTask) {
  Kernel k;
  task_struct* parent = *k.Fork(k.init_task(), "vzctl-parent");
  task_struct* init = *k.Fork(parent, "init");
  ve_struct* ve = *k.CreateVe(init, 101);
  task_struct* a = *k.Fork(init, "a");
  ASSERT_TRUE(k.Fork(a, "a-thread", CLONE_THREAD).ok());
  task_struct* b = *k.Fork(a, "b");
  ASSERT_TRUE(k.Fork(b, "c").ok());
  ASSERT_EQ(atomic_read(&ve->pcounter), 5);

  ASSERT_TRUE(k.Exit(init, 0).ok());
  EXPECT_FALSE(ve->is_running);
  EXPECT_EQ(atomic_read(&ve->pcounter), 0);
  EXPECT_EQ(ve->init_entry, k.init_task());
  EXPECT_EQ(k.FindVe(101), nullptr);
  EXPECT_EQ(k.nr_tasks(), 2u);  // host init and vzctl-parent
  EXPECT_NE(k.HostLog().find("<6>CT: 101: stopped\n"), std::string::npos);
  // The original parent gets no child back: host init reaped the init.
  EXPECT_EQ(ErrnoOf(k.Wait(parent, -1).status()), ECHILD);
  // The veid can be used again.
  task_struct* again = *k.Fork(k.init_task(), "again");
  EXPECT_TRUE(k.CreateVe(again, 101).ok());
}

// An entered task whose host parent does not reap it keeps the init in its
// exit, and the VE listed; the VE refuses every enter and every create of
// its veid meanwhile.
TEST(DoInitprocExit, InitWaitsForAZombieOnlyItsHostParentCanReap) {
  Kernel k;
  task_struct* init = *k.Fork(k.init_task(), "init");
  ve_struct* ve = *k.CreateVe(init, 101);
  task_struct* shell = *k.Fork(k.init_task(), "shell");
  task_struct* entered = *k.Fork(shell, "entered");
  ASSERT_TRUE(k.EnterVe(entered, 101).ok());
  ASSERT_TRUE(k.Exit(init, 0).ok());
  EXPECT_FALSE(ve->is_running);
  EXPECT_EQ(entered->exit_state, EXIT_ZOMBIE);
  EXPECT_EQ(atomic_read(&ve->pcounter), 2);
  EXPECT_EQ(ve->init_entry, init);  // still in do_exit()
  EXPECT_EQ(init->exit_state, 0);
  EXPECT_EQ(k.FindVe(101), ve);
  task_struct* late = *k.Fork(k.init_task(), "late");
  EXPECT_EQ(ErrnoOf(k.EnterVe(late, 101)), EBUSY);
  EXPECT_EQ(ErrnoOf(k.RealEnvCreate(late, 101, VE_CREATE).status()), EBUSY);
  EXPECT_EQ(ErrnoOf(k.CreateVe(late, 101).status()), EACCES);
  // A fork in the stopping VE is not refused (the kernel has no check).
  // The host parent reaps: init finishes, host init reaps it, the VE goes.
  auto w = k.Wait(shell, -1);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->exit_code, SIGKILL);
  EXPECT_EQ(atomic_read(&ve->pcounter), 0);
  EXPECT_EQ(k.FindVe(101), nullptr);
}

// Orphans of the VE's tasks go to the VE's init (even an exiting one); a
// child that is itself the init goes to host init.
TEST(ForgetOriginalParent, OrphansInsideAVeGoToItsInit) {
  Kernel k;
  task_struct* init = *k.Fork(k.init_task(), "init");
  ve_struct* ve = *k.CreateVe(init, 101);
  task_struct* a = *k.Fork(init, "a");
  task_struct* b = *k.Fork(a, "b");
  task_struct* z = *k.Fork(a, "z");
  const pid_t z_pid = z->pid;
  ASSERT_TRUE(k.Exit(z, 0).ok());
  ASSERT_TRUE(k.Exit(a, 0).ok());
  EXPECT_EQ(b->real_parent, init);
  // The VE's init reaped the zombie it inherited, and `a` itself.
  EXPECT_EQ(k.FindTaskByPid(z_pid), nullptr);
  EXPECT_EQ(atomic_read(&ve->pcounter), 2);
}

TEST(ForgetOriginalParent, HostOrphanOfAVeTaskGoesToHostInit) {
  Kernel k;
  task_struct* init = *k.Fork(k.init_task(), "init");
  task_struct* admin = *k.Fork(k.init_task(), "admin");
  task_struct* host_child = *k.Fork(admin, "host-child");
  ASSERT_TRUE(k.CreateVe(init, 101).ok());
  ASSERT_TRUE(k.EnterVe(admin, 101).ok());
  ASSERT_TRUE(k.Exit(admin, 0).ok());
  EXPECT_EQ(host_child->real_parent, k.init_task());
}

TEST(VeList, NewestFirstWithVe0Last) {
  Kernel k;
  task_struct* a = *k.Fork(k.init_task(), "a");
  task_struct* b = *k.Fork(k.init_task(), "b");
  ASSERT_TRUE(k.CreateVe(a, 200).ok());
  ASSERT_TRUE(k.CreateVe(b, 100).ok());
  absl::ReaderMutexLock l(&k.tasklist_lock());
  std::vector<ve_struct*> list = k.VeListLocked();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0]->veid, 100u);
  EXPECT_EQ(list[1]->veid, 200u);
  EXPECT_EQ(list[2]->veid, 0u);
}

// kernel/ve/ve.c: init_ve0(): ve0 counts 1, then init and the idle task of
// every CPU but the first, then every host task.
TEST(VeList, Ve0CountsItselfAndTheIdleTasks) {
  KernelOptions options;
  options.nr_cpus = 4;
  Kernel k(options);
  EXPECT_EQ(atomic_read(&k.ve0()->pcounter), 1 + 1 + 3);
  ASSERT_TRUE(k.Fork(k.init_task(), "a").ok());
  EXPECT_EQ(atomic_read(&k.ve0()->pcounter), 6);
}

}  // namespace
}  // namespace vzsim
