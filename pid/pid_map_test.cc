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

// A CPU's copy of the table (what the inline lookups of pid/pid.h read)
// follows the table as it grows and moves.
TEST(PidMapTest, IndexCopyFollowsTheTableAsItGrows) {
  PidMap map(PidMap::kPidMaxLimit);
  PidIndex copy;
  map.AddIndexCopy(&copy);
  EXPECT_EQ(copy.size, static_cast<size_t>(map.table_size()));
  task_struct* const fake = reinterpret_cast<task_struct*>(&copy);
  int last = 0;
  while (map.table_size() < 100000) {
    last = map.Alloc();
    ASSERT_GT(last, 0);
  }
  map.Attach(last, fake);
  ASSERT_EQ(copy.size, static_cast<size_t>(map.table_size()));
  EXPECT_EQ(copy.tasks[last], fake);
  EXPECT_EQ(copy.tasks[last], map.Lookup(last));
  EXPECT_EQ(copy.tasks[1], nullptr);
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
  EXPECT_EQ(map.pid_max(), PidMap::kPidMaxLimit);
}

// kernel/pid.c: alloc_pidmap(): with CONFIG_VE no global pid has bit 10
// set: after 1023 comes 2048, after 3071 comes 4096.
TEST(AllocPidmap, SkipsVirtualBit) {
  PidMap map;
  for (int i = 1; i <= 1023; ++i) ASSERT_EQ(map.Alloc(), i);
  EXPECT_EQ(map.Alloc(), 2048);
  for (int i = 2049; i <= 3071; ++i) ASSERT_EQ(map.Alloc(), i);
  EXPECT_EQ(map.Alloc(), 4096);
}

// The default pid_max leaves 16 windows of 1024 virtual numbers: 16383
// global pids, the last 31743.
TEST(AllocPidmap, DefaultPidMaxGivesHalfTheNumbers) {
  PidMap map;
  int last = 0;
  for (int i = 0; i < 16383; ++i) last = map.Alloc();
  EXPECT_EQ(last, 31743);
  EXPECT_EQ(map.Alloc(), -EAGAIN);  // do_fork_pid()'s errno
  EXPECT_EQ(map.nr_taken(), 16383);
}

// The last round after a wrap stops before the last number handed out, so
// that number is not retried even when it is the only free one.
TEST(AllocPidmap, LastPidIsNotRetriedAfterAWrap) {
  PidMap map(310);  // 1 .. 309
  for (int i = 1; i < 310; ++i) ASSERT_EQ(map.Alloc(), i);
  map.Put(305);
  ASSERT_EQ(map.Alloc(), 305);  // last is 305 now
  map.Put(305);
  EXPECT_EQ(map.Alloc(), -EAGAIN);
  map.Put(301);
  EXPECT_EQ(map.Alloc(), 301);  // another free number is found
}

TEST(AllocPidmap, LoweringPidMaxKeepsExistingNumbersAndWrapsTo300) {
  PidMap map(100000);
  int nr = 0;
  while (nr < 60000) nr = map.Alloc();
  auto* fake = reinterpret_cast<task_struct*>(0x1000);
  map.Attach(nr, fake);
  ASSERT_EQ(map.SetPidMax(1000), 0);
  EXPECT_EQ(map.Lookup(nr), fake);
  map.Put(500);
  EXPECT_EQ(map.Alloc(), 500);  // from RESERVED_PIDS, the first free one
}

TEST(PidMapTest, ManyChunksAllDistinct) {
  PidMap map(PidMap::kPidMaxLimit);
  std::set<int> seen;
  for (int i = 0; i < 5000; ++i) {
    const int nr = map.Alloc();
    ASSERT_GT(nr, 0);
    ASSERT_TRUE(seen.insert(nr).second) << nr;
    ASSERT_EQ(nr & PidMap::kVpidDiv, 0) << nr;
  }
  // Free every other number, wrap, and check that only free ones come back.
  for (int nr : seen) {
    if (nr % 2 == 0) map.Put(nr);
  }
  ASSERT_EQ(map.SetPidMax(*seen.rbegin()), 0);  // wrap on the next alloc
  for (int i = 0; i < 100; ++i) {
    const int nr = map.Alloc();
    ASSERT_GE(nr, PidMap::kReservedPids);
    EXPECT_EQ(nr % 2, 0) << nr;
  }
}

}  // namespace
}  // namespace vzsim
