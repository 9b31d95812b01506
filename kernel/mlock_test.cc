// mm/mlock.c, mm/mprotect.c and mm/mremap.c with their beancounter charges,
// each test named after the kernel function it models.
#include <cerrno>

#include "gtest/gtest.h"
#include "kernel/mm_test_fixture.h"

namespace vzsim {
namespace {

TEST_F(MmTest, SysMlockChargesLockedpagesAndMunlockGivesThemBack) {
  const unsigned long at = Map(6);
  ASSERT_TRUE(k.Mlock(task, at + kPage, 2 * kPage).ok());
  EXPECT_EQ(held(UB_LOCKEDPAGES), 2u);
  ASSERT_TRUE(k.Mlock(task, at, 6 * kPage).ok());  // only 4 more
  EXPECT_EQ(held(UB_LOCKEDPAGES), 6u);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 7u);  // unchanged by locking
  ASSERT_TRUE(k.Munlock(task, at, 3 * kPage).ok());
  EXPECT_EQ(held(UB_LOCKEDPAGES), 3u);
  ASSERT_TRUE(k.Munmap(task, at + 5 * kPage, kPage).ok());  // both back
  EXPECT_EQ(held(UB_LOCKEDPAGES), 2u);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 6u);
  EXPECT_EQ(locked_vm(task), 2u);
}

// mlock_fixup(): a refused charge reaches the caller as -EAGAIN; the
// pieces already locked stay locked and charged.
TEST_F(MmTest, SysMlockRefusalIsEagainAndEarlierPiecesStayLocked) {
  const unsigned long a = Map(2, PROT_READ, kAnon | MAP_FIXED, 0x20000000);
  Map(2, kRw, kAnon | MAP_FIXED, a + 2 * kPage);
  SetLimit(UB_LOCKEDPAGES, 3, 3);
  EXPECT_EQ(ErrnoOf(k.Mlock(task, a, 4 * kPage)), EAGAIN);
  EXPECT_EQ(held(UB_LOCKEDPAGES), 2u);  // the first VMA's two pages
  EXPECT_EQ(failcnt(UB_LOCKEDPAGES), 1u);
  EXPECT_EQ(locked_vm(task), 2u);
  EXPECT_NE(flags_at(task, a) & VM_LOCKED, 0u);
  EXPECT_EQ(flags_at(task, a + 2 * kPage) & VM_LOCKED, 0u);
}

// do_mlock(): a hole is found only when the walk reaches it.
TEST_F(MmTest, SysMlockAHoleIsEnomemAfterTheEarlierPieces) {
  const unsigned long a = Map(2, kRw, kAnon | MAP_FIXED, 0x20000000);
  Map(2, kRw, kAnon | MAP_FIXED, a + 3 * kPage);
  EXPECT_EQ(ErrnoOf(k.Mlock(task, a, 5 * kPage)), ENOMEM);
  EXPECT_EQ(held(UB_LOCKEDPAGES), 2u);
  EXPECT_EQ(ErrnoOf(k.Mlock(task, a - kPage, kPage)), ENOMEM);  // unmapped
  EXPECT_EQ(ErrnoOf(k.Mlock(task, a, ~0UL - a)), EINVAL);       // wraps
  EXPECT_TRUE(k.Mlock(task, a, 0).ok());
}

TEST_F(MmTest, SysMlockPastTheRlimitNeedsCapIpcLock) {
  const unsigned long a = Map(MLOCK_LIMIT_PAGES + 1);
  ASSERT_TRUE(k.DropCapability(task, CAP_IPC_LOCK).ok());
  EXPECT_EQ(ErrnoOf(k.Mlock(task, a, (MLOCK_LIMIT_PAGES + 1) * kPage)), ENOMEM);
  EXPECT_TRUE(k.Mlock(task, a, MLOCK_LIMIT_PAGES * kPage).ok());
}

// sys_mlock(): the limit is the group's RLIMIT_MEMLOCK as it is now
// (current->signal->rlim[], which the boot value only starts).
TEST_F(MmTest, SysMlockReadsTheGroupsMemlockLimit) {
  const unsigned long a = Map(3);
  ASSERT_TRUE(k.DropCapability(task, CAP_IPC_LOCK).ok());
  task->signal->rlim[RLIMIT_MEMLOCK].rlim_cur = 2 * kPage;
  EXPECT_EQ(ErrnoOf(k.Mlock(task, a, 3 * kPage)), ENOMEM);
  EXPECT_TRUE(k.Mlock(task, a, 2 * kPage).ok());
}

