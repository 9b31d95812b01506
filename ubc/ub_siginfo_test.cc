// Queued signals (kernel/ub/ub_misc.c: ub_siginfo_charge(),
// ub_siginfo_uncharge()).
#include <cerrno>

#include "gtest/gtest.h"

// glibc's <signal.h> (through gtest) spells its siginfo_t fields as macros,
// which the kernel's struct siginfo must not see (as in kernel/signal.h).
#undef si_pid
#undef si_uid
#undef si_status
#undef si_addr

#include "include/linux/signal.h"
#include "include/ub/ub_misc.h"
#include "ubc/fake_ub_host.h"
#include "ubc/kmem_sizes.h"

namespace vzsim {
namespace {

struct Hierarchy {
  FakeUbHost host;
  UbRecord top{101, nullptr, &host};
  UbRecord sub{1, &top, &host};
};

TEST(UbSiginfoCharge, ChargesKmemAndOneNumsiginfoAtEveryLevel) {
  Hierarchy h;
  struct sigqueue q = {};
  ASSERT_EQ(ub_siginfo_charge(&q, &h.sub), 0);
  EXPECT_EQ(q.sig_ub, &h.sub);
  EXPECT_EQ(atomic_read(&h.sub.ub_refcount), 2);  // the entry holds one
  for (const user_beancounter* ub : {&h.sub, &h.top}) {
    EXPECT_EQ(Held(ub, UB_NUMSIGINFO), 1u);
    EXPECT_EQ(Held(ub, UB_KMEMSIZE), kSigqueueKmem);
  }
  ub_siginfo_uncharge(&q);
  EXPECT_EQ(q.sig_ub, nullptr);
  EXPECT_EQ(atomic_read(&h.sub.ub_refcount), 1);
  for (const user_beancounter* ub : {&h.sub, &h.top}) {
    EXPECT_EQ(Held(ub, UB_NUMSIGINFO), 0u);
    EXPECT_EQ(Held(ub, UB_KMEMSIZE), 0u);
  }
  ub_siginfo_uncharge(&q);  // a second time: nothing left to give back
  EXPECT_FALSE(h.top.underflowed.load());
}

TEST(UbSiginfoCharge, ARefusalAboveGivesTheLowerLevelsBack) {
  Hierarchy h;
  ASSERT_EQ(UbSetLimits(&h.top, UB_NUMSIGINFO, 0, 0), 0);
  struct sigqueue q = {};
  EXPECT_EQ(ub_siginfo_charge(&q, &h.sub), -ENOMEM);
  EXPECT_EQ(q.sig_ub, nullptr);
  EXPECT_EQ(atomic_read(&h.sub.ub_refcount), 1);
  EXPECT_EQ(Failcnt(&h.top, UB_NUMSIGINFO), 1u);
  EXPECT_EQ(Failcnt(&h.sub, UB_NUMSIGINFO), 0u);
  for (const user_beancounter* ub : {&h.sub, &h.top}) {
    EXPECT_EQ(Held(ub, UB_NUMSIGINFO), 0u);
    EXPECT_EQ(Held(ub, UB_KMEMSIZE), 0u);  // the top's kmemsize undone too
  }
}

TEST(UbSiginfoCharge, KmemsizeIsCheckedBeforeNumsiginfo) {
  Hierarchy h;
  ASSERT_EQ(UbSetLimits(&h.sub, UB_KMEMSIZE, 0, 0), 0);
  ASSERT_EQ(UbSetLimits(&h.sub, UB_NUMSIGINFO, 0, 0), 0);
  struct sigqueue q = {};
  EXPECT_EQ(ub_siginfo_charge(&q, &h.sub), -ENOMEM);
  EXPECT_EQ(Failcnt(&h.sub, UB_KMEMSIZE), 1u);
  EXPECT_EQ(Failcnt(&h.sub, UB_NUMSIGINFO), 0u);
}

TEST(UbSiginfoCharge, BadInputIsEinval) {
  Hierarchy h;
  struct sigqueue q = {};
  EXPECT_EQ(ub_siginfo_charge(nullptr, &h.top), -EINVAL);
  EXPECT_EQ(ub_siginfo_charge(&q, nullptr), -EINVAL);
  ub_siginfo_uncharge(nullptr);  // ignored
  EXPECT_EQ(Held(&h.top, UB_NUMSIGINFO), 0u);
}

}  // namespace
}  // namespace vzsim
