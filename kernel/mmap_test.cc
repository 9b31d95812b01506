// Address spaces and their beancounter charges: mm/mmap.c, kernel/fork.c's
// dup_mmap(), each test named after the kernel function it models.
#include "kernel/mmap.h"

#include <cerrno>
#include <csignal>

#include "gtest/gtest.h"
#include "include/ub/ub_mem.h"
#include "kernel/mm_test_fixture.h"

namespace vzsim {
namespace {

TEST_F(MmTest, SetluidThenForkPutsTheVeIntoItsBeancounter) {
  EXPECT_EQ(ub->ub_uid, 101u);
  EXPECT_EQ(init->task_bc.task_ub, ub);
  EXPECT_EQ(task->task_bc.exec_ub, ub);
  EXPECT_EQ(vzctl->task_bc.task_ub, k.ub0());  // the caller stays in ub0
  EXPECT_EQ(held(UB_NUMPROC), 2u);             // init and app
}

TEST_F(MmTest, MmAllocOnFirstUseIsChargedToTheExecBeancounter) {
  EXPECT_EQ(task->mm, nullptr);
  const unsigned long kmem = held(UB_KMEMSIZE);
  const unsigned long at = Map(10);
  ASSERT_NE(task->mm, nullptr);
  EXPECT_EQ(task->mm->mm_ub, ub);
  // mm_struct, pgd and two VMAs: app's first own charge takes a quantum
  // into its reserve, and they all come out of it.
  EXPECT_EQ(held(UB_KMEMSIZE), kmem + UB_KMEM_QUANT);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u + 10);  // the stack page + the mapping
  EXPECT_EQ(at & ~PAGE_MASK, 0u);
}

TEST_F(MmTest, DoMmapPgoffChargesHardAndARefusalLeavesTheMmUnchanged) {
  ASSERT_TRUE(k.GetMm(task).ok());
  SetLimit(UB_PRIVVMPAGES, 20, 30);
  Map(19);  // 1 + 19 == barrier
  const size_t vmas = nr_vmas(task);
  EXPECT_EQ(ErrnoOf(k.Mmap(task, 0, kPage, kRw, kAnon).status()), ENOMEM);
  EXPECT_EQ(nr_vmas(task), vmas);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 20u);
  EXPECT_EQ(failcnt(UB_PRIVVMPAGES), 1u);
  EXPECT_EQ(k.HostLog().find("Fatal resource shortage"), std::string::npos);
  // Read-only and shared file mappings cost nothing and still succeed.
  static struct file lib = {"libc.so"};
  EXPECT_TRUE(k.Mmap(task, 0, 100 * kPage, PROT_READ, kAnon).ok());
  EXPECT_TRUE(k.Mmap(task, 0, 100 * kPage, kRw, MAP_SHARED, &lib).ok());
  EXPECT_EQ(held(UB_PRIVVMPAGES), 20u);
}

TEST_F(MmTest, DoMmapPgoffWithMapExecprioChargesSoft) {
  ASSERT_TRUE(k.GetMm(task).ok());
  SetLimit(UB_PRIVVMPAGES, 5, 10);
  EXPECT_TRUE(k.Mmap(task, 0, 8 * kPage, kRw, kAnon | MAP_EXECPRIO).ok());
  EXPECT_EQ(held(UB_PRIVVMPAGES), 9u);  // past the barrier, under the limit
  EXPECT_EQ(
      ErrnoOf(k.Mmap(task, 0, 2 * kPage, kRw, kAnon | MAP_EXECPRIO).status()),
      ENOMEM);
  EXPECT_NE(k.HostLog().find("<6>Fatal resource shortage: privvmpages, UB "
                             "101.\n"),
            std::string::npos);
}

TEST_F(MmTest, DoMmapPgoffMapFixedUnmapsBeforeCharging) {
  const unsigned long at = 0x10000000;
  ASSERT_EQ(Map(4, kRw, kAnon | MAP_FIXED, at), at);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 5u);
  // Replace the middle two pages with read-only ones: 2 pages come back.
  Map(2, PROT_READ, kAnon | MAP_FIXED, at + kPage);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 3u);
  EXPECT_EQ(nr_vmas(task), 4u);  // stack, head, middle, tail
  // A refused MAP_FIXED has already unmapped what was there: a hole.
  SetLimit(UB_PRIVVMPAGES, 3, 3);
  EXPECT_EQ(
      ErrnoOf(k.Mmap(task, at, 4 * kPage, kRw, kAnon | MAP_FIXED).status()),
      ENOMEM);
  EXPECT_EQ(nr_vmas(task), 1u);  // the stack only
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u);
}

