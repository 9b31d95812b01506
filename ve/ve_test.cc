#include "ve/ve.h"

#include <cerrno>

#include "gtest/gtest.h"
#include "kernel/kernel.h"
#include "kernel/process.h"
#include "pid/pid.h"

namespace vzsim {
namespace {

class VeTest : public ::testing::Test {
 protected:
  Kernel k;
  task_struct* vzctl = *k.Fork(k.init_task(), "vzctl");
};

TEST_F(VeTest, ExecEnvFollowsCurrent) {
  ve_struct* ve = *k.CreateVe(vzctl, 101);
  auto cpu = k.BindCpu(0, k.init_task());
  ASSERT_TRUE(cpu.ok());
  EXPECT_EQ(get_exec_env(), k.ve0());
  EXPECT_EQ(get_ve0(), k.ve0());
  ASSERT_TRUE(cpu->SwitchTo(vzctl).ok());
  EXPECT_EQ(get_exec_env(), ve);
  EXPECT_EQ(VEID(get_exec_env()), 101u);
}

TEST_F(VeTest, SetExecEnvReturnsTheOldOneAndLeavesTheOwnerAlone) {
  ve_struct* ve = *k.CreateVe(vzctl, 101);
  auto cpu = k.BindCpu(0, vzctl);
  ASSERT_TRUE(cpu.ok());
  ve_struct* old = set_exec_env(get_ve0());
  EXPECT_EQ(old, ve);
  EXPECT_EQ(get_exec_env(), k.ve0());
  EXPECT_EQ(vzctl->ve_task_info.owner_env,
            ve);  // the owner never changes this way
  EXPECT_EQ(set_exec_env(old), k.ve0());
  EXPECT_EQ(get_exec_env(), ve);
  // A null env is refused and changes nothing.
  EXPECT_EQ(set_exec_env(nullptr), nullptr);
  EXPECT_EQ(get_exec_env(), ve);
}

TEST_F(VeTest, ExecEnvIsPerTaskNotPerCpu) {
  ve_struct* ve = *k.CreateVe(vzctl, 101);
  task_struct* host = *k.Fork(k.init_task(), "host");
  auto cpu = k.BindCpu(0, host);
  ASSERT_TRUE(cpu.ok());
  set_exec_env(ve);
  ASSERT_TRUE(cpu->SwitchTo(k.init_task()).ok());
  EXPECT_EQ(get_exec_env(), k.ve0());
  ASSERT_TRUE(cpu->SwitchTo(host).ok());
  EXPECT_EQ(get_exec_env(), ve);
}

TEST_F(VeTest, ChildCopiesBothEnvs) {
  ve_struct* ve = *k.CreateVe(vzctl, 101);
  task_struct* host = *k.Fork(k.init_task(), "host");
  auto cpu = k.BindCpu(0, host);
  ASSERT_TRUE(cpu.ok());
  set_exec_env(ve);
  const pid_t child_pid = sys_fork();
  ASSERT_GT(child_pid, 0);
  task_struct* child = k.FindTaskByPid(child_pid);
  EXPECT_EQ(child->ve_task_info.owner_env, k.ve0());
  EXPECT_EQ(child->ve_task_info.exec_env, ve);
}

TEST_F(VeTest, SuperAndAccessible) {
  ve_struct* ve101 = *k.CreateVe(vzctl, 101);
  task_struct* other = *k.Fork(k.init_task(), "other");
  ve_struct* ve102 = *k.CreateVe(other, 102);
  ve_struct* ve0 = k.ve0();
  EXPECT_TRUE(ve_is_super(ve0));
  EXPECT_FALSE(ve_is_super(ve101));
  EXPECT_FALSE(ve_is_super(nullptr));
  // ve_accessible(target, owner)
  EXPECT_TRUE(ve_accessible(ve101, ve0));
  EXPECT_TRUE(ve_accessible(ve0, ve0));
  EXPECT_TRUE(ve_accessible(ve101, ve101));
  EXPECT_FALSE(ve_accessible(ve102, ve101));
  EXPECT_FALSE(ve_accessible(ve0, ve101));
  EXPECT_FALSE(ve_accessible(ve101, nullptr));
}

TEST_F(VeTest, NothingWithoutACpu) {
  EXPECT_EQ(get_exec_env(), nullptr);
  EXPECT_EQ(set_exec_env(k.ve0()), nullptr);
  EXPECT_EQ(get_ve0(), nullptr);
  EXPECT_EQ(ve_create(5), -ESRCH);
  EXPECT_EQ(ve_enter(5), -ESRCH);
  EXPECT_EQ(ve_test(0), -ESRCH);
  EXPECT_EQ(ve_destroy(5), -ESRCH);
}

TEST_F(VeTest, KernelFaceLifeCycle) {
  auto cpu = k.BindCpu(0, vzctl);
  ASSERT_TRUE(cpu.ok());
  EXPECT_EQ(ve_test(101), -ESRCH);
  EXPECT_EQ(ve_test(0), 0);
  ASSERT_EQ(ve_create(101), 0);
  EXPECT_EQ(ve_test(101), 0);
  EXPECT_EQ(sys_getpid(), 1);
  // current is now inside VE 101: creating and entering are refused.
  EXPECT_EQ(ve_create(102), -EPERM);
  EXPECT_EQ(ve_enter(101), -EPERM);
  EXPECT_EQ(ve_destroy(101), -EBUSY);

  task_struct* admin = *k.Fork(k.init_task(), "admin");
  ASSERT_TRUE(cpu->SwitchTo(admin).ok());
  EXPECT_EQ(ve_create(101), -EEXIST);
  EXPECT_EQ(ve_enter(999), -ESRCH);
  EXPECT_EQ(ve_destroy(0), -EPERM);
  ASSERT_EQ(ve_enter(101), 0);
  EXPECT_EQ(sys_getpid(), 2);
  EXPECT_EQ(sys_getppid(), 1);  // the parent is on the host
}

}  // namespace
}  // namespace vzsim
