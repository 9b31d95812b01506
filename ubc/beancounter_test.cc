#include "ubc/beancounter.h"

#include <cerrno>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"

namespace vzsim {
namespace {

// A host log and clock the test controls.
class FakeHost : public UbHost {
 public:
  void HostPrintk(absl::string_view text) override {
    absl::MutexLock l(&mu_);
    log_ += std::string(text);
  }
  int64_t NowNs() const override { return now_; }
  std::string log() {
    absl::MutexLock l(&mu_);
    return log_;
  }
  int64_t now_ = 0;

 private:
  absl::Mutex mu_;
  std::string log_;
};

constexpr int64_t kSecond = 1000LL * 1000 * 1000;

uint64_t Held(user_beancounter& ub, int res) {
  return vzsim::UbRead(ub.ub_parms[res].held);
}
uint64_t Failcnt(user_beancounter& ub, int res) {
  return vzsim::UbRead(ub.ub_parms[res].failcnt);
}

TEST(BeancounterTest, ResourceNamesIncludeTheDummies) {
  EXPECT_EQ(ub_resource_name(UB_KMEMSIZE), "kmemsize");
  EXPECT_EQ(ub_resource_name(UB_PRIVVMPAGES), "privvmpages");
  EXPECT_EQ(ub_resource_name(4), "dummy");
  EXPECT_EQ(ub_resource_name(UB_NUMPROC), "numproc");
  EXPECT_EQ(ub_resource_name(UB_NUMFILE), "numfile");
  for (int i = 20; i <= 22; ++i) EXPECT_EQ(ub_resource_name(i), "dummy");
  EXPECT_EQ(ub_resource_name(UB_NUMXTENT), "numiptent");
  EXPECT_EQ(ub_resource_name(24), "?");
  EXPECT_EQ(ub_resource_name(-1), "?");
  EXPECT_EQ(UB_MAXVALUE, 9223372036854775807ULL);
}

TEST(BeancounterTest, NewBeancounterIsUnlimitedAndEmpty) {
  vzsim::UbRecord ub(101, nullptr, nullptr);
  for (const ubparm& p : ub.ub_parms) {
    EXPECT_EQ(vzsim::UbRead(p.held), 0u);
    EXPECT_EQ(vzsim::UbRead(p.maxheld), 0u);
    EXPECT_EQ(vzsim::UbRead(p.minheld), 0u);
    EXPECT_EQ(vzsim::UbRead(p.barrier), UB_MAXVALUE);
    EXPECT_EQ(vzsim::UbRead(p.limit), UB_MAXVALUE);
    EXPECT_EQ(vzsim::UbRead(p.failcnt), 0u);
  }
}

TEST(BeancounterTest, HardChecksTheBarrierAndEqualIsAllowed) {
  FakeHost host;
  vzsim::UbRecord ub(101, nullptr, &host);
  ASSERT_EQ(ub_set_limits(&ub, UB_NUMPROC, 10, 20), 0);
  EXPECT_EQ(charge_beancounter(&ub, UB_NUMPROC, 10, UB_HARD), 0);  // == barrier
  EXPECT_EQ(charge_beancounter(&ub, UB_NUMPROC, 1, UB_HARD), -ENOMEM);
  EXPECT_EQ(Held(ub, UB_NUMPROC), 10u);  // the refused charge was taken back
  EXPECT_EQ(Failcnt(ub, UB_NUMPROC), 1u);
  EXPECT_EQ(host.log(), "");  // HARD failures are silent
}

TEST(BeancounterTest, HardAlsoChecksTheLimitWhenItIsLower) {
  vzsim::UbRecord ub(101, nullptr, nullptr);
  // Only ub_set_limits refuses barrier > limit; set the fields directly to
  // check that the charge path itself honours the lower of the two.
  ub.ub_parms[UB_NUMFILE].barrier = 50;
  ub.ub_parms[UB_NUMFILE].limit = 5;
  EXPECT_EQ(charge_beancounter(&ub, UB_NUMFILE, 6, UB_HARD), -ENOMEM);
  EXPECT_EQ(charge_beancounter(&ub, UB_NUMFILE, 5, UB_HARD), 0);
}

TEST(BeancounterTest, SoftChecksOnlyTheLimitAndLogsTheShortage) {
  FakeHost host;
  vzsim::UbRecord ub(101, nullptr, &host);
  ASSERT_EQ(ub_set_limits(&ub, UB_PRIVVMPAGES, 100, 150), 0);
  EXPECT_EQ(charge_beancounter(&ub, UB_PRIVVMPAGES, 120, UB_SOFT), 0);
  EXPECT_EQ(charge_beancounter(&ub, UB_PRIVVMPAGES, 30, UB_SOFT), 0);  // == 150
  EXPECT_EQ(charge_beancounter(&ub, UB_PRIVVMPAGES, 1, UB_SOFT), -ENOMEM);
  EXPECT_EQ(Held(ub, UB_PRIVVMPAGES), 150u);
  EXPECT_EQ(Failcnt(ub, UB_PRIVVMPAGES), 1u);
  EXPECT_EQ(host.log(), "Fatal resource shortage: privvmpages, UB 101.\n");
  // A HARD charge now fails on the barrier.
  EXPECT_EQ(charge_beancounter(&ub, UB_PRIVVMPAGES, 0, UB_HARD), -ENOMEM);
}

TEST(BeancounterTest, ForceNeverFails) {
  vzsim::UbRecord ub(101, nullptr, nullptr);
  ASSERT_EQ(ub_set_limits(&ub, UB_KMEMSIZE, 0, 0), 0);
  EXPECT_EQ(charge_beancounter(&ub, UB_KMEMSIZE, 4096, UB_FORCE), 0);
  EXPECT_EQ(Held(ub, UB_KMEMSIZE), 4096u);
  EXPECT_EQ(Failcnt(ub, UB_KMEMSIZE), 0u);
}

TEST(BeancounterTest, BadArgumentsGiveEinvalAndChangeNothing) {
  vzsim::UbRecord ub(101, nullptr, nullptr);
  EXPECT_EQ(charge_beancounter(&ub, UB_NUMPROC, UB_MAXVALUE + 1, UB_FORCE),
            -EINVAL);
  EXPECT_EQ(charge_beancounter(&ub, UB_RESOURCES, 1, UB_HARD), -EINVAL);
  EXPECT_EQ(charge_beancounter(&ub, -1, 1, UB_HARD), -EINVAL);
  EXPECT_EQ(charge_beancounter(nullptr, UB_NUMPROC, 1, UB_HARD), -EINVAL);
  EXPECT_EQ(charge_beancounter(&ub, UB_NUMPROC, 1, static_cast<ub_severity>(7)),
            -EINVAL);
  EXPECT_EQ(Held(ub, UB_NUMPROC), 0u);
  EXPECT_EQ(Failcnt(ub, UB_NUMPROC), 0u);
  // UB_MAXVALUE itself is a legal amount.
  EXPECT_EQ(charge_beancounter(&ub, UB_NUMPROC, UB_MAXVALUE, UB_FORCE), 0);
  uncharge_beancounter(&ub, UB_RESOURCES, 1);  // ignored
  uncharge_beancounter(nullptr, UB_NUMPROC, 1);
}

TEST(BeancounterTest, SetLimitsValidates) {
  vzsim::UbRecord ub(101, nullptr, nullptr);
  EXPECT_EQ(ub_set_limits(&ub, UB_NUMPROC, 20, 10),
            -EINVAL);  // barrier > limit
  EXPECT_EQ(ub_set_limits(&ub, UB_NUMPROC, 1, UB_MAXVALUE + 1), -EINVAL);
  EXPECT_EQ(ub_set_limits(&ub, UB_NUMPROC, UB_MAXVALUE + 1, UB_MAXVALUE + 1),
            -EINVAL);
  EXPECT_EQ(ub_set_limits(&ub, 24, 1, 1), -EINVAL);
  EXPECT_EQ(ub_set_limits(nullptr, 0, 1, 1), -EINVAL);
  EXPECT_EQ(vzsim::UbRead(ub.ub_parms[UB_NUMPROC].limit), UB_MAXVALUE);
  EXPECT_EQ(ub_set_limits(&ub, UB_NUMPROC, 10, 10), 0);
}

TEST(BeancounterTest, MaxheldAndMinheldFollowChargesOnly) {
  vzsim::UbRecord ub(101, nullptr, nullptr);
  ubparm& p = ub.ub_parms[UB_NUMFILE];
  ASSERT_EQ(charge_beancounter(&ub, UB_NUMFILE, 30, UB_HARD), 0);
  EXPECT_EQ(vzsim::UbRead(p.maxheld), 30u);
  uncharge_beancounter(&ub, UB_NUMFILE, 20);
  EXPECT_EQ(vzsim::UbRead(p.held), 10u);
  EXPECT_EQ(vzsim::UbRead(p.maxheld), 30u);  // uncharge never touches them
  EXPECT_EQ(vzsim::UbRead(p.minheld), 0u);
  // End of an accounting period: both := held.
  ub_end_period(&ub);
  EXPECT_EQ(vzsim::UbRead(p.maxheld), 10u);
  EXPECT_EQ(vzsim::UbRead(p.minheld), 10u);
  uncharge_beancounter(&ub, UB_NUMFILE, 8);  // held 2; minheld stays 10
  EXPECT_EQ(vzsim::UbRead(p.minheld), 10u);
  ASSERT_EQ(charge_beancounter(&ub, UB_NUMFILE, 3, UB_HARD), 0);  // held 5
  EXPECT_EQ(vzsim::UbRead(p.minheld), 5u);  // lowered by the charge that saw 5
  EXPECT_EQ(vzsim::UbRead(p.maxheld), 10u);
  // A refused charge moves neither.
  ASSERT_EQ(ub_set_limits(&ub, UB_NUMFILE, 6, 6), 0);
  ASSERT_EQ(charge_beancounter(&ub, UB_NUMFILE, 100, UB_HARD), -ENOMEM);
  EXPECT_EQ(vzsim::UbRead(p.maxheld), 10u);
}

TEST(BeancounterTest, UnderflowClampsMarksAndWarns) {
  FakeHost host;
  vzsim::UbRecord ub(7, nullptr, &host);
  ASSERT_EQ(charge_beancounter(&ub, UB_NUMFLOCK, 3, UB_HARD), 0);
  EXPECT_FALSE(ub.underflowed.load());
  uncharge_beancounter(&ub, UB_NUMFLOCK, 5);
  EXPECT_EQ(Held(ub, UB_NUMFLOCK), 0u);
  EXPECT_TRUE(ub.underflowed.load());
  EXPECT_EQ(host.log(), "Uncharging too much 5: numflock, UB 7.\n");
}

TEST(BeancounterTest, ShortageMessagesAreRateLimitedTo4Per300Seconds) {
  FakeHost host;
  vzsim::UbRecord ub(101, nullptr, &host);
  ASSERT_EQ(ub_set_limits(&ub, UB_NUMPTY, 0, 0), 0);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(charge_beancounter(&ub, UB_NUMPTY, 1, UB_SOFT), -ENOMEM);
  }
  EXPECT_EQ(Failcnt(ub, UB_NUMPTY), 10u);  // every refusal counts
  const std::string line = "Fatal resource shortage: numpty, UB 101.\n";
  std::string four;
  for (int i = 0; i < 4; ++i) four += line;
  EXPECT_EQ(host.log(), four);
  host.now_ = 299 * kSecond;
  EXPECT_EQ(charge_beancounter(&ub, UB_NUMPTY, 1, UB_SOFT), -ENOMEM);
  EXPECT_EQ(host.log(), four);
  host.now_ = 300 * kSecond;
  EXPECT_EQ(charge_beancounter(&ub, UB_NUMPTY, 1, UB_SOFT), -ENOMEM);
  EXPECT_EQ(host.log(), four + line);
}

TEST(BeancounterTest, HierarchyChargesEveryLevelAndRollsBackOnRefusal) {
  FakeHost host;
  vzsim::UbRecord top(101, nullptr, &host);
  vzsim::UbRecord mid(1, &top, &host);
  vzsim::UbRecord leaf(2, &mid, &host);
  EXPECT_EQ(top_beancounter(&leaf), &top);
  ASSERT_EQ(charge_beancounter(&leaf, UB_NUMFILE, 5, UB_HARD), 0);
  EXPECT_EQ(Held(leaf, UB_NUMFILE), 5u);
  EXPECT_EQ(Held(mid, UB_NUMFILE), 5u);
  EXPECT_EQ(Held(top, UB_NUMFILE), 5u);

  // The top refuses: the two lower levels are rolled back.
  ASSERT_EQ(ub_set_limits(&top, UB_NUMFILE, 8, 8), 0);
  EXPECT_EQ(charge_beancounter(&leaf, UB_NUMFILE, 4, UB_HARD), -ENOMEM);
  EXPECT_EQ(Held(leaf, UB_NUMFILE), 5u);
  EXPECT_EQ(Held(mid, UB_NUMFILE), 5u);
  EXPECT_EQ(Held(top, UB_NUMFILE), 5u);
  EXPECT_EQ(Failcnt(top, UB_NUMFILE), 1u);  // only the level that refused
  EXPECT_EQ(Failcnt(leaf, UB_NUMFILE), 0u);
  EXPECT_EQ(vzsim::UbRead(leaf.ub_parms[UB_NUMFILE].maxheld), 5u);

  // The leaf's own bound applies too.
  ASSERT_EQ(ub_set_limits(&leaf, UB_NUMFILE, 6, 6), 0);
  EXPECT_EQ(charge_beancounter(&leaf, UB_NUMFILE, 2, UB_HARD), -ENOMEM);
  EXPECT_EQ(Failcnt(leaf, UB_NUMFILE), 1u);
  EXPECT_EQ(Held(top, UB_NUMFILE), 5u);

  uncharge_beancounter(&leaf, UB_NUMFILE, 5);
  EXPECT_EQ(Held(leaf, UB_NUMFILE), 0u);
  EXPECT_EQ(Held(mid, UB_NUMFILE), 0u);
  EXPECT_EQ(Held(top, UB_NUMFILE), 0u);
}

TEST(BeancounterTest, SoftRefusalHigherUpLogsThatLevelsId) {
  FakeHost host;
  vzsim::UbRecord top(101, nullptr, &host);
  vzsim::UbRecord leaf(5, &top, &host);
  ASSERT_EQ(ub_set_limits(&top, UB_SHMPAGES, 0, 0), 0);
  EXPECT_EQ(charge_beancounter(&leaf, UB_SHMPAGES, 1, UB_SOFT), -ENOMEM);
  EXPECT_EQ(host.log(), "Fatal resource shortage: shmpages, UB 101.\n");
}

// Many CPUs charge and uncharge one beancounter at once. Nothing is lost,
// held never exceeds the barrier after a successful HARD charge, and
// failcnt counts exactly the refusals.
TEST(BeancounterConcurrencyTest, NoLostUpdatesAndNeverAboveTheBound) {
  FakeHost host;
  vzsim::UbRecord ub(101, nullptr, &host);
  constexpr uint64_t kBarrier = 50;
  ASSERT_EQ(ub_set_limits(&ub, UB_NUMOTHERSOCK, kBarrier, kBarrier + 10), 0);
  constexpr int kThreads = 4;
  constexpr int kIterations = 20000;
  std::vector<uint64_t> refused(kThreads), held_by(kThreads);
  std::atomic<int> over_bound{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      uint64_t mine = 0;
      for (int i = 0; i < kIterations; ++i) {
        const uint64_t val = 1 + (i + t) % 7;
        if (charge_beancounter(&ub, UB_NUMOTHERSOCK, val, UB_HARD) == 0) {
          mine += val;
          if (vzsim::UbRead(ub.ub_parms[UB_NUMOTHERSOCK].maxheld) > kBarrier) {
            over_bound++;
          }
        } else {
          refused[t]++;
        }
        if (mine > 20) {  // give some back
          uncharge_beancounter(&ub, UB_NUMOTHERSOCK, mine / 2);
          mine -= mine / 2;
        }
      }
      held_by[t] = mine;
    });
  }
  for (auto& th : threads) th.join();
  uint64_t total_held = 0, total_refused = 0;
  for (int t = 0; t < kThreads; ++t) {
    total_held += held_by[t];
    total_refused += refused[t];
  }
  EXPECT_EQ(over_bound.load(), 0);
  EXPECT_EQ(Held(ub, UB_NUMOTHERSOCK), total_held);
  EXPECT_EQ(Failcnt(ub, UB_NUMOTHERSOCK), total_refused);
  EXPECT_GT(total_refused, 0u);  // the bound was actually contended
  EXPECT_LE(vzsim::UbRead(ub.ub_parms[UB_NUMOTHERSOCK].maxheld), kBarrier);
  EXPECT_FALSE(ub.underflowed.load());
}