TEST_F(MmTest, DoMmapPgoffLengthZeroMapsNothing) {
  ASSERT_TRUE(k.GetMm(task).ok());
  auto r = k.Mmap(task, 0x1234, 0, kRw, MAP_ANONYMOUS);  // no type: still ok
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 0x1234u);
  EXPECT_EQ(nr_vmas(task), 1u);
}

TEST_F(MmTest, DoMmapPgoffRejectsBadArguments) {
  static struct file lib = {"lib"};
  EXPECT_EQ(ErrnoOf(k.Mmap(task, 0, kPage, kRw, MAP_ANONYMOUS).status()),
            EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mmap(task, 0, kPage, kRw,
                           MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS)
                        .status()),
            EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mmap(task, 0, kPage, kRw, MAP_PRIVATE).status()), EBADF);
  EXPECT_EQ(ErrnoOf(k.Mmap(task, 123, kPage, kRw, kAnon | MAP_FIXED).status()),
            EINVAL);
  EXPECT_EQ(
      ErrnoOf(k.Mmap(task, TASK_SIZE, kPage, kRw, kAnon | MAP_FIXED).status()),
      EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mmap(task, 0, ~0UL, kRw, kAnon).status()), ENOMEM);
  EXPECT_EQ(ErrnoOf(k.Mmap(nullptr, 0, kPage, kRw, kAnon).status()), ESRCH);
  EXPECT_TRUE(k.Mmap(task, 0, kPage, PROT_READ, MAP_PRIVATE, &lib).ok());
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u);  // only the stack
}

TEST_F(MmTest, DoMmapPgoffLockedNeedsCapIpcLockPastTheMlockLimit) {
  ASSERT_TRUE(k.DropCapability(task, CAP_IPC_LOCK).ok());
  EXPECT_EQ(ErrnoOf(k.Mmap(task, 0, (MLOCK_LIMIT_PAGES + 1) * kPage, kRw,
                           kAnon | MAP_LOCKED)
                        .status()),
            EAGAIN);
  EXPECT_TRUE(
      k.Mmap(task, 0, MLOCK_LIMIT_PAGES * kPage, kRw, kAnon | MAP_LOCKED).ok());
  EXPECT_EQ(held(UB_LOCKEDPAGES), MLOCK_LIMIT_PAGES);
}

// shmem_zero_setup(): a shared anonymous mapping is checked against
// privvmpages, then handed to a shmem object at once.
TEST_F(MmTest, ShmemZeroSetupGivesThePrivatePagesBackAtOnce) {
  ASSERT_TRUE(k.GetMm(task).ok());
  const unsigned long at = Map(10, kRw, MAP_SHARED | MAP_ANONYMOUS);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u);
  EXPECT_EQ(maxheld(UB_PRIVVMPAGES), 11u);  // the check happened
  EXPECT_EQ(held(UB_SHMPAGES), 0u);         // no page was ever touched
  task_struct* child = *k.Fork(task, "child");
  EXPECT_EQ(held(UB_PRIVVMPAGES), 2u);  // the copy charges only its stack
  ASSERT_TRUE(k.Munmap(task, at, 10 * kPage).ok());
  EXPECT_EQ(held(UB_PRIVVMPAGES), 2u);
  EXPECT_FALSE(RecordOf(ub)->underflowed.load());
  // Too big for privvmpages: refused before shmem takes over.
  SetLimit(UB_PRIVVMPAGES, 5, 5);
  EXPECT_EQ(
      ErrnoOf(k.Mmap(child, 0, 10 * kPage, kRw, MAP_SHARED | MAP_ANONYMOUS)
                  .status()),
      ENOMEM);
}

TEST_F(MmTest, DoMunmapSplitsAndGivesBackExactlyWhatGoes) {
  const unsigned long at = Map(8);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 9u);
  ASSERT_TRUE(k.Munmap(task, at + 2 * kPage, 3 * kPage).ok());
  EXPECT_EQ(held(UB_PRIVVMPAGES), 6u);
  EXPECT_EQ(nr_vmas(task), 3u);
  ASSERT_TRUE(k.Munmap(task, at, 8 * kPage).ok());  // holes are fine
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u);
  EXPECT_EQ(ErrnoOf(k.Munmap(task, at + 1, kPage)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Munmap(task, at, 0)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Munmap(task, TASK_SIZE, kPage)), EINVAL);
  EXPECT_FALSE(RecordOf(ub)->underflowed.load());
}

