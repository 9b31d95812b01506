#include "ubc/ubc.h"

#include <cerrno>

#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "kernel/process.h"

namespace vzsim {
namespace {

class UbcTest : public ::testing::Test {
 protected:
  Kernel k;
  task_struct* host = *k.Fork(k.init_task(), "vzctl");
  task_struct* init = *k.Fork(k.init_task(), "init");
  ve_struct* ve = *k.CreateVe(init, 101);
};

TEST_F(UbcTest, ExecUbFollowsCurrentAndSetReturnsTheOldOne) {
  auto cpu = k.BindCpu(0, init);
  ASSERT_TRUE(cpu.ok());
  EXPECT_EQ(get_exec_ub(), vzsim::RecordOf(ve)->ub);
  EXPECT_EQ(get_task_ub(init), vzsim::RecordOf(ve)->ub);
  EXPECT_EQ(get_ub0(), k.ub0());
  user_beancounter* old = set_exec_ub(get_ub0());
  EXPECT_EQ(old, vzsim::RecordOf(ve)->ub);
  EXPECT_EQ(get_exec_ub(), k.ub0());
  EXPECT_EQ(get_task_ub(init),
            vzsim::RecordOf(ve)->ub);  // the task's own ub stays
  EXPECT_EQ(set_exec_ub(nullptr), nullptr);
  EXPECT_EQ(get_exec_ub(), k.ub0());
  set_exec_ub(old);
  EXPECT_EQ(get_exec_ub(), vzsim::RecordOf(ve)->ub);
}

TEST_F(UbcTest, ForkChargesTheParentsExecUb) {
  auto cpu = k.BindCpu(0, host);
  ASSERT_TRUE(cpu.ok());
  user_beancounter* ub5 = k.GetBeancounter(5);
  set_exec_ub(ub5);
  const pid_t child = sys_fork();
  ASSERT_GT(child, 0);
  task_struct* c = k.FindTaskByPid(child);
  EXPECT_EQ(c->task_bc.task_ub, ub5);
  EXPECT_EQ(c->task_bc.exec_ub, ub5);
  EXPECT_EQ(vzsim::UbRead(ub5->ub_parms[UB_NUMPROC].held), 1u);
  EXPECT_EQ(vzsim::UbRead(ub5->ub_parms[UB_KMEMSIZE].held), TASK_KMEM_SIZE);
  ASSERT_TRUE(k.Exit(c, 0).ok());
  EXPECT_EQ(vzsim::UbRead(ub5->ub_parms[UB_NUMPROC].held),
            1u);                                // a zombie still counts
  ASSERT_EQ(sys_wait4(child, nullptr), child);  // reaped: uncharged
  EXPECT_EQ(vzsim::UbRead(ub5->ub_parms[UB_NUMPROC].held), 0u);
  EXPECT_EQ(vzsim::UbRead(ub5->ub_parms[UB_KMEMSIZE].held), 0u);
}

TEST_F(UbcTest, SetluidFromTheHostMakesAndSelectsTheBeancounter) {
  auto cpu = k.BindCpu(0, host);
  ASSERT_TRUE(cpu.ok());
  EXPECT_EQ(k.FindBeancounter(200), nullptr);
  ASSERT_EQ(sys_setluid(200), 0);
  ASSERT_NE(k.FindBeancounter(200), nullptr);
  EXPECT_EQ(get_exec_ub(), k.FindBeancounter(200));
  ASSERT_TRUE(cpu->SwitchTo(init).ok());
  EXPECT_EQ(sys_setluid(300), -EPERM);
  EXPECT_EQ(k.FindBeancounter(300), nullptr);
  EXPECT_EQ(ErrnoOf(k.SetLuid(nullptr, 1)), ESRCH);
}

TEST_F(UbcTest, SetublimitErrors) {
  auto cpu = k.BindCpu(0, host);
  ASSERT_TRUE(cpu.ok());
  unsigned long lim[2] = {100, 200};
  ASSERT_EQ(sys_setublimit(101, UB_NUMPROC, lim), 0);
  EXPECT_EQ(
      vzsim::UbRead(vzsim::RecordOf(ve)->ub->ub_parms[UB_NUMPROC].barrier),
      100u);
  EXPECT_EQ(vzsim::UbRead(vzsim::RecordOf(ve)->ub->ub_parms[UB_NUMPROC].limit),
            200u);
  EXPECT_EQ(sys_setublimit(999, UB_NUMPROC, lim), -ENOENT);
  EXPECT_EQ(sys_setublimit(101, 24, lim), -EINVAL);
  EXPECT_EQ(sys_setublimit(101, ~0UL, lim), -EINVAL);
  EXPECT_EQ(sys_setublimit(101, UB_NUMPROC, nullptr), -EFAULT);
  unsigned long inverted[2] = {300, 200};
  EXPECT_EQ(sys_setublimit(101, UB_NUMPROC, inverted), -EINVAL);
  unsigned long huge[2] = {1, UB_MAXVALUE + 1};
  EXPECT_EQ(sys_setublimit(101, UB_NUMPROC, huge), -EINVAL);
  EXPECT_EQ(vzsim::UbRead(vzsim::RecordOf(ve)->ub->ub_parms[UB_NUMPROC].limit),
            200u);  // unchanged
  ASSERT_TRUE(cpu->SwitchTo(init).ok());
  EXPECT_EQ(sys_setublimit(101, UB_NUMPROC, lim), -EPERM);
  EXPECT_EQ(ErrnoOf(k.SetUbLimit(nullptr, 101, 0, 1, 1)), EPERM);
}

TEST_F(UbcTest, HostTaskRunningForAVeMayNotSetLimits) {
  auto cpu = k.BindCpu(0, host);
  ASSERT_TRUE(cpu.ok());
  host->ve_task_info.exec_env = ve;
  unsigned long lim[2] = {1, 1};
  EXPECT_EQ(sys_setublimit(101, UB_NUMPROC, lim), -EPERM);
  host->ve_task_info.exec_env = k.ve0();
}

TEST_F(UbcTest, SubBeancounters) {
  auto sub = k.CreateSubBeancounter(vzsim::RecordOf(ve)->ub, 1);
  ASSERT_TRUE(sub.ok());
  EXPECT_EQ((*sub)->parent, vzsim::RecordOf(ve)->ub);
  ASSERT_EQ(charge_beancounter(*sub, UB_NUMFILE, 3, UB_HARD), 0);
  EXPECT_EQ(vzsim::UbRead(vzsim::RecordOf(ve)->ub->ub_parms[UB_NUMFILE].held),
            3u);
  EXPECT_EQ(ErrnoOf(k.CreateSubBeancounter(nullptr, 1).status()), EINVAL);
  user_beancounter* deep = *sub;
  for (int i = 0; i < 6; ++i) deep = *k.CreateSubBeancounter(deep, 10 + i);
  EXPECT_EQ(ErrnoOf(k.CreateSubBeancounter(deep, 99).status()), EINVAL);
  // Sub-beancounters are not top-level ones.
  for (user_beancounter* ub : k.BeancountersNewestFirst()) {
    EXPECT_EQ(ub->parent, nullptr);
  }
}

TEST_F(UbcTest, NothingWithoutACpu) {
  EXPECT_EQ(get_exec_ub(), nullptr);
  EXPECT_EQ(set_exec_ub(k.ub0()), nullptr);
  EXPECT_EQ(get_ub0(), nullptr);
  EXPECT_EQ(sys_setluid(1), -ESRCH);
  unsigned long lim[2] = {1, 1};
  EXPECT_EQ(sys_setublimit(0, 0, lim), -ESRCH);
  EXPECT_EQ(get_task_ub(nullptr), nullptr);
}

}  // namespace
}  // namespace vzsim
