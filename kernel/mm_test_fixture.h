// The world the address-space tests start from: VE 101 started as vzctl
// starts it (setluid(101) in a host task, which forks the VE's init), and a
// task "app" inside it, all charged to beancounter 101.
#ifndef VZSIM_KERNEL_MM_TEST_FIXTURE_H_
#define VZSIM_KERNEL_MM_TEST_FIXTURE_H_

#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "kernel/mmap.h"

namespace vzsim {

constexpr unsigned long kPage = PAGE_SIZE;
constexpr int kRw = PROT_READ | PROT_WRITE;
constexpr int kAnon = MAP_PRIVATE | MAP_ANONYMOUS;

class MmTest : public ::testing::Test {
 protected:
  void SetUp() override {
    vzctl = *k.Fork(k.init_task(), "vzctl");
    ASSERT_TRUE(k.SetLuid(vzctl, 101).ok());
    init = *k.Fork(vzctl, "init");
    ASSERT_TRUE(k.SetSid(init).ok());
    ve = *k.CreateVe(init, 101);
    ub = k.FindBeancounter(101);
    task = *k.Fork(init, "app");
    // The defaults of a new beancounter would refuse most locking.
    SetLimit(UB_LOCKEDPAGES, UB_MAXVALUE, UB_MAXVALUE);
  }
  void SetLimit(int res, unsigned long barrier, unsigned long limit) {
    ASSERT_TRUE(k.SetUbLimit(k.init_task(), 101, res, barrier, limit).ok());
  }
  unsigned long held(int res) { return UbRead(ub->ub_parms[res].held); }
  unsigned long maxheld(int res) { return UbRead(ub->ub_parms[res].maxheld); }
  unsigned long failcnt(int res) { return UbRead(ub->ub_parms[res].failcnt); }
  size_t nr_vmas(task_struct* t) {
    RwsemWriteLock l(&t->mm->mmap_sem);
    return static_cast<size_t>(t->mm->map_count);
  }
  unsigned long locked_vm(task_struct* t) {
    RwsemWriteLock l(&t->mm->mmap_sem);
    return t->mm->locked_vm;
  }
  unsigned long flags_at(task_struct* t, unsigned long addr) {
    RwsemWriteLock l(&t->mm->mmap_sem);
    vm_area_struct* v = find_vma(t->mm, addr);
    return v != nullptr && v->vm_start <= addr ? v->vm_flags : 0;
  }
  unsigned long Map(unsigned long pages, int prot = kRw, int flags = kAnon,
                    unsigned long at = 0) {
    auto addr = k.Mmap(task, at, pages * kPage, prot, flags);
    EXPECT_TRUE(addr.ok()) << addr.status();
    return addr.ok() ? *addr : 0;
  }

  Kernel k;
  task_struct* vzctl = nullptr;
  task_struct* init = nullptr;
  task_struct* task = nullptr;
  ve_struct* ve = nullptr;
  user_beancounter* ub = nullptr;
};

}  // namespace vzsim

#endif  // VZSIM_KERNEL_MM_TEST_FIXTURE_H_
