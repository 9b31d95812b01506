#include "ubc/ub_memory.h"

#include <cerrno>

#include "gtest/gtest.h"
#include "kernel/mm_record.h"

namespace {

struct Fixture {
  vzsim::UbRecord ub{101, nullptr, nullptr};
  vzsim::MmRecord mm;
  struct file f {
    "libc.so"
  };
  Fixture() { mm.mm_ub = &ub; }
  uint64_t held(int res) { return vzsim::UbRead(ub.ub_parms[res].held); }
};

TEST(UbMemoryTest, SizeIsRoundedUpToPages) {
  EXPECT_EQ(ub_size_to_pages(0), 0u);
  EXPECT_EQ(ub_size_to_pages(1), 1u);
  EXPECT_EQ(ub_size_to_pages(4096), 1u);
  EXPECT_EQ(ub_size_to_pages(4097), 2u);
  EXPECT_EQ(ub_size_to_pages(~0UL), (~0UL >> 12) + 1);
}

// The rules of SPEC.md section 5, one row each.
TEST(UbMemoryTest, ChargeRules) {
  struct Case {
    unsigned long flags;
    bool with_file;
    uint64_t want_priv, want_locked;
  } cases[] = {
      {VM_READ | VM_WRITE, false, 3, 0},              // private anonymous
      {VM_READ | VM_WRITE, true, 3, 0},               // private file, writable
      {VM_READ | VM_WRITE | VM_SHARED, false, 3, 0},  // shared anonymous
      {VM_READ | VM_WRITE | VM_SHARED, true, 0, 0},   // shared file
      {VM_READ, false, 0, 0},                         // read-only
      {VM_READ | VM_EXEC, true, 0, 0},                // read-only text
      {VM_READ | VM_LOCKED, false, 0, 3},             // locked read-only
      {VM_READ | VM_WRITE | VM_LOCKED, false, 3, 3},  // locked private
      {VM_READ | VM_WRITE | VM_SHARED | VM_LOCKED, true, 0, 3},
  };
  for (const Case& c : cases) {
    Fixture fx;
    struct file* file = c.with_file ? &fx.f : nullptr;
    ASSERT_EQ(ub_memory_charge(&fx.mm, 3 * 4096 - 100, c.flags, file, UB_HARD),
              0);
    EXPECT_EQ(fx.held(UB_PRIVVMPAGES), c.want_priv) << std::hex << c.flags;
    EXPECT_EQ(fx.held(UB_LOCKEDPAGES), c.want_locked) << std::hex << c.flags;
    ub_memory_uncharge(&fx.mm, 3 * 4096 - 100, c.flags, file);
    EXPECT_EQ(fx.held(UB_PRIVVMPAGES), 0u);
    EXPECT_EQ(fx.held(UB_LOCKEDPAGES), 0u);
    EXPECT_FALSE(fx.ub.underflowed.load());
  }
}

TEST(UbMemoryTest, RefusedPrivvmRollsBackLockedpages) {
  Fixture fx;
  ASSERT_EQ(ub_set_limits(&fx.ub, UB_PRIVVMPAGES, 2, 2), 0);
  EXPECT_EQ(ub_memory_charge(&fx.mm, 3 * 4096, VM_WRITE | VM_LOCKED, nullptr,
                             UB_HARD),
            -ENOMEM);
  EXPECT_EQ(fx.held(UB_LOCKEDPAGES), 0u);
  EXPECT_EQ(fx.held(UB_PRIVVMPAGES), 0u);
  EXPECT_EQ(vzsim::UbRead(fx.ub.ub_parms[UB_PRIVVMPAGES].failcnt), 1u);
}

TEST(UbMemoryTest, RefusedLockedpagesChargesNothing) {
  Fixture fx;
  ASSERT_EQ(ub_set_limits(&fx.ub, UB_LOCKEDPAGES, 0, 0), 0);
  EXPECT_EQ(
      ub_memory_charge(&fx.mm, 4096, VM_WRITE | VM_LOCKED, nullptr, UB_SOFT),
      -ENOMEM);
  EXPECT_EQ(fx.held(UB_PRIVVMPAGES), 0u);
}

TEST(UbMemoryTest, SoftPassesTheBarrierHardDoesNot) {
  Fixture fx;
  ASSERT_EQ(ub_set_limits(&fx.ub, UB_PRIVVMPAGES, 1, 4), 0);
  EXPECT_EQ(ub_memory_charge(&fx.mm, 2 * 4096, VM_WRITE, nullptr, UB_HARD),
            -ENOMEM);
  EXPECT_EQ(ub_memory_charge(&fx.mm, 2 * 4096, VM_WRITE, nullptr, UB_SOFT), 0);
}

TEST(UbMemoryTest, NullMmIsEinval) {
  EXPECT_EQ(ub_memory_charge(nullptr, 4096, VM_WRITE, nullptr, UB_HARD),
            -EINVAL);
  ub_memory_uncharge(nullptr, 4096, VM_WRITE, nullptr);  // no crash
}

}  // namespace