TEST_F(MmTest, SplitVmaChargesAVmAreaStructAndCanBeRefused) {
  const unsigned long at = Map(256);
  SetLimit(UB_KMEMSIZE, held(UB_KMEMSIZE), held(UB_KMEMSIZE));
  // Each hole punched costs one more VMA. The task's reserve pays until it
  // is empty; then the split is refused and nothing is unmapped.
  int refused_at = 0;
  for (int i = 1; i < 127 && refused_at == 0; ++i) {
    if (ErrnoOf(k.Munmap(task, at + 2 * i * kPage, kPage)) == ENOMEM) {
      refused_at = i;
    }
  }
  ASSERT_GT(refused_at, 0);
  EXPECT_GT(failcnt(UB_KMEMSIZE), 0u);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u + 256 - (refused_at - 1));
}

TEST_F(MmTest, SysBrkGrowsAndShrinksTheHeap) {
  mm_struct* mm = *k.GetMm(task);
  unsigned long start;
  {
    RwsemWriteLock l(&mm->mmap_sem);
    start = mm->start_brk;
  }
  EXPECT_EQ(*k.Brk(task, start + 3 * kPage + 10), start + 3 * kPage + 10);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u + 4);
  EXPECT_EQ(*k.Brk(task, start + 5 * kPage), start + 5 * kPage);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u + 5);
  EXPECT_EQ(nr_vmas(task), 2u);  // the heap grew in place
  EXPECT_EQ(*k.Brk(task, start + kPage), start + kPage);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 1u + 1);
  // Below end_code: refused, the break stays.
  EXPECT_EQ(ErrnoOf(k.Brk(task, start - kPage).status()), ENOMEM);
  SetLimit(UB_PRIVVMPAGES, 3, 3);
  EXPECT_EQ(ErrnoOf(k.Brk(task, start + 10 * kPage).status()), ENOMEM);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 2u);
  EXPECT_EQ(*k.Brk(task, start + 2 * kPage), start + 2 * kPage);
}

TEST_F(MmTest, SysBrkNeedsAPageOfGapAboveTheNewBreak) {
  mm_struct* mm = *k.GetMm(task);
  const unsigned long start = TASK_START_BRK;
  (void)mm;
  Map(1, PROT_READ, kAnon | MAP_FIXED, start + 4 * kPage);
  EXPECT_EQ(ErrnoOf(k.Brk(task, start + 4 * kPage).status()), ENOMEM);
  EXPECT_EQ(*k.Brk(task, start + 3 * kPage), start + 3 * kPage);
}

TEST_F(MmTest, ExpandStackChargesSoftAndCanPassTheBarrier) {
  ASSERT_TRUE(k.GetMm(task).ok());
  SetLimit(UB_PRIVVMPAGES, 2, 4);
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
  Map(1, PROT_READ, kAnon | MAP_FIXED, 0x10000000);
  EXPECT_EQ(ErrnoOf(k.ExpandStack(task, 0x10000000 - kPage)), EFAULT);
}

// acct_stack_growth(): the limit is the group's RLIMIT_STACK as it is now.
TEST_F(MmTest, ExpandStackReadsTheGroupsStackLimit) {
  ASSERT_TRUE(k.GetMm(task).ok());
  task->signal->rlim[RLIMIT_STACK].rlim_cur = 4 * kPage;
  EXPECT_EQ(ErrnoOf(k.ExpandStack(task, STACK_TOP - 5 * kPage)), ENOMEM);
  EXPECT_TRUE(k.ExpandStack(task, STACK_TOP - 4 * kPage).ok());
}

TEST_F(MmTest, DupMmapCopiesIntoTheChildsBeancounterThreadsShare) {
  Map(10);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 11u);
  task_struct* child = *k.Fork(task, "child");
  EXPECT_NE(child->mm, task->mm);
  EXPECT_EQ(child->mm->mm_ub, ub);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 22u);
  task_struct* thread = *k.Fork(task, "thr", CLONE_THREAD);
  EXPECT_EQ(thread->mm, task->mm);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 22u);
  EXPECT_EQ(held(UB_NUMPROC), 4u);  // init, app, child and the thread
}

// A host task after setluid(101): its own mm stays in ub0, its child's copy
// is charged to 101 (the child's task_ub is the parent's fork_sub).
TEST_F(MmTest, DupMmapChargesTheForkSubNotTheParentsMm) {
  task_struct* admin = *k.Fork(k.init_task(), "admin");
  ASSERT_TRUE(k.Mmap(admin, 0, 4 * kPage, kRw, kAnon).ok());
  EXPECT_EQ(admin->mm->mm_ub, k.ub0());
  ASSERT_TRUE(k.SetLuid(admin, 101).ok());
  const unsigned long before = held(UB_PRIVVMPAGES);
  task_struct* child = *k.Fork(admin, "child");
  EXPECT_EQ(child->mm->mm_ub, ub);
  EXPECT_EQ(held(UB_PRIVVMPAGES), before + 5);
  EXPECT_EQ(admin->mm->mm_ub, k.ub0());
}

