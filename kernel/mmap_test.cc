// Address spaces and their beancounter charges (mm/mmap.c, mm/mlock.c,
// kernel/ub/ub_pages.c).
#include "kernel/mmap.h"

#include <cerrno>
#include <csignal>

#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"

namespace vzsim {
namespace {

constexpr unsigned long kPage = PAGE_SIZE;

class MmapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    init = *k.Fork(k.init_task(), "init");
    ve = *k.CreateVe(init, 101);
    ub = vzsim::RecordOf(ve)->ub;
    task = *k.Fork(init, "app");
  }
  uint64_t held(int res) { return vzsim::UbRead(ub->ub_parms[res].held); }
  uint64_t failcnt(int res) { return vzsim::UbRead(ub->ub_parms[res].failcnt); }
  size_t nr_vmas(task_struct* t) {
    vzsim::RwsemWriteLock l(&t->mm->mmap_sem);
    return static_cast<size_t>(t->mm->map_count);
  }

  Kernel k;
  task_struct* init;
  task_struct* task;
  ve_struct* ve;
  user_beancounter* ub;
};

TEST_F(MmapTest, TheVeUsesTheBeancounterWithItsId) {
  EXPECT_EQ(ub->ub_uid, 101u);
  EXPECT_EQ(k.FindBeancounter(101), ub);
  EXPECT_EQ(init->task_bc.task_ub, ub);
  EXPECT_EQ(task->task_bc.exec_ub, ub);
  EXPECT_EQ(held(UB_NUMPROC), 2u);  // init and app
  EXPECT_EQ(held(UB_KMEMSIZE), 2 * TASK_KMEM_SIZE);
}

TEST_F(MmapTest, FirstUseMakesAnMmChargedToTheExecBeancounter) {
  EXPECT_EQ(task->mm, nullptr);
  auto addr = k.Mmap(task, 0, 10 * kPage, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS);
  ASSERT_TRUE(addr.ok()) << addr.status();
  ASSERT_NE(task->mm, nullptr);
  EXPECT_EQ(task->mm->mm_ub, ub);
  EXPECT_EQ(held(UB_KMEMSIZE), 2 * TASK_KMEM_SIZE + MM_KMEM_SIZE);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u + 10);  // the stack page + the mapping
  EXPECT_EQ(*addr & ~PAGE_MASK, 0u);
}

TEST_F(MmapTest, MmapChargesHardAndARefusalLeavesTheMmUnchanged) {
  ASSERT_TRUE(k.GetMm(task).ok());
  ASSERT_TRUE(k.SetUbLimit(k.init_task(), 101, UB_PRIVVMPAGES, 20, 30).ok());
  ASSERT_TRUE(k.Mmap(task, 0, 19 * kPage, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS)
                  .ok());  // 1 + 19 == barrier
  const size_t vmas = nr_vmas(task);
  auto refused = k.Mmap(task, 0, kPage, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS);
  EXPECT_EQ(ErrnoOf(refused.status()), ENOMEM);
  EXPECT_EQ(nr_vmas(task), vmas);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 20u);
  EXPECT_EQ(failcnt(UB_PRIVVMPAGES), 1u);
  // Read-only and shared file mappings cost nothing and still succeed.
  static struct file lib = {"libc.so"};
  EXPECT_TRUE(
      k.Mmap(task, 0, 100 * kPage, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS)
          .ok());
  EXPECT_TRUE(
      k.Mmap(task, 0, 100 * kPage, PROT_READ | PROT_WRITE, MAP_SHARED, &lib)
          .ok());
  EXPECT_EQ(held(UB_PRIVVMPAGES), 20u);
}

TEST_F(MmapTest, MapFixedReplacesAndARefusalKeepsTheOldMapping) {
  const unsigned long at = 0x10000000;
  ASSERT_EQ(*k.Mmap(task, at, 4 * kPage, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED),
            at);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 5u);
  // Replace the middle two pages with read-only ones: 2 pages come back.
  ASSERT_TRUE(k.Mmap(task, at + kPage, 2 * kPage, PROT_READ,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)
                  .ok());
  EXPECT_EQ(held(UB_PRIVVMPAGES), 3u);
  EXPECT_EQ(nr_vmas(task), 4u);  // stack, head, middle, tail
  // A refused MAP_FIXED leaves what was there.
  ASSERT_TRUE(k.SetUbLimit(k.init_task(), 101, UB_PRIVVMPAGES, 3, 3).ok());
  EXPECT_EQ(ErrnoOf(k.Mmap(task, at, 4 * kPage, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)
                        .status()),
            ENOMEM);
  EXPECT_EQ(nr_vmas(task), 4u);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 3u);
}

