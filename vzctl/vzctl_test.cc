#include "vzctl/vzctl.h"

#include <cerrno>

#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "proc/beancounters.h"

namespace vzsim {
namespace {

unsigned long Held(user_beancounter* ub, int res) {
  return UbRead(ub->ub_parms[res].held);
}

TEST(StartContainer, TheVeIsBornIntoItsBeancounterWithItsLimits) {
  Kernel k;
  auto limits = ParseUbConfig("PRIVVMPAGES=\"256:300\"\nNUMPROC=\"20:20\"\n");
  ASSERT_TRUE(limits.ok());
  auto ct = StartContainer(k, 101, *limits);
  ASSERT_TRUE(ct.ok()) << ct.status();
  user_beancounter* ub = k.FindBeancounter(101);
  ASSERT_NE(ub, nullptr);
  EXPECT_EQ(ct->ve->veid, 101u);
  EXPECT_EQ(ct->init->vpid, 1);
  EXPECT_EQ(ct->init->task_bc.task_ub, ub);
  EXPECT_EQ(ct->init->task_bc.exec_ub, ub);
  EXPECT_EQ(ct->init->task_bc.fork_sub, ub);
  EXPECT_EQ(Held(ub, UB_NUMPROC), 1u);
  EXPECT_EQ(UbRead(ub->ub_parms[UB_PRIVVMPAGES].barrier), 256u);
  EXPECT_EQ(UbRead(ub->ub_parms[UB_NUMPROC].limit), 20u);
  // Unconfigured resources keep a new beancounter's defaults.
  EXPECT_EQ(UbRead(ub->ub_parms[UB_LOCKEDPAGES].limit), 8u);
  EXPECT_EQ(UbRead(ub->ub_parms[UB_PHYSPAGES].limit), 0u);
  // vzctl is gone: host init has init (reparented) and its own children.
  EXPECT_EQ(ct->init->real_parent, k.init_task());
  EXPECT_EQ(atomic_read(&ub->ub_refcount) > 0, true);
}

TEST(StartContainer, AVeIsRefusedAtItsNumprocLimit) {
  Kernel k;
  auto ct = StartContainer(k, 101, *ParseUbConfig("NUMPROC=3"));
  ASSERT_TRUE(ct.ok());
  ASSERT_TRUE(k.Fork(ct->init, "a").ok());
  ASSERT_TRUE(k.Fork(ct->init, "b").ok());
  EXPECT_EQ(ErrnoOf(k.Fork(ct->init, "c").status()), ENOMEM);
  EXPECT_EQ(UbRead(k.FindBeancounter(101)->ub_parms[UB_NUMPROC].failcnt), 1u);
}

TEST(StartContainer, ABadLimitFailsAndLeavesNothing) {
  Kernel k;
  const size_t tasks = k.nr_tasks();
  UbLimit bad{UB_NUMPROC, UB_MAXVALUE + 1, UB_MAXVALUE + 1};
  auto ct = StartContainer(k, 101, {bad});
  EXPECT_EQ(ErrnoOf(ct.status()), EINVAL);
  EXPECT_NE(ct.status().message().find("setublimit numproc"),
            std::string::npos);
  EXPECT_EQ(k.nr_tasks(), tasks);
  EXPECT_EQ(k.FindBeancounter(101), nullptr);  // its only user is gone
  EXPECT_EQ(k.FindVe(101), nullptr);
}

TEST(StartContainer, ARunningVeidIsEexist) {
  Kernel k;
  ASSERT_TRUE(StartContainer(k, 101, {}).ok());
  EXPECT_EQ(ErrnoOf(StartContainer(k, 101, {}).status()), EEXIST);
}

// A stopped VE's beancounter leaves /proc once its last task is reaped;
// starting it again makes a fresh one, at the head of the list, with the
// defaults again.
TEST(StartContainer, AStoppedVesBeancounterIsReleasedAndMadeAfresh) {
  Kernel k;
  auto ct = StartContainer(k, 101, *ParseUbConfig("NUMPROC=50"));
  ASSERT_TRUE(StartContainer(k, 102, {}).ok());
  ASSERT_TRUE(k.Fork(ct->init, "app").ok());
  ASSERT_TRUE(k.Exit(ct->init, 0).ok());
  EXPECT_EQ(k.FindBeancounter(101), nullptr);
  EXPECT_EQ(k.HostLog().find("helds"), std::string::npos) << k.HostLog();
  const std::string proc = RenderUserBeancounters(k, k.init_task());
  EXPECT_EQ(proc.find("101:"), std::string::npos);
  EXPECT_EQ(k.FindVe(101), nullptr);  // the VE left with its last task
  ct = StartContainer(k, 101, {});
  ASSERT_TRUE(ct.ok());
  user_beancounter* again = k.FindBeancounter(101);
  EXPECT_EQ(UbRead(again->ub_parms[UB_NUMPROC].limit), 8192u);
  EXPECT_EQ(k.ubs().List().front(), again);
}

TEST(SetContainerLimits, NeedsTheBeancounter) {
  Kernel k;
  EXPECT_EQ(ErrnoOf(SetContainerLimits(k, 101, *ParseUbConfig("NUMPROC=5"))),
            ENOENT);
  ASSERT_TRUE(StartContainer(k, 101, {}).ok());
  ASSERT_TRUE(SetContainerLimits(k, 101, *ParseUbConfig("NUMPROC=5")).ok());
  EXPECT_EQ(UbRead(k.FindBeancounter(101)->ub_parms[UB_NUMPROC].limit), 5u);
}

}  // namespace
}  // namespace vzsim