TEST_F(MmTest, SysMlockallCurrentLocksWhatFitsAndIgnoresRefusals) {
  const unsigned long a = Map(4, kRw, kAnon | MAP_FIXED, 0x20000000);
  Map(6, kRw, kAnon | MAP_FIXED, 0x30000000);
  SetLimit(UB_LOCKEDPAGES, 6, 6);
  EXPECT_TRUE(k.Mlockall(task, MCL_CURRENT).ok());
  // Lowest first: the 4 pages fit, the 6 do not, the stack page does.
  EXPECT_NE(flags_at(task, a) & VM_LOCKED, 0u);
  EXPECT_EQ(flags_at(task, 0x30000000) & VM_LOCKED, 0u);
  EXPECT_EQ(held(UB_LOCKEDPAGES), 5u);
  EXPECT_EQ(failcnt(UB_LOCKEDPAGES), 1u);
  EXPECT_TRUE(k.Munlockall(task).ok());
  EXPECT_EQ(held(UB_LOCKEDPAGES), 0u);
  EXPECT_EQ(ErrnoOf(k.Mlockall(task, 0)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mlockall(task, 8)), EINVAL);
}

TEST_F(MmTest, SysMlockallFutureLocksLaterMappingsBrkAndStack) {
  ASSERT_TRUE(k.GetMm(task).ok());
  EXPECT_TRUE(k.Mlockall(task, MCL_FUTURE).ok());
  EXPECT_EQ(held(UB_LOCKEDPAGES), 0u);  // nothing now
  Map(3);
  EXPECT_EQ(held(UB_LOCKEDPAGES), 3u);
  ASSERT_TRUE(k.Brk(task, TASK_START_BRK + 2 * kPage).ok());
  EXPECT_EQ(held(UB_LOCKEDPAGES), 5u);
  // The stack was made before: it grows unlocked.
  ASSERT_TRUE(k.ExpandStack(task, STACK_TOP - 2 * kPage).ok());
  EXPECT_EQ(held(UB_LOCKEDPAGES), 5u);
  // A child's mm starts without MCL_FUTURE.
  task_struct* child = *k.Fork(task, "child");
  ASSERT_TRUE(k.Mmap(child, 0, kPage, kRw, kAnon).ok());
  EXPECT_EQ(held(UB_LOCKEDPAGES), 5u);
  EXPECT_TRUE(k.Munlockall(task).ok());
  Map(1);
  EXPECT_EQ(held(UB_LOCKEDPAGES), 0u);
}

TEST_F(MmTest, SysMprotectToWritableChargesSoftToReadOnlyGivesBack) {
  const unsigned long a = Map(6, PROT_READ);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u);
  ASSERT_TRUE(k.Mprotect(task, a + kPage, 2 * kPage, kRw).ok());
  EXPECT_EQ(held(UB_PRIVVMPAGES), 3u);
  EXPECT_EQ(nr_vmas(task), 4u);  // split into three
  ASSERT_TRUE(k.Mprotect(task, a, 6 * kPage, PROT_READ).ok());
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u);
  SetLimit(UB_PRIVVMPAGES, 2, 4);  // SOFT: up to the limit
  EXPECT_TRUE(k.Mprotect(task, a, 3 * kPage, kRw).ok());
  EXPECT_EQ(held(UB_PRIVVMPAGES), 4u);
  EXPECT_EQ(ErrnoOf(k.Mprotect(task, a + 3 * kPage, kPage, kRw)), ENOMEM);
  EXPECT_NE(k.HostLog().find("<6>Fatal resource shortage: privvmpages"),
            std::string::npos);
}

TEST_F(MmTest, SysMprotectStopsAtTheFirstErrorAndKeepsWhatItDid) {
  const unsigned long a = Map(2, PROT_READ, kAnon | MAP_FIXED, 0x20000000);
  Map(2, PROT_READ, kAnon | MAP_FIXED, a + 2 * kPage);
  SetLimit(UB_PRIVVMPAGES, 3, 3);
  EXPECT_EQ(ErrnoOf(k.Mprotect(task, a, 4 * kPage, kRw)), ENOMEM);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 3u);  // the stack and the first VMA
  EXPECT_NE(flags_at(task, a) & VM_WRITE, 0u);
  EXPECT_EQ(flags_at(task, a + 2 * kPage) & VM_WRITE, 0u);
}

TEST_F(MmTest, SysMprotectOfASharedFileMappingChargesNothing) {
  static struct file lib = {"data"};
  auto a = k.Mmap(task, 0, 4 * kPage, PROT_READ, MAP_SHARED, &lib);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(k.Mprotect(task, *a, 4 * kPage, kRw).ok());
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u);
}