TEST_F(MmapTest, MmapRejectsBadArguments) {
  static struct file lib = {"lib"};
  const int rw = PROT_READ | PROT_WRITE;
  const int anon = MAP_PRIVATE | MAP_ANONYMOUS;
  EXPECT_EQ(ErrnoOf(k.Mmap(task, 0, 0, rw, anon).status()), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mmap(task, 0, kPage, rw, MAP_ANONYMOUS).status()),
            EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mmap(task, 0, kPage, rw,
                           MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS)
                        .status()),
            EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mmap(task, 0, kPage, rw, MAP_PRIVATE).status()), EBADF);
  EXPECT_EQ(ErrnoOf(k.Mmap(task, 123, kPage, rw, anon | MAP_FIXED).status()),
            EINVAL);
  EXPECT_EQ(
      ErrnoOf(k.Mmap(task, TASK_SIZE, kPage, rw, anon | MAP_FIXED).status()),
      ENOMEM);
  EXPECT_EQ(ErrnoOf(k.Mmap(task, 0, ~0UL, rw, anon).status()), ENOMEM);
  EXPECT_EQ(ErrnoOf(k.Mmap(nullptr, 0, kPage, rw, anon).status()), ESRCH);
  EXPECT_TRUE(k.Mmap(task, 0, kPage, PROT_READ, MAP_PRIVATE, &lib).ok());
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u);  // only the stack
}

TEST_F(MmapTest, MunmapSplitsAndGivesBackExactlyWhatGoes) {
  const unsigned long at = *k.Mmap(task, 0, 8 * kPage, PROT_READ | PROT_WRITE,
                                   MAP_PRIVATE | MAP_ANONYMOUS);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 9u);
  ASSERT_TRUE(k.Munmap(task, at + 2 * kPage, 3 * kPage).ok());
  EXPECT_EQ(held(UB_PRIVVMPAGES), 6u);
  EXPECT_EQ(nr_vmas(task), 3u);
  ASSERT_TRUE(k.Munmap(task, at, 8 * kPage).ok());  // holes are fine
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u);
  EXPECT_EQ(ErrnoOf(k.Munmap(task, at + 1, kPage)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Munmap(task, at, 0)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Munmap(task, TASK_SIZE, kPage)), EINVAL);
  EXPECT_FALSE(vzsim::RecordOf(ub)->underflowed.load());
}

TEST_F(MmapTest, MlockChargesLockedpagesAndMunlockGivesThemBack) {
  const unsigned long at = *k.Mmap(task, 0, 6 * kPage, PROT_READ | PROT_WRITE,
                                   MAP_PRIVATE | MAP_ANONYMOUS);
  ASSERT_TRUE(k.Mlock(task, at + kPage, 2 * kPage).ok());
  EXPECT_EQ(held(UB_LOCKEDPAGES), 2u);
  ASSERT_TRUE(k.Mlock(task, at, 6 * kPage).ok());  // only 4 more
  EXPECT_EQ(held(UB_LOCKEDPAGES), 6u);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 7u);  // unchanged by locking
  ASSERT_TRUE(k.Munlock(task, at, 3 * kPage).ok());
  EXPECT_EQ(held(UB_LOCKEDPAGES), 3u);
  // munmap of a locked part gives both back.
  ASSERT_TRUE(k.Munmap(task, at + 5 * kPage, kPage).ok());
  EXPECT_EQ(held(UB_LOCKEDPAGES), 2u);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 6u);
  // A hole in the range: ENOMEM, nothing locked.
  EXPECT_EQ(ErrnoOf(k.Mlock(task, at, 7 * kPage)), ENOMEM);
  EXPECT_EQ(held(UB_LOCKEDPAGES), 2u);
}