TEST(BeancounterConcurrencyTest, HierarchyUnderContentionStaysConsistent) {
  vzsim::UbRecord top(101, nullptr, nullptr);
  vzsim::UbRecord a(1, &top, nullptr), b(2, &top, nullptr);
  ASSERT_EQ(ub_set_limits(&top, UB_TCPSNDBUF, 1000, 1000), 0);
  std::atomic<uint64_t> held_a{0}, held_b{0};
  auto run = [&](user_beancounter* leaf, std::atomic<uint64_t>* held) {
    uint64_t mine = 0;
    for (int i = 0; i < 20000; ++i) {
      if (charge_beancounter(leaf, UB_TCPSNDBUF, 10, UB_HARD) == 0) mine += 10;
      if (i % 3 == 0 && mine >= 10) {
        uncharge_beancounter(leaf, UB_TCPSNDBUF, 10);
        mine -= 10;
      }
    }
    *held = mine;
  };
  std::thread ta(run, &a, &held_a), tb(run, &b, &held_b);
  ta.join();
  tb.join();
  EXPECT_EQ(Held(a, UB_TCPSNDBUF), held_a.load());
  EXPECT_EQ(Held(b, UB_TCPSNDBUF), held_b.load());
  EXPECT_EQ(Held(top, UB_TCPSNDBUF), held_a.load() + held_b.load());
  EXPECT_LE(vzsim::UbRead(top.ub_parms[UB_TCPSNDBUF].maxheld), 1000u);
}

}  // namespace
}  // namespace vzsim
