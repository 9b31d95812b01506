#include <cerrno>
#include <string>

#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"

namespace vzsim {
namespace {

constexpr int64_t kSecond = 1000LL * 1000 * 1000;

TEST(KernelLogTest, PrintkAlwaysGoesToTheHost) {
  Kernel k;
  k.Printk("hello\n");
  EXPECT_EQ(k.HostLog(), "hello\n");
}

TEST(KernelLogTest, VePrintkDestinations) {
  Kernel k;
  task_struct* init = *k.Fork(k.init_task(), "init");
  ve_struct* ve = *k.CreateVe(init, 101);
  EXPECT_EQ(k.VeLog(ve), "");
  EXPECT_EQ(vzsim::RecordOf(ve)->log_buf,
            nullptr);  // allocated on first use only

  ASSERT_TRUE(k.VePrintk(ve, VE_LOG, "ve only\n").ok());
  ASSERT_NE(vzsim::RecordOf(ve)->log_buf, nullptr);
  EXPECT_EQ(vzsim::RecordOf(ve)->log_buf->capacity(), 4096u);
  ASSERT_TRUE(k.VePrintk(ve, VE0_LOG, "host only\n").ok());
  ASSERT_TRUE(k.VePrintk(ve, VE_LOG_BOTH, "both\n").ok());
  EXPECT_EQ(k.VeLog(ve), "ve only\nboth\n");
  EXPECT_EQ(k.HostLog(), "<6>CT: 101: started\nhost only\nboth\n");

  // From ve0, once to the host log, whatever the destination.
  ASSERT_TRUE(k.VePrintk(k.ve0(), VE_LOG_BOTH, "from host\n").ok());
  EXPECT_EQ(k.HostLog(), "<6>CT: 101: started\nhost only\nboth\nfrom host\n");
  EXPECT_EQ(k.VeLog(k.ve0()), k.HostLog());
}

TEST(KernelLogTest, VePrintkRejectsBadArguments) {
  Kernel k;
  EXPECT_EQ(ErrnoOf(k.VePrintk(nullptr, VE_LOG, "x")), EINVAL);
  EXPECT_EQ(ErrnoOf(k.VePrintk(k.ve0(), 0, "x")), EINVAL);
  EXPECT_EQ(ErrnoOf(k.VePrintk(k.ve0(), 4, "x")), EINVAL);
  EXPECT_EQ(k.HostLog(), "");
  EXPECT_EQ(k.VeLog(nullptr), "");
}

TEST(KernelLogTest, AFloodingVeOverwritesOnlyItsOwnRing) {
  Kernel k;
  task_struct* init = *k.Fork(k.init_task(), "init");
  ve_struct* ve = *k.CreateVe(init, 101);
  k.Printk("boot\n");
  for (int i = 0; i < 10000; ++i) {
    ASSERT_TRUE(k.VePrintk(ve, VE_LOG, "segfault at 0\n").ok());
  }
  EXPECT_EQ(k.VeLog(ve).size(), 4096u);
  EXPECT_EQ(k.HostLog(), "<6>CT: 101: started\nboot\n");
}

TEST(KernelLogTest, PrintkRatelimitAllowsTenPerFiveSeconds) {
  Kernel k;
  int allowed = 0;
  for (int i = 0; i < 25; ++i) allowed += k.PrintkRatelimit();
  EXPECT_EQ(allowed, 10);
  k.AdvanceClock(4 * kSecond);
  EXPECT_FALSE(k.PrintkRatelimit());
  k.AdvanceClock(1 * kSecond);
  allowed = 0;
  for (int i = 0; i < 25; ++i) allowed += k.PrintkRatelimit();
  EXPECT_EQ(allowed, 10);
}

}  // namespace
}  // namespace vzsim