TEST_F(MmapTest, RefusedMlockRollsBackThisCallsWork) {
  const unsigned long a = *k.Mmap(task, 0x20000000, 2 * kPage, PROT_READ,
                                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED);
  ASSERT_TRUE(k.Mmap(task, a + 2 * kPage, 2 * kPage, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)
                  .ok());
  ASSERT_TRUE(k.SetUbLimit(k.init_task(), 101, UB_LOCKEDPAGES, 3, 3).ok());
  EXPECT_EQ(ErrnoOf(k.Mlock(task, a, 4 * kPage)), ENOMEM);
  EXPECT_EQ(held(UB_LOCKEDPAGES), 0u);
  EXPECT_EQ(failcnt(UB_LOCKEDPAGES), 1u);
  vzsim::RwsemWriteLock l(&task->mm->mmap_sem);
  EXPECT_EQ(task->mm->locked_vm, 0u);
}

TEST_F(MmapTest, BrkGrowsAndShrinksTheHeap) {
  mm_struct* mm = *k.GetMm(task);
  unsigned long start;
  {
    vzsim::RwsemWriteLock l(&mm->mmap_sem);
    start = mm->start_brk;
  }
  EXPECT_EQ(*k.Brk(task, start + 3 * kPage + 10), start + 3 * kPage + 10);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u + 4);
  EXPECT_EQ(*k.Brk(task, start + 5 * kPage), start + 5 * kPage);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u + 5);
  EXPECT_EQ(*k.Brk(task, start + kPage), start + kPage);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u + 1);
  // Below the start: refused, the break stays.
  EXPECT_EQ(ErrnoOf(k.Brk(task, start - kPage).status()), ENOMEM);
  ASSERT_TRUE(k.SetUbLimit(k.init_task(), 101, UB_PRIVVMPAGES, 3, 3).ok());
  EXPECT_EQ(ErrnoOf(k.Brk(task, start + 10 * kPage).status()), ENOMEM);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 2u);
  EXPECT_EQ(*k.Brk(task, start + 2 * kPage), start + 2 * kPage);
}

TEST_F(MmapTest, StackGrowthChargesSoftAndCanPassTheBarrier) {
  ASSERT_TRUE(k.GetMm(task).ok());
  ASSERT_TRUE(k.SetUbLimit(k.init_task(), 101, UB_PRIVVMPAGES, 2, 4).ok());
  ASSERT_TRUE(k.ExpandStack(task, STACK_TOP - 3 * kPage).ok());  // +2 pages
  EXPECT_EQ(held(UB_PRIVVMPAGES), 3u);  // above the barrier: SOFT allows it
  ASSERT_TRUE(k.ExpandStack(task, STACK_TOP - 3 * kPage + 8).ok());  // mapped
  EXPECT_EQ(held(UB_PRIVVMPAGES), 3u);
  EXPECT_EQ(ErrnoOf(k.ExpandStack(task, STACK_TOP - 6 * kPage)), ENOMEM);
  EXPECT_EQ(failcnt(UB_PRIVVMPAGES), 1u);
  EXPECT_NE(k.HostLog().find("Fatal resource shortage: privvmpages, UB 101."),
            std::string::npos);
  EXPECT_EQ(ErrnoOf(k.ExpandStack(task, STACK_TOP - STACK_LIMIT - kPage)),
            ENOMEM);
  // Below a mapping that is not a stack: a plain fault.
  ASSERT_TRUE(k.Mmap(task, 0x10000000, kPage, PROT_READ,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)
                  .ok());
  EXPECT_EQ(ErrnoOf(k.ExpandStack(task, 0x10000000 - kPage)), EFAULT);
}

TEST_F(MmapTest, ForkCopiesAndChargesTheAddressSpaceThreadsShareIt) {
  ASSERT_TRUE(k.Mmap(task, 0, 10 * kPage, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS)
                  .ok());
  EXPECT_EQ(held(UB_PRIVVMPAGES), 11u);
  task_struct* child = *k.Fork(task, "child");
  EXPECT_NE(child->mm, task->mm);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 22u);
  EXPECT_EQ(held(UB_KMEMSIZE), 3 * TASK_KMEM_SIZE + 2 * MM_KMEM_SIZE);
  task_struct* thread = *k.Fork(task, "thr", CLONE_THREAD);
  EXPECT_EQ(thread->mm, task->mm);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 22u);
  EXPECT_EQ(held(UB_NUMPROC), 4u);  // init, app, child and the thread
}

