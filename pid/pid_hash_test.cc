// The kernel layout (pid/pid_hash.h) on its own terms: the hash function
// and bucket rule of kernel/pid.c, struct pid lifetimes, the kernel's list
// order, the slab spread of tasks. The semantic suites check that it gives
// the same answers as the flat layout (their *_kernel_layout variants).
#include "pid/pid_hash.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <set>
#include <vector>

#include "gtest/gtest.h"
#include "kernel/kernel.h"
#include "kernel/task_cache.h"
#include "pid/pid.h"

namespace vzsim {
namespace {

KernelOptions WithLayout(TaskLayout layout) {
  KernelOptions options;
  options.layout = layout;
  return options;
}

// include/linux/hash.h's 64-bit hash_long(), spelled as the kernel spells
// it (shifts and adds), to check the multiplication against.
uint64_t KernelHashLong(uint64_t val, int bits) {
  uint64_t hash = val, n = val;
  n <<= 18;
  hash -= n;
  n <<= 33;
  hash -= n;
  n <<= 3;
  hash += n;
  n <<= 3;
  hash -= n;
  n <<= 4;
  hash += n;
  n <<= 2;
  hash += n;
  return hash >> (64 - bits);
}

TEST(TaskLayoutTest, TheEnvironmentChoosesTheDefault) {
  // Under Bazel, the *_kernel_layout variant must really get the kernel
  // layout (pid/layouts.bzl sets the variable).
  const char* target = std::getenv("TEST_TARGET");
  if (target != nullptr && std::strstr(target, "_kernel_layout") != nullptr) {
    EXPECT_EQ(DefaultTaskLayout(), TaskLayout::kKernel) << target;
  }
  const char* env = std::getenv("VZSIM_TASK_LAYOUT");
  const TaskLayout want = env != nullptr && std::strcmp(env, "kernel") == 0
                              ? TaskLayout::kKernel
                              : TaskLayout::kFlat;
  Kernel k;
  absl::ReaderMutexLock lock(&k.tasklist_lock());
  EXPECT_EQ(k.PidsLocked().layout(), want);
  EXPECT_EQ(DefaultTaskLayout(), want);
}

TEST(TaskLayoutTest, NamesParse) {
  TaskLayout l;
  ASSERT_TRUE(ParseTaskLayout("kernel", &l));
  EXPECT_EQ(l, TaskLayout::kKernel);
  ASSERT_TRUE(ParseTaskLayout("flat", &l));
  EXPECT_EQ(l, TaskLayout::kFlat);
  EXPECT_FALSE(ParseTaskLayout("hash", &l));
  EXPECT_STREQ(TaskLayoutName(TaskLayout::kKernel), "kernel");
}

TEST(PidHashTest, BucketCountFollowsPidhashInit) {
  EXPECT_EQ(PidHash::HashShift(0), 4);  // at least 16 buckets
  EXPECT_EQ(PidHash::HashShift(1), 4);
  EXPECT_EQ(PidHash::HashShift(4), 5);      // fls(16)
  EXPECT_EQ(PidHash::HashShift(1023), 12);  // fls(4092)
  EXPECT_EQ(PidHash::HashShift(1024), 12);  // at most 4096
  EXPECT_EQ(PidHash::HashShift(PidHash::kMemoryMb), 12);
  EXPECT_EQ(PidHash().nr_buckets(), 4096);
  EXPECT_EQ(PidHash(2).nr_buckets(), 16);
}

TEST(PidHashTest, HashLongIsTheKernelsShiftAndAdd) {
  for (uint64_t v : {0ULL, 1ULL, 300ULL, 1025ULL, 32767ULL, 4194303ULL,
                     0xffffffffffffffffULL, 0x12345678ULL << 16}) {
    for (int bits : {4, 9, 12}) {
      EXPECT_EQ(PidHash::HashLong(v, bits), KernelHashLong(v, bits))
          << v << " " << bits;
    }
  }
}

TEST(PidHashTest, ChainsFindEveryTaskWellBeyondTheBucketCount) {
  KernelOptions options = WithLayout(TaskLayout::kKernel);
  options.pid_max = PidMap::kPidMaxLimit;
  Kernel k(options);
  std::vector<task_struct*> tasks;
  for (int i = 0; i < 20000; ++i) tasks.push_back(*k.Fork(k.init_task()));
  absl::ReaderMutexLock lock(&k.tasklist_lock());
  for (task_struct* t : tasks) {
    ASSERT_EQ(k.FindTaskByPidAllLocked(t->pid), t);
  }
  EXPECT_EQ(k.FindTaskByPidAllLocked(tasks.back()->pid + 1), nullptr);
  EXPECT_EQ(k.FindTaskByPidAllLocked(1), k.init_task());
}

std::vector<pid_t> LeaderPids(Kernel& k, const ve_struct* env) {
  std::vector<pid_t> pids;
  absl::ReaderMutexLock lock(&k.tasklist_lock());
  for (task_struct* t : k.LeadersVeLocked(env)) pids.push_back(t->pid);
  return pids;
}

TEST(PidHashTest, ListsKeepTheKernelsOrderAfterARemoval) {
  Kernel k(WithLayout(TaskLayout::kKernel));
  task_struct* a = *k.Fork(k.init_task(), "a");
  task_struct* b = *k.Fork(k.init_task(), "b");
  task_struct* c = *k.Fork(k.init_task(), "c");
  task_struct* d = *k.Fork(k.init_task(), "d");
  const pid_t pa = a->pid, pc = c->pid, pd = d->pid;
  ASSERT_TRUE(k.Exit(b, 0).ok());  // host init reaps it: off the list
  // list_del() in place; the flat layout would have moved d into b's slot.
  EXPECT_EQ(LeaderPids(k, k.ve0()), (std::vector<pid_t>{1, pa, pc, pd}));
}

TEST(PidHashTest, EnteringAVeMovesToTheTailOfItsListOnly) {
  Kernel k(WithLayout(TaskLayout::kKernel));
  task_struct* init = *k.Fork(k.init_task(), "init");
  ve_struct* ve = *k.CreateVe(init, 101);
  task_struct* sh = *k.Fork(init, "sh");
  task_struct* host = *k.Fork(k.init_task(), "vzctl");
  ASSERT_TRUE(k.EnterVe(host, 101).ok());
  EXPECT_EQ(LeaderPids(k, ve),
            (std::vector<pid_t>{init->pid, sh->pid, host->pid}));
  // init_task.tasks keeps fork order.
  EXPECT_EQ(LeaderPids(k, k.ve0()),
            (std::vector<pid_t>{1, init->pid, sh->pid, host->pid}));
}

// A number stays taken while a process group uses it, in both layouts: in
// the kernel one its struct pid outlives the task on the group's chain.
class GroupNumberTest : public ::testing::TestWithParam<TaskLayout> {};

TEST_P(GroupNumberTest, AGroupKeepsItsLeadersNumberUntilTheLastMember) {
  Kernel k(WithLayout(GetParam()));
  task_struct* leader = *k.Fork(k.init_task(), "leader");
  ASSERT_TRUE(k.SetSid(leader).ok());
  task_struct* member = *k.Fork(leader, "member");
  const pid_t nr = leader->pid, member_nr = member->pid;
  ASSERT_TRUE(k.Exit(leader, 0).ok());  // member goes to init; reaped
  {
    absl::ReaderMutexLock lock(&k.tasklist_lock());
    EXPECT_EQ(k.FindTaskByPidAllLocked(nr), nullptr);
    EXPECT_TRUE(k.PidsLocked().numbers().IsTaken(nr));
  }
  ASSERT_TRUE(k.Exit(member, 0).ok());
  absl::ReaderMutexLock lock(&k.tasklist_lock());
  EXPECT_FALSE(k.PidsLocked().numbers().IsTaken(nr));
  EXPECT_FALSE(k.PidsLocked().numbers().IsTaken(member_nr));
}

INSTANTIATE_TEST_SUITE_P(Layouts, GroupNumberTest,
                         ::testing::Values(TaskLayout::kFlat,
                                           TaskLayout::kKernel),
                         [](const ::testing::TestParamInfo<TaskLayout>& i) {
                           return std::string(TaskLayoutName(i.param));
                         });

TEST(PidHashTest, VirtualNumbersAreOnTheVpidHashEvenWhenNotSparse) {
  Kernel k(WithLayout(TaskLayout::kKernel));
  task_struct* init = *k.Fork(k.init_task(), "init");
  ve_struct* ve = *k.CreateVe(init, 101);
  task_struct* sh = *k.Fork(init, "sh");
  task_struct* restored = *k.RestoreFork(init, 6024, "restored");
  absl::ReaderMutexLock lock(&k.tasklist_lock());
  const PidTable& pids = k.PidsLocked();
  EXPECT_EQ(pids.FindVpid(1, ve), init);
  EXPECT_EQ(pids.FindVpid(sh->vpid, ve), sh);
  EXPECT_TRUE(ve->sparse_vpid);
  EXPECT_EQ(pids.FindVpid(6024, ve), restored);
  EXPECT_EQ(pids.FindVpid(6024 + 1, ve), nullptr);
  EXPECT_EQ(sh->pids[PIDTYPE_PID].pid->vnr, sh->vpid);
  EXPECT_EQ(sh->pids[PIDTYPE_PID].pid->veid, 101);
}

TEST(TaskSlabTest, TasksAreSpreadOverSlabsAndReusedNewestFirst) {
  TaskCache slab(/*slab=*/true);
  TaskRecord* a = slab.Alloc();
  TaskRecord* b = slab.Alloc();
  const auto gap =
      reinterpret_cast<uintptr_t>(b) - reinterpret_cast<uintptr_t>(a);
  EXPECT_EQ(gap, TaskCache::kSlabObjectBytes);  // same slab, next object
  TaskRecord* c = slab.Alloc();                 // a new slab
  EXPECT_EQ(reinterpret_cast<uintptr_t>(c) % TaskCache::kSlabBytes, 0u);
  slab.Free(a);
  slab.Free(c);
  EXPECT_EQ(slab.Alloc(), c);  // the per-CPU array is LIFO
  EXPECT_EQ(slab.Alloc(), a);
  // More frees than the array holds: the oldest go back to the slabs and
  // are still handed out, every object exactly once.
  std::vector<TaskRecord*> many;
  for (int i = 0; i < 100; ++i) many.push_back(slab.Alloc());
  for (TaskRecord* t : many) slab.Free(t);
  std::set<TaskRecord*> again;
  for (int i = 0; i < 100; ++i) again.insert(slab.Alloc());
  EXPECT_EQ(again, std::set<TaskRecord*>(many.begin(), many.end()));
  EXPECT_EQ(slab.nr_allocated(), 103u);
}

}  // namespace
}  // namespace vzsim