TEST_F(MmTest, DupMmapRefusedLosesNothing) {
  Map(10);
  SetLimit(UB_PRIVVMPAGES, 15, 15);
  const size_t tasks = k.nr_tasks();
  EXPECT_EQ(ErrnoOf(k.Fork(task).status()), ENOMEM);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 11u);
  EXPECT_EQ(held(UB_NUMPROC), 2u);
  EXPECT_EQ(held(UB_NUMFILE), 2 * 16u);  // only init's and app's batches
  EXPECT_EQ(k.nr_tasks(), tasks);
  SetLimit(UB_NUMPROC, 2, 2);
  EXPECT_EQ(ErrnoOf(k.Fork(task, "t", CLONE_THREAD).status()), ENOMEM);
  EXPECT_EQ(failcnt(UB_NUMPROC), 1u);
}

TEST_F(MmTest, DupMmapLeavesTheCopyUnlocked) {
  Map(10, kRw, kAnon | MAP_LOCKED);
  task_struct* child = *k.Fork(task, "child");
  EXPECT_EQ(held(UB_LOCKEDPAGES), 10u);
  EXPECT_EQ(held(UB_PRIVVMPAGES), 22u);  // two copies of 10 + a stack each
  EXPECT_EQ(locked_vm(child), 0u);
  {
    RwsemWriteLock l(&child->mm->mmap_sem);
    for (vm_area_struct* v = child->mm->mmap; v != nullptr; v = v->vm_next) {
      EXPECT_EQ(v->vm_flags & VM_LOCKED, 0u) << v->vm_start;
    }
  }
  ASSERT_TRUE(k.Exit(task, 0).ok());
  EXPECT_EQ(held(UB_LOCKEDPAGES), 0u);
}

TEST_F(MmTest, ExitMmapOfTheLastUserGivesTheAddressSpaceBack) {
  Map(10, kRw, kAnon | MAP_LOCKED);
  task_struct* thread = *k.Fork(task, "thr", CLONE_THREAD);
  ASSERT_TRUE(k.Exit(task, 0).ok());  // the thread still uses the mm
  EXPECT_EQ(held(UB_PRIVVMPAGES), 11u);
  EXPECT_EQ(held(UB_LOCKEDPAGES), 10u);
  ASSERT_TRUE(k.Exit(thread, 0).ok());
  EXPECT_EQ(held(UB_PRIVVMPAGES), 0u);
  EXPECT_EQ(held(UB_LOCKEDPAGES), 0u);
  EXPECT_EQ(held(UB_NUMPROC), 1u);  // init: the VE's init reaped app
}

// kernel/ve/vecalls.c: ve_move_task() touches no charge.
TEST_F(MmTest, EnteringAVeMovesNoCharge) {
  task_struct* admin = *k.Fork(k.init_task(), "admin");
  ASSERT_TRUE(k.Mmap(admin, 0, 4 * kPage, kRw, kAnon).ok());
  const unsigned long ub0_priv = UbRead(k.ub0()->ub_parms[UB_PRIVVMPAGES].held);
  ASSERT_TRUE(k.EnterVe(admin, 101).ok());
  EXPECT_EQ(admin->task_bc.task_ub, k.ub0());
  EXPECT_EQ(admin->mm->mm_ub, k.ub0());
  EXPECT_EQ(UbRead(k.ub0()->ub_parms[UB_PRIVVMPAGES].held), ub0_priv);
  EXPECT_EQ(held(UB_NUMPROC), 2u);
}