TEST_F(MmapTest, ForkRefusedByTheBeancounterLosesNothing) {
  ASSERT_TRUE(k.Mmap(task, 0, 10 * kPage, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS)
                  .ok());
  ASSERT_TRUE(k.SetUbLimit(k.init_task(), 101, UB_PRIVVMPAGES, 15, 15).ok());
  const uint64_t kmem = held(UB_KMEMSIZE);
  const size_t tasks = k.nr_tasks();
  EXPECT_EQ(ErrnoOf(k.Fork(task).status()), ENOMEM);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 11u);
  EXPECT_EQ(held(UB_KMEMSIZE), kmem);
  EXPECT_EQ(held(UB_NUMPROC), 2u);
  EXPECT_EQ(k.nr_tasks(), tasks);
  ASSERT_TRUE(k.SetUbLimit(k.init_task(), 101, UB_NUMPROC, 2, 2).ok());
  EXPECT_EQ(ErrnoOf(k.Fork(task, "t", CLONE_THREAD).status()), ENOMEM);
  EXPECT_EQ(failcnt(UB_NUMPROC), 1u);
}

TEST_F(MmapTest, ExitOfTheLastUserGivesTheAddressSpaceBack) {
  ASSERT_TRUE(k.Mmap(task, 0, 10 * kPage, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED)
                  .ok());
  task_struct* thread = *k.Fork(task, "thr", CLONE_THREAD);
  ASSERT_TRUE(k.Exit(task, 0).ok());  // the thread still uses the mm
  EXPECT_EQ(held(UB_PRIVVMPAGES), 11u);
  EXPECT_EQ(held(UB_LOCKEDPAGES), 10u);
  ASSERT_TRUE(k.Exit(thread, 0).ok());
  EXPECT_EQ(held(UB_PRIVVMPAGES), 0u);
  EXPECT_EQ(held(UB_LOCKEDPAGES), 0u);
  EXPECT_EQ(held(UB_NUMPROC), 1u);  // init
}

TEST_F(MmapTest, AForkedCopyIsNotLocked) {
  // dup_mmap(): mlock is not inherited; the child charges no lockedpages.
  ASSERT_TRUE(k.Mmap(task, 0, 10 * kPage, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED)
                  .ok());
  task_struct* child = *k.Fork(task, "child");
  EXPECT_EQ(held(UB_LOCKEDPAGES), 10u);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 22u);  // two copies of 10 + a stack each
  {
    vzsim::RwsemWriteLock l(&child->mm->mmap_sem);
    EXPECT_EQ(child->mm->locked_vm, 0u);
    for (vm_area_struct* v = child->mm->mmap; v != nullptr; v = v->vm_next) {
      EXPECT_EQ(v->vm_flags & VM_LOCKED, 0u) << v->vm_start;
    }
  }
  ASSERT_TRUE(k.Exit(task, 0).ok());
  EXPECT_EQ(held(UB_LOCKEDPAGES), 0u);
}

TEST_F(MmapTest, EnteringAVeMovesTheTasksCharges) {
  task_struct* admin = *k.Fork(k.init_task(), "admin");
  ASSERT_TRUE(k.Mmap(admin, 0, 4 * kPage, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS)
                  .ok());
  user_beancounter* ub0 = k.ub0();
  const uint64_t ub0_priv = vzsim::UbRead(ub0->ub_parms[UB_PRIVVMPAGES].held);
  const uint64_t ub0_proc = vzsim::UbRead(ub0->ub_parms[UB_NUMPROC].held);
  ASSERT_TRUE(k.EnterVe(admin, 101).ok());
  EXPECT_EQ(admin->task_bc.task_ub, ub);
  EXPECT_EQ(admin->mm->mm_ub, ub);
  EXPECT_EQ(vzsim::UbRead(ub0->ub_parms[UB_PRIVVMPAGES].held), ub0_priv - 5);
  EXPECT_EQ(vzsim::UbRead(ub0->ub_parms[UB_NUMPROC].held), ub0_proc - 1);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 5u);
  EXPECT_EQ(held(UB_NUMPROC), 3u);
}

