#include "tests/property/reference_model.h"

#include <cerrno>
#include <csignal>

#include "gtest/gtest.h"
#include "kernel/kernel.h"
#include "kernel/mmap.h"
#include "tests/property/model_compare.h"
#include "tests/property/operations.h"
#include "ubc/beancounter.h"

namespace vzsim {
namespace {

using model::ReferenceModel;

// The model keeps its own copies of the kernel's constants, so that it
// includes nothing from kernel/; they must stay equal.
TEST(ReferenceModelTest, ConstantsAreTheKernels) {
  EXPECT_EQ(model::kResources, UB_RESOURCES);
  EXPECT_EQ(model::kKmemSize, UB_KMEMSIZE);
  EXPECT_EQ(model::kLockedPages, UB_LOCKEDPAGES);
  EXPECT_EQ(model::kPrivVmPages, UB_PRIVVMPAGES);
  EXPECT_EQ(model::kNumProc, UB_NUMPROC);
  EXPECT_EQ(model::kNumFlock, UB_NUMFLOCK);
  EXPECT_EQ(model::kMaxValue, UB_MAXVALUE);
  EXPECT_EQ(model::kNumFile, UB_NUMFILE);
  Kernel k;
  EXPECT_EQ(model::kIdleTasks, k.nr_cpus());
  // A new beancounter's defaults.
  task_struct* t = *k.Fork(k.init_task(), "t");
  ASSERT_TRUE(k.SetLuid(t, 5).ok());
  for (int r = 0; r < UB_RESOURCES; ++r) {
    EXPECT_EQ(model::kSyslimits[r],
              UbRead(k.FindBeancounter(5)->ub_parms[r].limit))
        << r;
  }
  EXPECT_EQ(model::kPageShift, PAGE_SHIFT);
  EXPECT_EQ(model::kStackTopPage, STACK_TOP >> PAGE_SHIFT);
}

TEST(ReferenceModelTest, AFreshModelMatchesABootedKernel) {
  Kernel k;
  ReferenceModel m;
  EXPECT_EQ(CompareWithModel(k, m, {1}), "");
}

// The rules, stated on their own: a VE started as vzctl does is charged
// to its own beancounter, whose numproc barrier refuses a fork and counts
// it; the exit of a VE's init takes the VE down, host init reaps
// everything, and the beancounter, unused, goes.
TEST(ReferenceModelTest, FollowsTheRules) {
  ReferenceModel m;
  ASSERT_EQ(m.Fork(1, false, 0, 299, 299), "");
  EXPECT_NE(m.Fork(1, false, 0, 299, 299), "");    // in use
  EXPECT_NE(m.Fork(1, false, 0, 1025, 1025), "");  // bit 10 set
  EXPECT_NE(m.CreateVe(1, 101, 0), "");            // host init is never alone
  EXPECT_EQ(m.CreateVe(1, 101, EINVAL), "");
  // No beancounter 101 before a setluid.
  EXPECT_EQ(m.SetLimit(101, model::kNumProc, 2, 2, 0),
            "setublimit: the model expects errno 2, the kernel gave 0");
  ASSERT_EQ(m.VzctlStart(101, {{model::kNumProc, 2, 2}}, 0, 300), "");
  EXPECT_EQ(m.tasks().at(300).vpid, 1);
  EXPECT_EQ(m.tasks().at(300).ub, 101u);
  EXPECT_EQ(m.Held(101, model::kNumProc), 1u);
  EXPECT_EQ(m.Held(101, model::kNumFile), model::kFileBatch);
  EXPECT_NE(m.Fork(300, false, 0, 301, 2), "");  // not global + 1024
  ASSERT_EQ(m.Fork(300, false, 0, 301, 301 + 1024), "");
  EXPECT_NE(m.Fork(300, false, 0, 302, 302 + 1024), "");  // a third: refused
  EXPECT_EQ(m.Fork(300, false, ENOMEM, 0, 0), "");
  EXPECT_EQ(m.beancounters().at(101).failcnt[model::kNumProc], 2u);
  EXPECT_EQ(m.VzctlStart(101, {}, EEXIST, 0), "");
  // A kill of init from inside the VE is dropped; from the host it is not.
  ASSERT_EQ(m.Kill(301, 1, SIGKILL, 0), "");
  EXPECT_TRUE(m.tasks().at(300).alive);
  ASSERT_EQ(m.Kill(1, 300, SIGKILL, 0), "");
  EXPECT_EQ(m.tasks().count(300), 0u);  // reaped by host init, its parent
  EXPECT_EQ(m.tasks().count(301), 0u);
  EXPECT_EQ(m.ves().count(101), 0u);           // gone with its last task
  EXPECT_EQ(m.beancounters().count(101), 0u);  // released
}

// The comparison has teeth: state the model did not see is reported.
TEST(ReferenceModelTest, CompareNoticesWhatTheModelDidNotDo) {
  Kernel k;
  ReferenceModel m;
  task_struct* t = *k.Fork(k.init_task(), "t");
  EXPECT_NE(CompareWithModel(k, m, {}), "");  // a task the model lacks
  ASSERT_EQ(m.Fork(1, false, 0, t->pid, t->vpid), "");
  EXPECT_EQ(CompareWithModel(k, m, {}), "");

  ASSERT_TRUE(k.Mmap(t, 0, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS)
                  .ok());
  EXPECT_NE(CompareWithModel(k, m, {}), "");  // an address space it lacks
  ASSERT_EQ(m.Mmap(t->pid, 4, true, false, 0, 0), "mmap gave a bad address 0");

  Kernel k2;
  ReferenceModel m2;
  charge_beancounter(k2.ub0(), UB_NUMFLOCK, 1, UB_HARD);
  EXPECT_NE(CompareWithModel(k2, m2, {}), "");  // a charge it did not make
  uncharge_beancounter(k2.ub0(), UB_NUMFLOCK, 1);
  EXPECT_EQ(CompareWithModel(k2, m2, {}), "");
}

TEST(ReferenceModelTest, ShortSequencesAgree) {
  for (uint64_t seed = 100; seed < 110; ++seed) {
    EXPECT_EQ(RunOps(RandomOps(seed, 500)), "") << "seed " << seed;
  }
}

}  // namespace
}  // namespace vzsim
