#include "kernel/cpu.h"

#include <cerrno>
#include <thread>

#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"

namespace vzsim {
namespace {

TEST(CpuTest, UnboundThreadHasNoCurrent) {
  Kernel k;
  EXPECT_EQ(this_cpu(), nullptr);
  EXPECT_EQ(get_current(), nullptr);
}

TEST(CpuTest, BindingMakesTheTaskCurrent) {
  Kernel k;
  {
    auto cpu = k.BindCpu(1, k.init_task());
    ASSERT_TRUE(cpu.ok()) << cpu.status();
    EXPECT_EQ(get_current(), k.init_task());
    EXPECT_EQ(current->pid, 1);
    EXPECT_EQ(this_kernel(), &k);
    EXPECT_EQ(this_cpu()->id(), 1);
  }
  EXPECT_EQ(get_current(), nullptr);
  EXPECT_EQ(vzsim::RecordOf(k.init_task())->on_cpu, 0);
}

TEST(CpuTest, IdleTaskIsCurrentByDefault) {
  Kernel k;
  auto cpu = k.BindCpu(0);
  ASSERT_TRUE(cpu.ok());
  EXPECT_EQ(current->pid, 0);
  EXPECT_EQ(current->ve_task_info.owner_env, k.ve0());
  EXPECT_TRUE(IsIdleTask(current));
}

TEST(CpuTest, BindErrors) {
  Kernel k;
  EXPECT_EQ(ErrnoOf(k.BindCpu(-1).status()), EINVAL);
  EXPECT_EQ(ErrnoOf(k.BindCpu(2).status()), EINVAL);
  auto a = k.BindCpu(0, k.init_task());
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(ErrnoOf(k.BindCpu(0).status()), EBUSY);
  // One task cannot run on two CPUs.
  std::thread other([&] {
    EXPECT_EQ(ErrnoOf(k.BindCpu(1, k.init_task()).status()), EBUSY);
    EXPECT_EQ(get_current(), nullptr);
  });
  other.join();
}

TEST(CpuTest, SwitchToChangesCurrent) {
  Kernel k;
  task_struct* a = *k.Fork(k.init_task(), "a");
  auto cpu = k.BindCpu(0, k.init_task());
  ASSERT_TRUE(cpu.ok());
  ASSERT_TRUE(cpu->SwitchTo(a).ok());
  EXPECT_EQ(get_current(), a);
  EXPECT_EQ(vzsim::RecordOf(k.init_task())->on_cpu, 0);
  ASSERT_TRUE(cpu->SwitchTo(nullptr).ok());
  EXPECT_EQ(current->pid, 0);
}

TEST(CpuTest, AReapedTaskCannotBeScheduledAndIsFreedWhenOffCpu) {
  Kernel k;
  task_struct* a = *k.Fork(k.init_task(), "a");
  auto cpu = k.BindCpu(0, a);
  ASSERT_TRUE(cpu.ok());
  ASSERT_TRUE(k.Exit(a, 0).ok());  // reaped by init, but still on the CPU
  EXPECT_EQ(get_current(), a);
  EXPECT_EQ(a->exit_state, EXIT_DEAD);
  ASSERT_TRUE(cpu->SwitchTo(k.init_task()).ok());
  EXPECT_EQ(ErrnoOf(cpu->SwitchTo(a)), ESRCH);
}

TEST(CpuTest, BindingsNestAndRestore) {
  Kernel k1, k2;
  auto outer = k1.BindCpu(0, k1.init_task());
  ASSERT_TRUE(outer.ok());
  {
    auto inner = k2.BindCpu(0, k2.init_task());
    ASSERT_TRUE(inner.ok());
    EXPECT_EQ(this_kernel(), &k2);
  }
  EXPECT_EQ(this_kernel(), &k1);
}

}  // namespace
}  // namespace vzsim