TEST_F(MmTest, InsertVmStructChecksItsVma) {
  mm_struct* mm = *k.GetMm(task);
  RwsemWriteLock l(&mm->mmap_sem);
  EXPECT_EQ(insert_vm_struct(mm, nullptr), -EINVAL);
  EXPECT_EQ(kmem_cache_alloc(nullptr, GFP_KERNEL), nullptr);  // no such cache
  auto* v = static_cast<vm_area_struct*>(  // no CPU: charged to no one
      kmem_cache_zalloc(vm_area_cachep, SLAB_KERNEL));
  ASSERT_NE(v, nullptr);
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

TEST_F(MmTest, VmAreaAllocIsChargedToCurrentsExecBeancounter) {
  task_struct* fresh = *k.Fork(init, "fresh");  // an empty reserve
  SetLimit(UB_KMEMSIZE, held(UB_KMEMSIZE), held(UB_KMEMSIZE));
  auto cpu = k.BindCpu(0, fresh);
  ASSERT_TRUE(cpu.ok());
  const unsigned long refused = failcnt(UB_KMEMSIZE);
  EXPECT_EQ(kmem_cache_alloc(vm_area_cachep, SLAB_KERNEL), nullptr);
  EXPECT_EQ(failcnt(UB_KMEMSIZE), refused + 2);    // the quantum, then exact
  ASSERT_TRUE(cpu->SwitchTo(k.init_task()).ok());  // ub0 has room
  void* v = kmem_cache_alloc(vm_area_cachep, SLAB_KERNEL);
  ASSERT_NE(v, nullptr);
  kmem_cache_free(vm_area_cachep, v);
}

// A VE that forked, mapped, locked, grew stacks and exited a good deal,
// started and stopped as vzctl does: once its last task is gone, its
// beancounter has nobody left and is released, holding nothing.
TEST(UbcLeakTest, AVeThatIsGoneReleasesItsBeancounterEmpty) {
  Kernel k;
  task_struct* vzctl = *k.Fork(k.init_task(), "vzctl");
  ASSERT_TRUE(k.SetLuid(vzctl, 101).ok());
  ASSERT_TRUE(
      k.SetUbLimit(vzctl, 101, UB_LOCKEDPAGES, UB_MAXVALUE, UB_MAXVALUE).ok());
  task_struct* init = *k.Fork(vzctl, "init");
  ASSERT_TRUE(k.SetSid(init).ok());
  ve_struct* ve = *k.CreateVe(init, 101);
  user_beancounter* ub = k.FindBeancounter(101);
  ASSERT_TRUE(k.Mmap(init, 0, 3 * kPage, kRw, kAnon).ok());
  std::vector<task_struct*> procs = {init};
  for (int round = 0; round < 50; ++round) {
    task_struct* p = procs[round % procs.size()];
    auto child = k.Fork(p, "w");
    ASSERT_TRUE(child.ok());
    task_struct* c = *child;
    const unsigned long a = *k.Mmap(c, 0, (1 + round % 5) * kPage, kRw, kAnon);
    ASSERT_TRUE(k.Mlock(c, a, kPage).ok());
    ASSERT_TRUE(k.Mprotect(c, a, kPage, PROT_READ).ok());
    ASSERT_TRUE(k.ExpandStack(c, STACK_TOP - 3 * kPage).ok());
    ASSERT_TRUE(k.Brk(c, TASK_START_BRK + (round % 3) * kPage).ok());
    if (round % 4 == 0) {
      ASSERT_TRUE(k.Fork(c, "t", CLONE_THREAD).ok());
    }
    if (round % 3 == 0) {
      ASSERT_TRUE(k.Munmap(c, a, kPage).ok());
    }
    if (round % 5 == 4) {
      ASSERT_TRUE(k.ExitGroup(c, 0).ok());
    } else {
      procs.push_back(c);
    }
  }
  ASSERT_GT(UbRead(ub->ub_parms[UB_PRIVVMPAGES].held), 0u);
  ASSERT_GT(UbRead(ub->ub_parms[UB_LOCKEDPAGES].held), 0u);
  ASSERT_TRUE(k.Exit(init, 0).ok());
  // do_initproc_exit(): host init, not vzctl, reaps the VE's init, and
  // the VE leaves the list with its last task.
  EXPECT_FALSE(k.Wait(vzctl, -1).ok());
  EXPECT_EQ(k.FindVe(101), nullptr);
  EXPECT_EQ(k.FindBeancounter(101), ub);  // vzctl still holds it
  ASSERT_TRUE(k.Exit(vzctl, 0).ok());     // host init reaps it
  EXPECT_EQ(atomic_read(&ve->pcounter), 0);
  EXPECT_EQ(k.FindBeancounter(101), nullptr);
  EXPECT_EQ(k.HostLog().find("helds"), std::string::npos) << k.HostLog();
  EXPECT_FALSE(RecordOf(ub)->underflowed.load());
  for (int res = 0; res < UB_RESOURCES; ++res) {
    EXPECT_EQ(UbRead(ub->ub_parms[res].held), 0u) << ub_resource_name(res);
  }
  EXPECT_GT(UbRead(ub->ub_parms[UB_NUMPROC].maxheld), 10u);
}

}  // namespace
}  // namespace vzsim