TEST_F(MmTest, SysMprotectRejectsBadArguments) {
  const unsigned long a = Map(2);
  EXPECT_EQ(ErrnoOf(k.Mprotect(task, a + 1, kPage, PROT_READ)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mprotect(task, a, kPage, 0x40)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mprotect(task, a, ~0UL - a, PROT_READ)), ENOMEM);
  EXPECT_EQ(ErrnoOf(k.Mprotect(task, a, 3 * kPage, PROT_READ)), ENOMEM);
  EXPECT_EQ(ErrnoOf(k.Mprotect(task, a, kPage,
                               PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP)),
            EINVAL);
  EXPECT_TRUE(k.Mprotect(task, a, 0, PROT_READ).ok());
  static struct file ro = {"ro"};
  auto b = k.Mmap(task, 0, kPage, PROT_READ, MAP_SHARED, &ro);
  ASSERT_TRUE(b.ok());
  {  // a mapping that may never be written
    RwsemWriteLock l(&task->mm->mmap_sem);
    find_vma(task->mm, *b)->vm_flags &= ~VM_MAYWRITE;
  }
  EXPECT_EQ(ErrnoOf(k.Mprotect(task, *b, kPage, kRw)), EACCES);
}

TEST_F(MmTest, DoMremapGrowsInPlaceChargingTheAddedPages) {
  const unsigned long a = Map(4, kRw, kAnon | MAP_FIXED, 0x20000000);
  auto r = k.Mremap(task, a, 4 * kPage, 6 * kPage, 0);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, a);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u + 6);
  SetLimit(UB_PRIVVMPAGES, 7, 7);
  EXPECT_EQ(ErrnoOf(k.Mremap(task, a, 6 * kPage, 7 * kPage, 0).status()),
            ENOMEM);
  // Shrinking gives back the tail.
  ASSERT_TRUE(k.Mremap(task, a, 6 * kPage, 2 * kPage, 0).ok());
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u + 2);
}

// move_vma() charges the whole new length before the old range goes: a
// move needs room for both at once, even a move of the same size.
TEST_F(MmTest, DoMremapMoveNeedsRoomForOldAndNew) {
  const unsigned long a = Map(4, kRw, kAnon | MAP_FIXED, 0x20000000);
  Map(1, PROT_READ, kAnon | MAP_FIXED, a + 4 * kPage);  // no room to grow
  SetLimit(UB_PRIVVMPAGES, 8, 8);
  EXPECT_EQ(ErrnoOf(k.Mremap(task, a, 4 * kPage, 4 * kPage,
                             MREMAP_MAYMOVE | MREMAP_FIXED, 0x30000000)
                        .status()),
            ENOMEM);
  SetLimit(UB_PRIVVMPAGES, 9, 9);
  auto r = k.Mremap(task, a, 4 * kPage, 4 * kPage,
                    MREMAP_MAYMOVE | MREMAP_FIXED, 0x30000000);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, 0x30000000u);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 5u);
  EXPECT_EQ(maxheld(UB_PRIVVMPAGES), 9u);
  // Growing where it cannot: without MREMAP_MAYMOVE, -ENOMEM; with it, a
  // move to a free gap.
  Map(1, PROT_READ, kAnon | MAP_FIXED, 0x30000000 + 4 * kPage);
  SetLimit(UB_PRIVVMPAGES, UB_MAXVALUE, UB_MAXVALUE);
  EXPECT_EQ(
      ErrnoOf(k.Mremap(task, 0x30000000, 4 * kPage, 8 * kPage, 0).status()),
      ENOMEM);
  r = k.Mremap(task, 0x30000000, 4 * kPage, 8 * kPage, MREMAP_MAYMOVE);
  ASSERT_TRUE(r.ok());
  EXPECT_NE(*r, 0x30000000u);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u + 8);
}

TEST_F(MmTest, DoMremapRejectsBadArguments) {
  const unsigned long a = Map(4);
  EXPECT_EQ(ErrnoOf(k.Mremap(task, a, kPage, 2 * kPage, 8).status()), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mremap(task, a + 1, kPage, 2 * kPage, 0).status()),
            EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mremap(task, a, kPage, 0, 0).status()), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mremap(task, a, kPage, kPage, MREMAP_FIXED, 0).status()),
            EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mremap(task, a, 8 * kPage, 9 * kPage, 0).status()),
            EFAULT);  // across VMAs
  EXPECT_EQ(ErrnoOf(k.Mremap(task, 0x1000, kPage, 2 * kPage, 0).status()),
            EFAULT);  // nothing there
}

}  // namespace
}  // namespace vzsim
