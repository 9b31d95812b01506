// printk, ve_printk and printk_ratelimit as kernel/printk.c has them.
#include <cerrno>
#include <string>

#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "kernel/printk.h"

namespace vzsim {
namespace {

constexpr int64_t kSecond = 1000LL * 1000 * 1000;

TEST(KernelLogTest, PrintkAlwaysGoesToTheHostWithTheDefaultLevel) {
  Kernel k;
  EXPECT_EQ(k.Printk("hello\n"), 9);  // 6 + the "<4>" inserted
  EXPECT_EQ(k.Printk(KERN_ERR "oops\n"), 8);
  EXPECT_EQ(k.HostLog(), "<4>hello\n<3>oops\n");
}

TEST(KernelLogTest, TheLevelIsInsertedPerLineAndContinuationsGetNone) {
  Kernel k;
  EXPECT_EQ(k.Printk("a\nb\n"), 10);
  EXPECT_EQ(k.Printk("Process x"), 12);
  EXPECT_EQ(k.Printk(" (pid: 5)\n"), 10);  // continues the line
  EXPECT_EQ(k.HostLog(), "<4>a\n<4>b\n<4>Process x (pid: 5)\n");
}

TEST(KernelLogTest, VePrintkDestinations) {
  Kernel k;
  task_struct* init = *k.Fork(k.init_task(), "init");
  ve_struct* ve = *k.CreateVe(init, 101);
  EXPECT_EQ(k.HostLog(), "<6>CT: 101: started\n");
  const uint64_t mark = k.HostLogBytesWritten();
  EXPECT_EQ(k.VeLog(ve), "");
  EXPECT_EQ(RecordOf(ve)->log_buf, nullptr);  // allocated on first use only

  EXPECT_EQ(k.VePrintk(ve, VE_LOG, "ve only\n"), 11);
  ASSERT_NE(RecordOf(ve)->log_buf, nullptr);
  EXPECT_EQ(RecordOf(ve)->log_buf->capacity(), 4096u);
  EXPECT_EQ(k.VePrintk(ve, VE0_LOG, "host only\n"), 13);
  EXPECT_EQ(k.VePrintk(ve, VE_LOG_BOTH, "both\n"), 8);  // the VE write's
  EXPECT_EQ(k.VeLog(ve), "<4>ve only\n<4>both\n");
  EXPECT_EQ(k.HostLogSince(mark), "<4>host only\n<4>both\n");

  // From ve0, once to the host log, whatever the destination.
  EXPECT_EQ(k.VePrintk(k.ve0(), VE_LOG_BOTH, "from host\n"), 13);
  EXPECT_EQ(k.VePrintk(k.ve0(), 0, "zero\n"), 8);
  EXPECT_EQ(k.HostLogSince(mark),
            "<4>host only\n<4>both\n<4>from host\n<4>zero\n");
  EXPECT_EQ(k.VeLog(k.ve0()), k.HostLog());
}

TEST(KernelLogTest, NoErrnoForAStrangeDestination) {
  Kernel k;
  task_struct* init = *k.Fork(k.init_task(), "init");
  ve_struct* ve = *k.CreateVe(init, 101);
  const uint64_t mark = k.HostLogBytesWritten();
  EXPECT_EQ(k.VePrintk(nullptr, VE_LOG, "x"), 0);
  EXPECT_EQ(k.VePrintk(ve, 0, "x\n"), 0);  // from a VE: nowhere
  EXPECT_EQ(k.VePrintk(ve, 4, "x\n"), 0);
  EXPECT_EQ(k.HostLogSince(mark), "");
  EXPECT_EQ(k.VeLog(ve), "");
  EXPECT_EQ(k.VeLog(nullptr), "");
}

TEST(KernelLogTest, AFloodingVeOverwritesOnlyItsOwnRing) {
  Kernel k;
  task_struct* init = *k.Fork(k.init_task(), "init");
  ve_struct* ve = *k.CreateVe(init, 101);
  const uint64_t mark = k.HostLogBytesWritten();
  k.Printk("boot\n");
  for (int i = 0; i < 10000; ++i) k.VePrintk(ve, VE_LOG, "segfault at 0\n");
  EXPECT_EQ(k.VeLog(ve).size(), 4096u);
  EXPECT_EQ(k.HostLogSince(mark), "<4>boot\n");
}

TEST(KernelLogTest, TheHostRingHoldsTheLast32KiB) {
  Kernel k;
  const std::string line(99, 'x');
  for (int i = 0; i < 1000; ++i) k.Printk(line + "\n");
  EXPECT_EQ(k.HostLog().size(), LogRing::kHostSize);
  EXPECT_EQ(k.HostLogBytesWritten(), 1000u * 103);
  const uint64_t mark = k.HostLogBytesWritten();
  k.Printk("last\n");
  EXPECT_EQ(k.HostLogSince(mark), "<4>last\n");
}

TEST(KernelLogTest, PrintkRatelimitIsATokenBucket) {
  Kernel k;
  auto cpu = k.BindCpu(0, k.init_task());
  int allowed = 0;
  for (int i = 0; i < 25; ++i) allowed += printk_ratelimit();
  EXPECT_EQ(allowed, 10);  // the burst
  k.AdvanceClock(4 * kSecond);
  EXPECT_FALSE(printk_ratelimit());
  k.AdvanceClock(1 * kSecond);  // one token per 5 s
  const uint64_t mark = k.HostLogBytesWritten();
  EXPECT_TRUE(printk_ratelimit());
  EXPECT_EQ(k.HostLogSince(mark), "<4>printk: 16 messages suppressed.\n");
  EXPECT_FALSE(printk_ratelimit());
  k.AdvanceClock(60 * kSecond);  // the bucket refills up to the burst
  allowed = 0;
  for (int i = 0; i < 25; ++i) allowed += printk_ratelimit();
  EXPECT_EQ(allowed, 10);
}

TEST(KernelLogTest, KernelFaceWithoutACpu) {
  EXPECT_EQ(printk("nobody hears this\n"), -ESRCH);
  EXPECT_EQ(ve_printk(VE_LOG, "x\n"), -ESRCH);
  EXPECT_EQ(printk_ratelimit(), 0);
}

}  // namespace
}  // namespace vzsim
