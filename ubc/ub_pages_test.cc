// Memory charges (kernel/ub/ub_pages.c), each test named after the kernel
// function it models.
#include <cerrno>

#include "gtest/gtest.h"
#include "include/linux/mm.h"
#include "include/ub/ub_vmpages.h"
#include "kernel/mm_record.h"
#include "ubc/fake_ub_host.h"

namespace vzsim {
namespace {

constexpr unsigned kPrivate = VM_READ | VM_WRITE;
constexpr unsigned kLockedPrivate = VM_READ | VM_WRITE | VM_LOCKED;

struct Fixture {
  Fixture() { mm.mm_ub = &ub; }
  FakeUbHost host;
  UbRecord ub{101, nullptr, &host};
  MmRecord mm;
};

struct file a_file = {"/bin/sh"};

TEST(UbMemoryCharge, TruncatesToWholePages) {
  Fixture fx;
  EXPECT_EQ(ub_memory_charge(&fx.mm, PAGE_SIZE - 1, kPrivate, nullptr, UB_HARD),
            0);
  EXPECT_EQ(Held(&fx.ub, UB_PRIVVMPAGES), 0u);
  EXPECT_EQ(
      ub_memory_charge(&fx.mm, 3 * PAGE_SIZE + 5, kPrivate, nullptr, UB_HARD),
      0);
  EXPECT_EQ(Held(&fx.ub, UB_PRIVVMPAGES), 3u);
}

TEST(UbMemoryCharge, WhichMappingsArePrivate) {
  Fixture fx;
  auto charge = [&](unsigned flags, struct file* f) {
    const unsigned long before = Held(&fx.ub, UB_PRIVVMPAGES);
    EXPECT_EQ(ub_memory_charge(&fx.mm, PAGE_SIZE, flags, f, UB_HARD), 0);
    return Held(&fx.ub, UB_PRIVVMPAGES) - before;
  };
  EXPECT_EQ(charge(VM_READ, nullptr), 0u);               // read-only
  EXPECT_EQ(charge(kPrivate, nullptr), 1u);              // anonymous
  EXPECT_EQ(charge(kPrivate | VM_SHARED, nullptr), 1u);  // shared anon
  EXPECT_EQ(charge(kPrivate, &a_file), 1u);              // private file
  EXPECT_EQ(charge(kPrivate | VM_SHARED, &a_file), 0u);  // shared file
  EXPECT_EQ(charge(VM_READ | VM_SHARED, &a_file), 0u);
}

TEST(UbMemoryCharge, PrivvmIsChargedOnTheTopOnlyAsUnusedPages) {
  FakeUbHost host;
  UbRecord top(101, nullptr, &host);
  UbRecord sub(3, &top, &host);
  MmRecord mm;
  mm.mm_ub = &sub;
  ASSERT_EQ(UbSetLimits(&sub, UB_PRIVVMPAGES, 0, 0), 0);  // never enforced
  EXPECT_EQ(ub_memory_charge(&mm, 4 * PAGE_SIZE, kPrivate, nullptr, UB_HARD),
            0);
  EXPECT_EQ(Held(&sub, UB_PRIVVMPAGES), 0u);
  EXPECT_EQ(Held(&top, UB_PRIVVMPAGES), 4u);
  EXPECT_EQ(top.ub_unused_privvmpages, 4u);
  // lockedpages, though, goes through every level.
  EXPECT_EQ(
      ub_memory_charge(&mm, PAGE_SIZE, VM_READ | VM_LOCKED, nullptr, UB_HARD),
      0);
  EXPECT_EQ(Held(&sub, UB_LOCKEDPAGES), 1u);
  EXPECT_EQ(Held(&top, UB_LOCKEDPAGES), 1u);
}

TEST(UbMemoryCharge, ARefusedPrivvmChargeGivesBackTheLockedPages) {
  Fixture fx;
  ASSERT_EQ(UbSetLimits(&fx.ub, UB_PRIVVMPAGES, 2, 2), 0);
  EXPECT_EQ(
      ub_memory_charge(&fx.mm, 3 * PAGE_SIZE, kLockedPrivate, nullptr, UB_HARD),
      -ENOMEM);
  EXPECT_EQ(Held(&fx.ub, UB_LOCKEDPAGES), 0u);
  EXPECT_EQ(Held(&fx.ub, UB_PRIVVMPAGES), 0u);
  EXPECT_EQ(Failcnt(&fx.ub, UB_PRIVVMPAGES), 1u);
  EXPECT_EQ(fx.ub.ub_unused_privvmpages, 0u);
}

TEST(UbMemoryCharge, SoftGoesUpToTheLimit) {
  Fixture fx;
  ASSERT_EQ(UbSetLimits(&fx.ub, UB_PRIVVMPAGES, 2, 5), 0);
  EXPECT_EQ(ub_memory_charge(&fx.mm, 5 * PAGE_SIZE, kPrivate, nullptr, UB_HARD),
            -ENOMEM);
  EXPECT_EQ(ub_memory_charge(&fx.mm, 5 * PAGE_SIZE, kPrivate, nullptr, UB_SOFT),
            0);
}

TEST(UbMemoryCharge, ForceIsAKernelBugAndChargesNothing) {
  Fixture fx;
  EXPECT_EQ(
      ub_memory_charge(&fx.mm, PAGE_SIZE, kLockedPrivate, nullptr, UB_FORCE),
      -EINVAL);
  EXPECT_EQ(fx.host.bugs(),
            std::vector<std::string>{"kernel/ub/ub_pages.c:230"});
  EXPECT_EQ(Held(&fx.ub, UB_LOCKEDPAGES), 0u);
  EXPECT_EQ(Held(&fx.ub, UB_PRIVVMPAGES), 0u);
}

TEST(UbMemoryCharge, NoMmOrNoBeancounter) {
  Fixture fx;
  EXPECT_EQ(ub_memory_charge(nullptr, PAGE_SIZE, kPrivate, nullptr, UB_HARD),
            -EINVAL);
  MmRecord orphan;  // an mm of no beancounter: nothing to charge
  EXPECT_EQ(ub_memory_charge(&orphan, PAGE_SIZE, kPrivate, nullptr, UB_FORCE),
            0);
  ub_memory_uncharge(nullptr, PAGE_SIZE, kPrivate, nullptr);
  ub_memory_uncharge(&orphan, PAGE_SIZE, kPrivate, nullptr);
}

TEST(UbMemoryUncharge, RecomputesHeldFromUnusedPagesAndShmpages) {
  Fixture fx;
  ASSERT_EQ(
      ub_memory_charge(&fx.mm, 10 * PAGE_SIZE, kPrivate, nullptr, UB_HARD), 0);
  // shmpages feeds privvmpages.held; it shows at the next recompute.
  ASSERT_EQ(charge_beancounter(&fx.ub, UB_SHMPAGES, 4, UB_HARD), 0);
  EXPECT_EQ(Held(&fx.ub, UB_PRIVVMPAGES), 10u);
  ub_memory_uncharge(&fx.mm, 3 * PAGE_SIZE, kPrivate, nullptr);
  EXPECT_EQ(fx.ub.ub_unused_privvmpages, 7u);
  EXPECT_EQ(Held(&fx.ub, UB_PRIVVMPAGES), 7u + 4u);
  EXPECT_EQ(Maxheld(&fx.ub, UB_PRIVVMPAGES), 11u);
}

TEST(UbMemoryUncharge, MoreThanUnusedWarnsAboutUnusedPrivvmpages) {
  Fixture fx;
  ASSERT_EQ(ub_memory_charge(&fx.mm, 2 * PAGE_SIZE, kPrivate, nullptr, UB_HARD),
            0);
  ub_memory_uncharge(&fx.mm, 5 * PAGE_SIZE, kPrivate, nullptr);
  EXPECT_EQ(fx.host.log(),
            "<3>Uncharging too much 5 h 2, res unused_privvmpages ub 101\n");
  EXPECT_EQ(Held(&fx.ub, UB_PRIVVMPAGES), 0u);
}

TEST(UbLockedCharge, HardOnLockedpagesAtEveryLevel) {
  FakeUbHost host;
  UbRecord top(101, nullptr, &host);
  UbRecord sub(3, &top, &host);
  MmRecord mm;
  mm.mm_ub = &sub;
  ASSERT_EQ(UbSetLimits(&sub, UB_LOCKEDPAGES, 2, 10), 0);
  EXPECT_EQ(ub_locked_charge(&mm, 2 * PAGE_SIZE), 0);
  EXPECT_EQ(ub_locked_charge(&mm, PAGE_SIZE), -ENOMEM);
  EXPECT_EQ(Failcnt(&sub, UB_LOCKEDPAGES), 1u);
  ub_locked_uncharge(&mm, 2 * PAGE_SIZE);
  EXPECT_EQ(Held(&top, UB_LOCKEDPAGES), 0u);
}

TEST(UbProtectedCharge, OnlyAWriteChangeOfAPrivateMappingCounts) {
  Fixture fx;
  VmaRecord ro, rw, shared_file;
  ro.vm_flags = VM_READ | VM_MAYWRITE;
  rw.vm_flags = VM_READ | VM_WRITE;
  shared_file.vm_flags = VM_READ | VM_SHARED;
  shared_file.vm_file = &a_file;
  EXPECT_EQ(ub_protected_charge(&fx.mm, 4, VM_READ, &ro), PRIVVM_NO_CHARGE);
  EXPECT_EQ(ub_protected_charge(&fx.mm, 4, VM_READ | VM_WRITE | VM_SHARED,
                                &shared_file),
            PRIVVM_NO_CHARGE);
  EXPECT_EQ(ub_protected_charge(&fx.mm, 4, VM_READ, &rw), PRIVVM_TO_SHARED);
  EXPECT_EQ(Held(&fx.ub, UB_PRIVVMPAGES), 0u);  // given back by the caller
  EXPECT_EQ(ub_protected_charge(&fx.mm, 4, VM_READ | VM_WRITE, &ro),
            PRIVVM_TO_PRIVATE);
  EXPECT_EQ(Held(&fx.ub, UB_PRIVVMPAGES), 4u);
  EXPECT_EQ(ub_protected_charge(nullptr, 4, VM_WRITE, &ro), PRIVVM_NO_CHARGE);
}

TEST(UbProtectedCharge, IsSoftAndRefusalIsPrivvmError) {
  Fixture fx;
  VmaRecord ro;
  ro.vm_flags = VM_READ;
  ASSERT_EQ(UbSetLimits(&fx.ub, UB_PRIVVMPAGES, 1, 4), 0);
  EXPECT_EQ(ub_protected_charge(&fx.mm, 4, VM_READ | VM_WRITE, &ro),
            PRIVVM_TO_PRIVATE);  // past the barrier, up to the limit
  EXPECT_EQ(ub_protected_charge(&fx.mm, 1, VM_READ | VM_WRITE, &ro),
            PRIVVM_ERROR);
  EXPECT_EQ(fx.host.log(),
            "<6>Fatal resource shortage: privvmpages, UB 101.\n");
}

TEST(UbUnusedPrivvmDec, GivesBackOnTheTopAndRecomputes) {
  Fixture fx;
  ASSERT_EQ(ub_memory_charge(&fx.mm, 6 * PAGE_SIZE, kPrivate, nullptr, UB_HARD),
            0);
  __ub_unused_privvm_dec(&fx.mm, 6);
  EXPECT_EQ(Held(&fx.ub, UB_PRIVVMPAGES), 0u);
  EXPECT_EQ(Maxheld(&fx.ub, UB_PRIVVMPAGES), 6u);
  __ub_unused_privvm_dec(nullptr, 1);
}

}  // namespace
}  // namespace vzsim
