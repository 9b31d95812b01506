#include "pid/pid_map.h"

#include <cerrno>
#include <set>

#include "gtest/gtest.h"

namespace vzsim {
namespace {

TEST(PidMapTest, AllocatesFromOneUpwards) {
  PidMap map;
  EXPECT_EQ(map.Alloc(), 1);
  EXPECT_EQ(map.Alloc(), 2);
  EXPECT_EQ(map.Alloc(), 3);
  EXPECT_EQ(map.nr_taken(), 3);
}

TEST(PidMapTest, CyclicAllocationDoesNotReuseAFreedNumberAtOnce) {
  PidMap map;
  ASSERT_EQ(map.Alloc(), 1);
  ASSERT_EQ(map.Alloc(), 2);
  map.Put(1);
  // Cyclic: continues after the last one handed out, not at the lowest hole.
  EXPECT_EQ(map.Alloc(), 3);
}

TEST(PidMapTest, WrapsToReservedPidsAndSkipsTakenNumbers) {
  PidMap map(PidMap::kPidMaxMin + 9);  // pids 1 .. 309
  for (int i = 1; i < map.pid_max(); ++i) ASSERT_EQ(map.Alloc(), i);
  // Free one low number and two above 300.
  map.Put(7);
  map.Put(302);
  map.Put(305);
  // After the wrap allocation restarts at 300: 7 is never handed out again.
  EXPECT_EQ(map.Alloc(), 302);
  EXPECT_EQ(map.Alloc(), 305);
  EXPECT_EQ(map.Alloc(), -EAGAIN);
  EXPECT_FALSE(map.IsTaken(7));
}

TEST(PidMapTest, FullSpaceGivesEagainAndRecoversWhenANumberIsFreed) {
  PidMap map(PidMap::kPidMaxMin);  // 1 .. 300
  for (int i = 1; i <= 300; ++i) ASSERT_EQ(map.Alloc(), i);
  EXPECT_EQ(map.Alloc(), -EAGAIN);
  EXPECT_EQ(map.Alloc(), -EAGAIN);
  map.Put(300);
  EXPECT_EQ(map.Alloc(), 300);
  EXPECT_EQ(map.Alloc(), -EAGAIN);
}

TEST(PidMapTest, ANumberStaysTakenWhileAnyReferenceRemains) {
  PidMap map(PidMap::kPidMaxMin);
  for (int i = 1; i <= 300; ++i) ASSERT_EQ(map.Alloc(), i);
  map.Get(300);  // e.g. a process group named 300 outlives its leader
  map.Put(300);  // the task is gone
  EXPECT_TRUE(map.IsTaken(300));
  EXPECT_EQ(map.Alloc(), -EAGAIN);
  map.Put(300);  // the group is gone too
  EXPECT_FALSE(map.IsTaken(300));
  EXPECT_EQ(map.Alloc(), 300);
}

TEST(PidMapTest, LookupFindsOnlyAttachedTasks) {
  PidMap map;
  task_struct* fake = reinterpret_cast<task_struct*>(0x1000);
  const int nr = map.Alloc();
  EXPECT_EQ(map.Lookup(nr), nullptr);  // taken, but no task attached yet
  map.Attach(nr, fake);
  EXPECT_EQ(map.Lookup(nr), fake);
  map.Detach(nr);
  EXPECT_EQ(map.Lookup(nr), nullptr);
}

TEST(PidMapTest, LookupOfBadNumbersIsNull) {
  PidMap map;
  map.Attach(map.Alloc(), reinterpret_cast<task_struct*>(0x1000));
  EXPECT_EQ(map.Lookup(0), nullptr);
  EXPECT_EQ(map.Lookup(-1), nullptr);
  EXPECT_EQ(map.Lookup(-2147483647 - 1), nullptr);
  EXPECT_EQ(map.Lookup(2), nullptr);
  EXPECT_EQ(map.Lookup(PidMap::kPidMaxLimit), nullptr);
  EXPECT_EQ(map.Lookup(2147483647), nullptr);
}

TEST(PidMapTest, GetAndPutOfUnknownNumbersAreIgnored) {
  PidMap map;
  map.Get(5);
  map.Put(5);
  map.Put(-3);
  map.Put(1 << 30);
  EXPECT_EQ(map.nr_taken(), 0);
  EXPECT_EQ(map.Alloc(), 1);
}

TEST(PidMapTest, PidMaxIsBoundedAndConfigurableUpTo4M) {
  PidMap map;
  EXPECT_EQ(map.pid_max(), 32768);
  EXPECT_EQ(map.SetPidMax(300), -EINVAL);
  EXPECT_EQ(map.SetPidMax(0), -EINVAL);
  EXPECT_EQ(map.SetPidMax(-1), -EINVAL);
  EXPECT_EQ(map.SetPidMax(PidMap::kPidMaxLimit + 1), -EINVAL);
  EXPECT_EQ(map.pid_max(), 32768);
  ASSERT_EQ(map.SetPidMax(PidMap::kPidMaxLimit), 0);
  EXPECT_EQ(map.AllocSpecific(PidMap::kPidMaxLimit - 1),
            PidMap::kPidMaxLimit - 1);
  auto* fake = reinterpret_cast<task_struct*>(0x1000);
  map.Attach(PidMap::kPidMaxLimit - 1, fake);
  EXPECT_EQ(map.Lookup(PidMap::kPidMaxLimit - 1), fake);
  EXPECT_EQ(map.AllocSpecific(PidMap::kPidMaxLimit), -EINVAL);
}

TEST(PidMapTest, DefaultPidMaxStopsAt32767) {
  PidMap map;
  int last = 0;
  for (int i = 0; i < 32767; ++i) last = map.Alloc();
  EXPECT_EQ(last, 32767);
  EXPECT_EQ(map.Alloc(), -EAGAIN);
}

TEST(PidMapTest, LoweringPidMaxKeepsExistingNumbersFindable) {
  PidMap map(100000);
  ASSERT_EQ(map.AllocSpecific(90000), 90000);
  auto* fake = reinterpret_cast<task_struct*>(0x1000);
  map.Attach(90000, fake);
  ASSERT_EQ(map.SetPidMax(1000), 0);
  EXPECT_EQ(map.Lookup(90000), fake);
  EXPECT_LT(map.Alloc(), 1000);
}

TEST(PidMapTest, AllocSpecificRefusesTakenAndOutOfRange) {
  PidMap map;
  EXPECT_EQ(map.AllocSpecific(1), 1);
  EXPECT_EQ(map.AllocSpecific(1), -EBUSY);
  EXPECT_EQ(map.AllocSpecific(0), -EINVAL);
  EXPECT_EQ(map.AllocSpecific(-4), -EINVAL);
  EXPECT_EQ(map.AllocSpecific(32768), -EINVAL);
}

TEST(PidMapTest, ManyChunksAllDistinct) {
  PidMap map(PidMap::kPidMaxLimit);
  std::set<int> seen;
  for (int i = 0; i < 5000; ++i) {
    const int nr = map.Alloc();
    ASSERT_GT(nr, 0);
    ASSERT_TRUE(seen.insert(nr).second) << nr;
  }
  // Free every other number, wrap, and check that only free ones come back.
  for (int nr = 2; nr <= 5000; nr += 2) map.Put(nr);
  ASSERT_EQ(map.SetPidMax(5001), 0);  // force a wrap on the next alloc
  for (int i = 0; i < 100; ++i) {
    const int nr = map.Alloc();
    ASSERT_GE(nr, PidMap::kReservedPids);
    EXPECT_EQ(nr % 2, 0) << nr;
  }
}

}  // namespace
}  // namespace vzsim
