// The beancounter system calls (kernel/ub/ub_sys.c) and the kernel-face
// calls that find the beancounters through the calling CPU, each test
// named after the kernel function it models.
#include "ubc/ubc.h"

#include <cerrno>

#include "gtest/gtest.h"
#include "include/ub/ub_mem.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "kernel/process.h"

namespace vzsim {
namespace {

unsigned long HeldOf(user_beancounter* ub, int res) {
  return UbRead(ub->ub_parms[res].held);
}

class UbcTest : public ::testing::Test {
 protected:
  Kernel k;
  task_struct* host = *k.Fork(k.init_task(), "vzctl");
  task_struct* init = *k.Fork(k.init_task(), "init");
  ve_struct* ve = *k.CreateVe(init, 101);
};

TEST_F(UbcTest, GetExecUbFollowsCurrentAndSetExecUbReturnsTheOldOne) {
  auto cpu = k.BindCpu(0, init);
  ASSERT_TRUE(cpu.ok());
  // VE 101 was created without a setluid: its init stays in ub0.
  EXPECT_EQ(get_exec_ub(), k.ub0());
  EXPECT_EQ(get_ub0(), k.ub0());
  ASSERT_EQ(sys_setluid(7), -EPERM);  // from inside the VE
  (void)cpu->SwitchTo(host);
  ASSERT_EQ(sys_setluid(7), 0);
  user_beancounter* ub7 = k.FindBeancounter(7);
  EXPECT_EQ(get_exec_ub(), ub7);
  user_beancounter* old = set_exec_ub(get_ub0());
  EXPECT_EQ(old, ub7);
  EXPECT_EQ(get_exec_ub(), k.ub0());
  EXPECT_EQ(get_task_ub(host), k.ub0());  // setluid leaves task_ub alone
  set_exec_ub(old);
  EXPECT_EQ(sys_getluid(), 7);
}

TEST_F(UbcTest, SysGetluidIsTheExecBeancountersId) {
  auto cpu = k.BindCpu(0, host);
  EXPECT_EQ(sys_getluid(), 0);
  ASSERT_EQ(sys_setluid(4000000000u), 0);
  EXPECT_EQ(sys_getluid(), 4000000000L);
  EXPECT_EQ(UbGetluid(nullptr), -ESRCH);
}

TEST_F(UbcTest, SysSetluidEinvalForMinusOneBeforeAnythingElse) {
  auto cpu = k.BindCpu(0, init);  // in a VE, which would be -EPERM
  EXPECT_EQ(sys_setluid(static_cast<uid_t>(-1)), -EINVAL);
}

TEST_F(UbcTest, SysSetluidEpermWithoutCapSetuid) {
  ASSERT_TRUE(k.DropCapability(host, CAP_SETUID).ok());
  auto cpu = k.BindCpu(0, host);
  EXPECT_EQ(sys_setluid(7), -EPERM);
  EXPECT_EQ(k.FindBeancounter(7), nullptr);
}

TEST_F(UbcTest, SysSetluidEpermOutsideVe0ExecEnv) {
  auto cpu = k.BindCpu(0, host);
  ve_struct* old = set_exec_env(ve);  // a host task working for VE 101
  EXPECT_EQ(sys_setluid(7), -EPERM);
  set_exec_env(old);
  EXPECT_EQ(sys_setluid(7), 0);
}

TEST_F(UbcTest, SysSetluidSetsExecUbAndForkSubButNotTaskUb) {
  auto cpu = k.BindCpu(0, host);
  ASSERT_EQ(sys_setluid(101), 0);
  user_beancounter* ub = k.FindBeancounter(101);
  ASSERT_NE(ub, nullptr);
  EXPECT_EQ(host->task_bc.exec_ub, ub);
  EXPECT_EQ(host->task_bc.fork_sub, ub);
  EXPECT_EQ(host->task_bc.task_ub, k.ub0());
  EXPECT_EQ(HeldOf(ub, UB_NUMPROC), 0u);  // the caller is not moved
  // Its children are born into 101, numproc and all.
  const pid_t child = sys_fork();
  ASSERT_GT(child, 0);
  task_struct* c = k.FindTaskByPid(child);
  EXPECT_EQ(c->task_bc.task_ub, ub);
  EXPECT_EQ(c->task_bc.exec_ub, ub);
  EXPECT_EQ(c->task_bc.fork_sub, ub);
  EXPECT_EQ(HeldOf(ub, UB_NUMPROC), 1u);
  EXPECT_EQ(HeldOf(ub, UB_NUMFILE), 16u);  // the fork's precharge
  ASSERT_TRUE(k.Exit(c, 0).ok());
  EXPECT_EQ(HeldOf(ub, UB_NUMPROC), 1u);  // a zombie still counts
  ASSERT_EQ(sys_wait4(child, nullptr), child);
  EXPECT_EQ(HeldOf(ub, UB_NUMPROC), 0u);
  EXPECT_EQ(HeldOf(ub, UB_NUMFILE), 0u);
}

TEST_F(UbcTest, SysSetluidAgainMovesBothReferences) {
  auto cpu = k.BindCpu(0, host);
  ASSERT_EQ(sys_setluid(5), 0);
  user_beancounter* ub5 = k.FindBeancounter(5);
  EXPECT_EQ(atomic_read(&ub5->ub_refcount), 2);  // exec_ub and fork_sub
  ASSERT_EQ(sys_setluid(6), 0);
  EXPECT_EQ(k.FindBeancounter(5), nullptr);  // nobody holds 5: released
  EXPECT_EQ(atomic_read(&k.FindBeancounter(6)->ub_refcount), 2);
}

TEST_F(UbcTest, SysSetublimitEfaultBeforeEverything) {
  auto cpu = k.BindCpu(0, init);
  EXPECT_EQ(sys_setublimit(101, UB_RESOURCES, nullptr), -EFAULT);
}

TEST_F(UbcTest, SysSetublimitEpermBeforeEinval) {
  const unsigned long limits[2] = {1, 1};
  auto cpu = k.BindCpu(0, init);  // a VE task
  EXPECT_EQ(sys_setublimit(0, UB_RESOURCES, limits), -EPERM);
  (void)cpu->SwitchTo(host);
  ASSERT_TRUE(k.DropCapability(host, CAP_SYS_RESOURCE).ok());
  EXPECT_EQ(sys_setublimit(0, UB_RESOURCES, limits), -EPERM);
}

TEST_F(UbcTest, SysSetublimitEinvalBeforeEnoent) {
  auto cpu = k.BindCpu(0, host);
  const unsigned long ok[2] = {1, 1};
  const unsigned long big[2] = {1, UB_MAXVALUE + 1};
  EXPECT_EQ(sys_setublimit(99, UB_RESOURCES, ok), -EINVAL);
  EXPECT_EQ(sys_setublimit(99, static_cast<unsigned long>(-1), ok), -EINVAL);
  EXPECT_EQ(sys_setublimit(99, UB_NUMPROC, big), -EINVAL);
  EXPECT_EQ(sys_setublimit(99, UB_NUMPROC, ok), -ENOENT);
}

TEST_F(UbcTest, SysSetublimitTakesBarrierAboveLimitAndDummies) {
  auto cpu = k.BindCpu(0, host);
  ASSERT_EQ(sys_setluid(101), 0);
  const unsigned long odd[2] = {300, 256};
  EXPECT_EQ(sys_setublimit(101, UB_PRIVVMPAGES, odd), 0);
  EXPECT_EQ(sys_setublimit(101, UB_DUMMY, odd), 0);
  user_beancounter* ub = k.FindBeancounter(101);
  EXPECT_EQ(UbRead(ub->ub_parms[UB_PRIVVMPAGES].barrier), 300u);
  EXPECT_EQ(UbRead(ub->ub_parms[UB_PRIVVMPAGES].limit), 256u);
  EXPECT_EQ(UbRead(ub->ub_parms[UB_DUMMY].limit), 256u);
  // ub0 can be limited like any other.
  EXPECT_EQ(sys_setublimit(0, UB_NUMFLOCK, odd), 0);
}

TEST_F(UbcTest, SysSetublimitLeavesHeldAndFailcntAlone) {
  auto cpu = k.BindCpu(0, host);
  ASSERT_EQ(sys_setluid(101), 0);
  ASSERT_GT(sys_fork(), 0);
  user_beancounter* ub = k.FindBeancounter(101);
  const unsigned long zero[2] = {0, 0};
  EXPECT_EQ(sys_setublimit(101, UB_NUMPROC, zero), 0);  // below held
  EXPECT_EQ(HeldOf(ub, UB_NUMPROC), 1u);
  EXPECT_EQ(sys_fork(), -ENOMEM);  // the next charge is refused
  EXPECT_EQ(UbRead(ub->ub_parms[UB_NUMPROC].failcnt), 1u);
}

TEST_F(UbcTest, GetBeancounterByuidThroughTheCpu) {
  EXPECT_EQ(get_beancounter_byuid(9, 1), nullptr);  // no CPU
  auto cpu = k.BindCpu(0, host);
  user_beancounter* ub = get_beancounter_byuid(9, 1);
  ASSERT_NE(ub, nullptr);
  EXPECT_EQ(get_beancounter_byuid(9, 0), ub);
  user_beancounter* sub = get_subbeancounter_byid(ub, 2, 1);
  ASSERT_NE(sub, nullptr);
  EXPECT_EQ(sub->parent, ub);
  EXPECT_EQ(get_subbeancounter_byid(nullptr, 2, 1), nullptr);
  put_beancounter(sub);
  put_beancounter(ub);
  put_beancounter(ub);
  EXPECT_EQ(k.FindBeancounter(9), nullptr);
}

TEST_F(UbcTest, UbKmemsizeChargeUsesCurrentsReserve) {
  auto cpu = k.BindCpu(0, host);
  const unsigned long before = HeldOf(k.ub0(), UB_KMEMSIZE);
  const unsigned long reserve = host->task_bc.kmem_precharged;
  ASSERT_EQ(ub_kmemsize_charge(k.ub0(), 64, UB_HARD), 0);
  if (reserve >= 64) {
    EXPECT_EQ(HeldOf(k.ub0(), UB_KMEMSIZE), before);
  } else {
    EXPECT_EQ(HeldOf(k.ub0(), UB_KMEMSIZE), before + UB_KMEM_QUANT);
  }
  ub_kmemsize_uncharge(k.ub0(), 64);
  EXPECT_EQ(host->task_bc.kmem_precharged,
            reserve < 64 ? reserve + UB_KMEM_QUANT : reserve);
  EXPECT_EQ(ub_kmemsize_charge(nullptr, 64, UB_HARD), -EINVAL);
}

TEST_F(UbcTest, KernelFaceCallsWithoutACpu) {
  const unsigned long limits[2] = {1, 1};
  EXPECT_EQ(sys_setluid(5), -ESRCH);
  EXPECT_EQ(sys_setublimit(0, UB_NUMPROC, limits), -ESRCH);
  EXPECT_EQ(sys_getluid(), -ESRCH);
  EXPECT_EQ(get_ub0(), nullptr);
}

}  // namespace
}  // namespace vzsim
