// A task's charges (kernel/ub/ub_misc.c, kernel/ub/ub_mem.c, and where
// kernel/fork.c and kernel/pid.c charge), each test named after the kernel
// function it models.
#include "ubc/ub_task.h"

#include <cerrno>

#include "gtest/gtest.h"
#include "include/ub/ub_mem.h"
#include "include/ub/ub_misc.h"
#include "kernel/task_record.h"
#include "ubc/fake_ub_host.h"
#include "ubc/kmem_sizes.h"
#include "ubc/ub_table.h"

namespace vzsim {
namespace {

class UbTaskTest : public ::testing::Test {
 protected:
  // A task born into `ub` by a parent of that beancounter.
  void BornInto(TaskRecord* t, user_beancounter* ub) {
    t->task_bc.exec_ub = get_beancounter(ub);
    t->task_bc.task_ub = get_beancounter(ub);
    t->task_bc.fork_sub = get_beancounter(ub);
    ub_init_task_bc(&t->task_bc);
  }
  void SetUp() override {
    ve = table.GetByUid(101, true);
    BornInto(&parent, ve);
  }
  FakeUbHost host;
  UbTable table{&host, 262144, MaxThreadsFor(262144, THREAD_SIZE)};
  user_beancounter* ve = nullptr;
  TaskRecord parent{};
  TaskRecord child{};
};

TEST_F(UbTaskTest, UbKmemsizeChargeTakesAQuantumForSmallOwnCharges) {
  EXPECT_EQ(UbKmemCharge(&parent, ve, 100, UB_HARD), 0);
  EXPECT_EQ(Held(ve, UB_KMEMSIZE), UB_KMEM_QUANT);
  EXPECT_EQ(parent.task_bc.kmem_precharged, UB_KMEM_QUANT - 100);
  EXPECT_EQ(UbKmemCharge(&parent, ve, 200, UB_HARD), 0);
  EXPECT_EQ(Held(ve, UB_KMEMSIZE), UB_KMEM_QUANT);  // from the reserve
  EXPECT_EQ(parent.task_bc.kmem_precharged, UB_KMEM_QUANT - 300);
}

TEST_F(UbTaskTest, UbKmemsizeChargeDirectForOthersAndLargeObjects) {
  user_beancounter* other = table.GetByUid(102, true);
  EXPECT_EQ(UbKmemCharge(&parent, other, 100, UB_HARD), 0);
  EXPECT_EQ(Held(other, UB_KMEMSIZE), 100u);
  EXPECT_EQ(UbKmemCharge(&parent, ve, UB_KMEM_QUANT + 1, UB_HARD), 0);
  EXPECT_EQ(Held(ve, UB_KMEMSIZE), UB_KMEM_QUANT + 1);
  EXPECT_EQ(parent.task_bc.kmem_precharged, 0u);
  EXPECT_EQ(UbKmemCharge(nullptr, ve, 10, UB_HARD), 0);  // no task
  EXPECT_EQ(Held(ve, UB_KMEMSIZE), UB_KMEM_QUANT + 11);
  put_beancounter(other);
}

TEST_F(UbTaskTest, UbKmemsizeChargeARefusedQuantumCountsThenTriesExact) {
  ASSERT_EQ(UbSetLimits(ve, UB_KMEMSIZE, 1000, 1000), 0);
  EXPECT_EQ(UbKmemCharge(&parent, ve, 600, UB_HARD), 0);
  EXPECT_EQ(Failcnt(ve, UB_KMEMSIZE), 1u);  // the quantum's refusal
  EXPECT_EQ(Held(ve, UB_KMEMSIZE), 600u);
  EXPECT_EQ(UbKmemCharge(&parent, ve, 600, UB_HARD), -ENOMEM);
  EXPECT_EQ(Failcnt(ve, UB_KMEMSIZE), 3u);
}

TEST_F(UbTaskTest, UbKmemsizeUnchargeKeepsUpToTwoQuantaInTheReserve) {
  ASSERT_EQ(charge_beancounter(ve, UB_KMEMSIZE, 3 * UB_KMEM_QUANT, UB_FORCE),
            0);
  UbKmemUncharge(&parent, ve, UB_KMEM_QUANT);
  EXPECT_EQ(Held(ve, UB_KMEMSIZE), 3 * UB_KMEM_QUANT);  // into the reserve
  UbKmemUncharge(&parent, ve, UB_KMEM_QUANT);           // 2 quanta: 1 goes back
  EXPECT_EQ(Held(ve, UB_KMEMSIZE), 2 * UB_KMEM_QUANT);
  EXPECT_EQ(parent.task_bc.kmem_precharged, UB_KMEM_QUANT);
  UbKmemUncharge(nullptr, ve, UB_KMEM_QUANT);  // no task: directly
  EXPECT_EQ(Held(ve, UB_KMEMSIZE), UB_KMEM_QUANT);
}

TEST_F(UbTaskTest, UbTaskChargeBornIntoForkSubWithNumprocOnTheTop) {
  user_beancounter* sub = table.GetSub(ve, 1, true);
  put_beancounter(parent.task_bc.fork_sub);
  parent.task_bc.fork_sub = sub;                     // the sub's reference
  ASSERT_EQ(UbSetLimits(sub, UB_NUMPROC, 0, 0), 0);  // not enforced
  ASSERT_EQ(ub_task_charge(&parent, &child), 0);
  EXPECT_EQ(child.task_bc.task_ub, sub);
  EXPECT_EQ(child.task_bc.exec_ub, sub);
  EXPECT_EQ(child.task_bc.fork_sub, sub);
  EXPECT_EQ(Held(sub, UB_NUMPROC), 1u);
  EXPECT_EQ(Held(ve, UB_NUMPROC), 1u);
  EXPECT_EQ(Failcnt(sub, UB_NUMPROC), 0u);
  ub_task_uncharge(&child);
  ub_task_put(&child);
  EXPECT_EQ(Held(sub, UB_NUMPROC), 0u);
  EXPECT_EQ(Held(ve, UB_NUMPROC), 0u);
}

TEST_F(UbTaskTest, UbTaskChargeRefusedKeepsNoReference) {
  ASSERT_EQ(UbSetLimits(ve, UB_NUMPROC, 0, 0), 0);
  const int refs = atomic_read(&ve->ub_refcount);
  EXPECT_EQ(ub_task_charge(&parent, &child), -ENOMEM);
  EXPECT_EQ(atomic_read(&ve->ub_refcount), refs);
  EXPECT_EQ(Failcnt(ve, UB_NUMPROC), 1u);
  EXPECT_EQ(child.task_bc.task_ub, nullptr);
  EXPECT_EQ(ub_task_charge(nullptr, &child), -EINVAL);
}

TEST_F(UbTaskTest, UbFilePrechargeSixteenFilesWhenFarFromTheBarrier) {
  ASSERT_EQ(ub_task_charge(&parent, &child), 0);
  EXPECT_EQ(child.task_bc.file_precharged, 16u);
  EXPECT_EQ(Held(ve, UB_NUMFILE), 16u);
  EXPECT_EQ(Held(ve, UB_KMEMSIZE), 16 * kFilpKmem);
  // The test's, the parent's 3, the child's 3 and one per precharged file.
  EXPECT_EQ(atomic_read(&ve->ub_refcount), 1 + 3 + 3 + 16);
  ub_task_uncharge(&child);
  EXPECT_EQ(Held(ve, UB_NUMFILE), 0u);
  EXPECT_EQ(Held(ve, UB_KMEMSIZE), 0u);
  ub_task_put(&child);
  EXPECT_EQ(atomic_read(&ve->ub_refcount), 1 + 3);
}

TEST_F(UbTaskTest, UbFilePrechargeSkippedNearTheBarrier) {
  // numfile barrier 1024 (the default): 1024 >> 4 = 64 tasks get a batch.
  ASSERT_EQ(charge_beancounter(ve, UB_NUMPROC, 64, UB_FORCE), 0);
  ASSERT_EQ(ub_task_charge(&parent, &child), 0);  // numproc now 65
  EXPECT_EQ(child.task_bc.file_precharged, 0u);
  EXPECT_EQ(Held(ve, UB_NUMFILE), 0u);
  EXPECT_EQ(Failcnt(ve, UB_NUMFILE), 0u);
}

TEST_F(UbTaskTest, UbFilePrechargeRefusalCountsButTheForkGoesOn) {
  ASSERT_EQ(UbSetLimits(ve, UB_NUMFILE, 1024, 10), 0);
  ASSERT_EQ(ub_task_charge(&parent, &child), 0);
  EXPECT_EQ(child.task_bc.file_precharged, 0u);
  EXPECT_EQ(Failcnt(ve, UB_NUMFILE), 1u);
  EXPECT_EQ(Held(ve, UB_NUMPROC), 1u);
}

TEST_F(UbTaskTest, UbTaskPutGivesBackTheReserveAndTheReferences) {
  ASSERT_EQ(ub_task_charge(&parent, &child), 0);
  ASSERT_EQ(UbKmemCharge(&child, ve, 100, UB_HARD), 0);
  ub_task_uncharge(&child);
  EXPECT_EQ(Held(ve, UB_KMEMSIZE), UB_KMEM_QUANT);
  UbKmemUncharge(&child, ve, 100);
  ub_task_put(&child);
  EXPECT_EQ(Held(ve, UB_KMEMSIZE), 0u);
  EXPECT_EQ(child.task_bc.task_ub, nullptr);
  EXPECT_EQ(atomic_read(&ve->ub_refcount), 1 + 3);
}

// copy_process(): alloc_pid() refused gives -EAGAIN, dup_task_struct() or
// ub_task_charge() refused -ENOMEM; nothing stays charged either way.
TEST_F(UbTaskTest, UbForkTaskPidRefusalIsEagainTheRestEnomem) {
  ASSERT_EQ(UbSetLimits(ve, UB_KMEMSIZE, 100, 100), 0);
  EXPECT_EQ(UbForkTask(&parent, &child), -EAGAIN);
  ASSERT_EQ(UbSetLimits(ve, UB_KMEMSIZE, kPidKmem + 10, kPidKmem + 10), 0);
  EXPECT_EQ(UbForkTask(&parent, &child), -ENOMEM);
  ASSERT_EQ(UbSetLimits(ve, UB_KMEMSIZE, UB_MAXVALUE, UB_MAXVALUE), 0);
  ASSERT_EQ(UbSetLimits(ve, UB_NUMPROC, 0, 0), 0);
  EXPECT_EQ(UbForkTask(&parent, &child), -ENOMEM);
  EXPECT_EQ(Held(ve, UB_KMEMSIZE) - parent.task_bc.kmem_precharged, 0u);
  EXPECT_EQ(Held(ve, UB_NUMPROC), 0u);
}

TEST_F(UbTaskTest, UbForkTaskThenReleaseAndFreeLeaveNothing) {
  ASSERT_EQ(UbForkTask(&parent, &child), 0);
  ASSERT_EQ(UbForkProcess(&parent, &child), 0);
  EXPECT_EQ(RecordOf(&child)->kmem_ub, ve);
  EXPECT_EQ(Held(ve, UB_NUMPROC), 1u);
  child.group_leader = &child;
  UbExitFiles(&child, &child);
  UbReleaseTask(&parent, &child);
  UbFreeTask(&child);
  ub_task_put(&parent);  // the parent's reserve and references too
  EXPECT_EQ(Held(ve, UB_KMEMSIZE), 0u);
  EXPECT_EQ(Held(ve, UB_NUMPROC), 0u);
  EXPECT_EQ(Held(ve, UB_NUMFILE), 0u);
  EXPECT_EQ(atomic_read(&ve->ub_refcount), 1);  // the test's own
  EXPECT_EQ(host.log(), "");
}

}  // namespace
}  // namespace vzsim
