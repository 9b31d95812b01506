// Capabilities: the sets a task starts with, their copy at fork, and what a
// VE's bounding set leaves its tasks (kernel/capability.c,
// kernel/ve/vecalls.c: set_ve_caps(), set_task_ve_caps()).
#include "include/linux/capability.h"

#include <cerrno>

#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"

namespace vzsim {
namespace {

TEST(InitTask, StartsWithInitEffectiveSet) {
  Kernel k;
  task_struct* init = k.init_task();
  EXPECT_EQ(init->cap_effective, CAP_INIT_EFF_SET);
  EXPECT_EQ(init->cap_permitted, CAP_FULL_SET);
  EXPECT_EQ(init->cap_inheritable, CAP_INIT_INH_SET);
  EXPECT_FALSE(__capable(init, CAP_SETPCAP));
  EXPECT_TRUE(__capable(init, CAP_SETVEID));
  EXPECT_TRUE(__capable(init, CAP_VE_ADMIN));
  EXPECT_EQ(k.ve0()->ve_cap_bset, CAP_INIT_EFF_SET);
}

TEST(DupTaskStruct, ChildCopiesTheParentsSets) {
  Kernel k;
  task_struct* a = *k.Fork(k.init_task(), "a");
  ASSERT_TRUE(k.DropCapability(a, CAP_SYS_RESOURCE).ok());
  task_struct* b = *k.Fork(a, "b");
  task_struct* thread = *k.Fork(a, "t", CLONE_THREAD);
  EXPECT_FALSE(__capable(b, CAP_SYS_RESOURCE));
  EXPECT_FALSE(__capable(thread, CAP_SYS_RESOURCE));
  EXPECT_TRUE(__capable(b, CAP_SYS_ADMIN));
  EXPECT_EQ(b->cap_permitted, CAP_FULL_SET & ~CAP_TO_MASK(CAP_SYS_RESOURCE));
  // The drop was a's alone: its parent keeps the capability.
  EXPECT_TRUE(__capable(k.init_task(), CAP_SYS_RESOURCE));
}

TEST(Capable, AsksCurrentsEffectiveSet) {
  Kernel k;
  task_struct* a = *k.Fork(k.init_task(), "a");
  EXPECT_EQ(capable(CAP_SYS_ADMIN), 0);  // no CPU bound: no current
  auto cpu = k.BindCpu(0, a);
  ASSERT_TRUE(cpu.ok()) << cpu.status();
  EXPECT_EQ(capable(CAP_SYS_ADMIN), 1);
  ASSERT_TRUE(k.DropCapability(a, CAP_SYS_ADMIN).ok());
  EXPECT_EQ(capable(CAP_SYS_ADMIN), 0);
  EXPECT_EQ(capable(-1), 0);
  EXPECT_EQ(capable(32), 0);
  EXPECT_EQ(__capable(nullptr, CAP_SYS_ADMIN), 0);
}

TEST(SetVeCaps, BoundingSetIsTheCreatorsEffectiveSetLessSetveid) {
  Kernel k;
  task_struct* vzctl = *k.Fork(k.init_task(), "vzctl");
  ASSERT_TRUE(k.DropCapability(vzctl, CAP_SYS_MODULE).ok());
  ve_struct* ve = *k.CreateVe(vzctl, 101);
  EXPECT_EQ(ve->ve_cap_bset, CAP_INIT_EFF_SET & ~CAP_TO_MASK(CAP_SYS_MODULE) &
                                 ~CAP_TO_MASK(CAP_SETVEID));
  // The init it made lost CAP_SETVEID from every set, kept CAP_VE_ADMIN.
  EXPECT_FALSE(__capable(vzctl, CAP_SETVEID));
  EXPECT_FALSE(cap_raised(vzctl->cap_permitted, CAP_SETVEID));
  EXPECT_TRUE(__capable(vzctl, CAP_VE_ADMIN));
  EXPECT_TRUE(__capable(vzctl, CAP_SYS_ADMIN));
}

TEST(SetTaskVeCaps, EnteringMasksTheTaskWithTheVesBoundingSet) {
  Kernel k;
  task_struct* vzctl = *k.Fork(k.init_task(), "vzctl");
  ASSERT_TRUE(k.DropCapability(vzctl, CAP_NET_ADMIN).ok());
  ve_struct* ve = *k.CreateVe(vzctl, 101);
  task_struct* shell = *k.Fork(k.init_task(), "shell");
  ASSERT_TRUE(__capable(shell, CAP_NET_ADMIN));
  ASSERT_TRUE(k.EnterVe(shell, 101).ok());
  EXPECT_EQ(shell->cap_effective, CAP_INIT_EFF_SET & ve->ve_cap_bset);
  EXPECT_FALSE(__capable(shell, CAP_NET_ADMIN));
  EXPECT_FALSE(__capable(shell, CAP_SETVEID));
  // Children forked inside inherit the masked sets.
  task_struct* child = *k.Fork(shell, "child");
  EXPECT_FALSE(__capable(child, CAP_SETVEID));
  EXPECT_EQ(ErrnoOf(k.CreateVe(child, 102).status()), EPERM);
}

TEST(DropCapability, BadInputIsADefinedError) {
  Kernel k;
  task_struct* a = *k.Fork(k.init_task(), "a");
  EXPECT_EQ(ErrnoOf(k.DropCapability(a, -1)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.DropCapability(a, 32)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.DropCapability(nullptr, CAP_KILL)), ESRCH);
  ASSERT_TRUE(k.Exit(a, 0).ok());
  EXPECT_EQ(ErrnoOf(k.DropCapability(a, CAP_KILL)), ESRCH);
}

}  // namespace
}  // namespace vzsim