TEST_F(MmapTest, InsertVmStructChecksItsVma) {
  mm_struct* mm = *k.GetMm(task);
  vzsim::RwsemWriteLock l(&mm->mmap_sem);
  EXPECT_EQ(insert_vm_struct(mm, nullptr), -EINVAL);
  EXPECT_EQ(kmem_cache_alloc(nullptr, GFP_KERNEL), nullptr);  // no such cache
  auto* v = static_cast<vm_area_struct*>(
      kmem_cache_zalloc(vm_area_cachep, SLAB_KERNEL));
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->vm_mm, nullptr);
  v->vm_start = 0x5000;
  v->vm_end = 0x5000;
  EXPECT_EQ(insert_vm_struct(mm, v), -EINVAL);  // empty
  v->vm_end = 0x6001;
  EXPECT_EQ(insert_vm_struct(mm, v), -EINVAL);  // unaligned
  v->vm_start = STACK_TOP - PAGE_SIZE;
  v->vm_end = STACK_TOP;
  EXPECT_EQ(insert_vm_struct(mm, v), -ENOMEM);  // overlaps the stack
  v->vm_start = 0x5000;
  v->vm_end = 0x6000;
  v->vm_flags = VM_READ;
  ASSERT_EQ(insert_vm_struct(mm, v), 0);  // the mm owns it now
  EXPECT_EQ(find_vma(mm, 0x5800), v);
  EXPECT_EQ(find_vma(mm, 0x1000), v);  // first VMA ending above
  EXPECT_EQ(find_vma(nullptr, 0), nullptr);
}

// A VE that forked, mapped, locked, grew stacks and exited a good deal ends
// with every resource of its beancounter at 0: anything else is a leak.
TEST(UbcLeakTest, AVeThatIsGoneHoldsNothing) {
  Kernel k;
  task_struct* parent = *k.Fork(k.init_task(), "vzctl");
  task_struct* init = *k.Fork(parent, "init");
  ve_struct* ve = *k.CreateVe(init, 101);
  user_beancounter* ub = vzsim::RecordOf(ve)->ub;
  ASSERT_TRUE(k.Mmap(init, 0, 3 * kPage, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS)
                  .ok());
  std::vector<task_struct*> procs = {init};
  for (int round = 0; round < 50; ++round) {
    task_struct* p = procs[round % procs.size()];
    auto child = k.Fork(p, "w");
    ASSERT_TRUE(child.ok());
    task_struct* c = *child;
    const unsigned long a =
        *k.Mmap(c, 0, (1 + round % 5) * kPage, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS);
    ASSERT_TRUE(k.Mlock(c, a, kPage).ok());
    ASSERT_TRUE(k.ExpandStack(c, STACK_TOP - 3 * kPage).ok());
    ASSERT_TRUE(k.Brk(c, TASK_START_BRK + (round % 3) * kPage).ok());
    if (round % 4 == 0) ASSERT_TRUE(k.Fork(c, "t", CLONE_THREAD).ok());
    if (round % 3 == 0) ASSERT_TRUE(k.Munmap(c, a, kPage).ok());
    if (round % 5 == 4) {
      ASSERT_TRUE(k.ExitGroup(c, 0).ok());
    } else {
      procs.push_back(c);
    }
  }
  ASSERT_GT(vzsim::UbRead(ub->ub_parms[UB_PRIVVMPAGES].held), 0u);
  ASSERT_GT(vzsim::UbRead(ub->ub_parms[UB_LOCKEDPAGES].held), 0u);
  ASSERT_TRUE(k.Exit(init, 0).ok());
  // do_initproc_exit(): host init, not vzctl, reaps the VE's init.
  EXPECT_FALSE(k.Wait(parent, -1).ok());
  EXPECT_EQ(atomic_read(&ve->pcounter), 0);
  for (int res = 0; res < UB_RESOURCES; ++res) {
    EXPECT_EQ(vzsim::UbRead(ub->ub_parms[res].held), 0u)
        << ub_resource_name(res);
  }
  EXPECT_FALSE(vzsim::RecordOf(ub)->underflowed.load());
  EXPECT_GT(vzsim::UbRead(ub->ub_parms[UB_NUMPROC].maxheld), 10u);
  EXPECT_EQ(k.FindVe(101), nullptr);      // the VE left with its last task
  EXPECT_EQ(k.FindBeancounter(101), ub);  // beancounters outlive their VE
}

}  // namespace
}  // namespace vzsim
