// The charge core (kernel/ub/beancounter.c), each test named after the
// kernel function whose behaviour it pins down.
#include "ubc/beancounter.h"

#include <atomic>
#include <cerrno>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "ubc/fake_ub_host.h"
#include "ubc/ub_table.h"

namespace vzsim {
namespace {

TEST(UbRnames, NamesEveryResourceThenThePageCounters) {
  EXPECT_EQ(ub_resource_name(UB_KMEMSIZE), "kmemsize");
  EXPECT_EQ(ub_resource_name(UB_PRIVVMPAGES), "privvmpages");
  EXPECT_EQ(ub_resource_name(4), "dummy");
  EXPECT_EQ(ub_resource_name(UB_NUMPROC), "numproc");
  EXPECT_EQ(ub_resource_name(UB_NUMFILE), "numfile");
  for (int i = 20; i <= 22; ++i) EXPECT_EQ(ub_resource_name(i), "dummy");
  EXPECT_EQ(ub_resource_name(UB_NUMXTENT), "numiptent");
  EXPECT_EQ(ub_resource_name(UB_UNUSEDPRIVVM), "unused_privvmpages");
  EXPECT_EQ(ub_resource_name(UB_TMPFSPAGES), "tmpfs_respages");
  EXPECT_EQ(ub_resource_name(UB_SWAPPAGES), "swap_pages");
  EXPECT_EQ(ub_resource_name(UB_HELDPAGES), "held_pages");
  EXPECT_EQ(ub_resource_name(28), "?");
  EXPECT_EQ(ub_resource_name(-1), "?");
  EXPECT_EQ(UB_MAXVALUE, 9223372036854775807ULL);
}

TEST(PrintUbUid, TopLevelAndSubBeancounter) {
  UbRecord top(101, nullptr, nullptr);
  UbRecord sub(3, &top, nullptr);
  char buf[64];
  print_ub_uid(&top, buf, sizeof(buf));
  EXPECT_STREQ(buf, "101");
  print_ub_uid(&sub, buf, sizeof(buf));
  EXPECT_STREQ(buf, "101.3");
  EXPECT_EQ(print_ub_uid(nullptr, buf, sizeof(buf)), 0);
}

TEST(InitBeancounterNolimits, EverythingUnlimitedAndEmpty) {
  UbRecord ub(101, nullptr, nullptr);
  EXPECT_EQ(ub.ub_magic, static_cast<unsigned long>(UB_MAGIC));
  EXPECT_EQ(atomic_read(&ub.ub_refcount), 1);
  for (const ubparm& p : ub.ub_parms) {
    EXPECT_EQ(UbRead(p.held), 0u);
    EXPECT_EQ(UbRead(p.maxheld), 0u);
    EXPECT_EQ(UbRead(p.minheld), 0u);
    EXPECT_EQ(UbRead(p.barrier), UB_MAXVALUE);
    EXPECT_EQ(UbRead(p.limit), UB_MAXVALUE);
    EXPECT_EQ(UbRead(p.failcnt), 0u);
  }
  EXPECT_EQ(ub.ub_limit_rl.burst, 4);
  EXPECT_EQ(ub.ub_limit_rl.interval, 300 * HZ);
}

// kernel/ub/beancounter.c: init_beancounter_syslimits(), on 1 GiB (262144
// pages; fork_init() gives max_threads 16384).
TEST(InitBeancounterSyslimits, TheDefaultsOfANewBeancounter) {
  UbRecord ub(101, nullptr, nullptr);
  InitBeancounterSyslimits(&ub, 262144, MaxThreadsFor(262144, 8192));
  const unsigned long want[UB_RESOURCES] = {
      33554432, 8,    UB_MAXVALUE, 64,   0,    8192,    0,       0,
      0,        1024, 1024,        16,   1024, 4194304, 6291456, 2097152,
      1048576,  256,  1048576,     1024, 0,    0,       0,       0};
  for (int res = 0; res < UB_RESOURCES; ++res) {
    EXPECT_EQ(UbRead(ub.ub_parms[res].limit), want[res]) << res;
    EXPECT_EQ(UbRead(ub.ub_parms[res].barrier), want[res]) << res;
  }
}

TEST(InitBeancounterSyslimits, KmemsizeIsASixthOfASmallMachine) {
  UbRecord small(1, nullptr, nullptr), edge(2, nullptr, nullptr);
  InitBeancounterSyslimits(&small, 32768, MaxThreadsFor(32768, 8192));
  EXPECT_EQ(UbRead(small.ub_parms[UB_KMEMSIZE].limit), 22369621u);  // 128 MiB
  EXPECT_EQ(UbRead(small.ub_parms[UB_NUMPROC].limit), 1024u);
  InitBeancounterSyslimits(&edge, 49152, MaxThreadsFor(49152, 8192));
  EXPECT_EQ(UbRead(edge.ub_parms[UB_KMEMSIZE].limit), 33554432u);  // 192 MiB
  EXPECT_EQ(UbRead(edge.ub_parms[UB_NUMPROC].limit), 1536u);
}

TEST(ForkInit, MaxThreadsIsAnEighthOfMemoryInStacksAtLeast20) {
  EXPECT_EQ(MaxThreadsFor(262144, 8192), 16384u);
  EXPECT_EQ(MaxThreadsFor(262144, 4096), 32768u);
  EXPECT_EQ(MaxThreadsFor(100, 8192), 20u);
}

TEST(ChargeBeancounterLocked, HardStopsAtTheBarrierAndEqualPasses) {
  FakeUbHost host;
  UbRecord ub(101, nullptr, &host);
  ASSERT_EQ(UbSetLimits(&ub, UB_NUMPROC, 10, 20), 0);
  EXPECT_EQ(charge_beancounter(&ub, UB_NUMPROC, 10, UB_HARD), 0);
  EXPECT_EQ(charge_beancounter(&ub, UB_NUMPROC, 1, UB_HARD), -ENOMEM);
  EXPECT_EQ(Held(&ub, UB_NUMPROC), 10u);
  EXPECT_EQ(Failcnt(&ub, UB_NUMPROC), 1u);
  EXPECT_EQ(host.log(), "");  // a refused UB_HARD charge is silent
}

TEST(ChargeBeancounterLocked, HardAlsoStopsAtALowerLimit) {
  UbRecord ub(101, nullptr, nullptr);
  ASSERT_EQ(UbSetLimits(&ub, UB_NUMFILE, 50, 5), 0);  // barrier > limit
  EXPECT_EQ(charge_beancounter(&ub, UB_NUMFILE, 6, UB_HARD), -ENOMEM);
  EXPECT_EQ(charge_beancounter(&ub, UB_NUMFILE, 5, UB_HARD), 0);
}

TEST(ChargeBeancounterLocked, SoftStopsAtTheLimitAndLogsAtKernInfo) {
  FakeUbHost host;
  UbRecord ub(101, nullptr, &host);
  ASSERT_EQ(UbSetLimits(&ub, UB_PRIVVMPAGES, 100, 150), 0);
  EXPECT_EQ(charge_beancounter(&ub, UB_PRIVVMPAGES, 150, UB_SOFT), 0);
  EXPECT_EQ(charge_beancounter(&ub, UB_PRIVVMPAGES, 1, UB_SOFT), -ENOMEM);
  EXPECT_EQ(Held(&ub, UB_PRIVVMPAGES), 150u);
  EXPECT_EQ(Failcnt(&ub, UB_PRIVVMPAGES), 1u);
  EXPECT_EQ(host.log(), "<6>Fatal resource shortage: privvmpages, UB 101.\n");
}

TEST(ChargeBeancounterLocked, TheShortageLinePrintsTheIdSigned) {
  FakeUbHost host;
  UbRecord ub(4294967295u, nullptr, &host);
  ASSERT_EQ(UbSetLimits(&ub, UB_NUMPTY, 0, 0), 0);
  EXPECT_EQ(charge_beancounter(&ub, UB_NUMPTY, 1, UB_SOFT), -ENOMEM);
  EXPECT_EQ(host.log(), "<6>Fatal resource shortage: numpty, UB -1.\n");
}

TEST(ChargeBeancounterLocked, ForceNeverFailsNotEvenNearTheMaximum) {
  UbRecord ub(101, nullptr, nullptr);
  ASSERT_EQ(UbSetLimits(&ub, UB_KMEMSIZE, 0, 0), 0);
  EXPECT_EQ(charge_beancounter(&ub, UB_KMEMSIZE, UB_MAXVALUE, UB_FORCE), 0);
  EXPECT_EQ(charge_beancounter(&ub, UB_KMEMSIZE, UB_MAXVALUE, UB_FORCE), 0);
  EXPECT_EQ(Held(&ub, UB_KMEMSIZE), 2 * UB_MAXVALUE);
  EXPECT_EQ(Failcnt(&ub, UB_KMEMSIZE), 0u);
}

TEST(ChargeBeancounterLocked, ABadSeverityIsAKernelBug) {
  FakeUbHost host;
  UbRecord ub(101, nullptr, &host);
  EXPECT_EQ(charge_beancounter(&ub, UB_NUMPROC, 1, static_cast<ub_severity>(7)),
            -EINVAL);
  EXPECT_EQ(host.bugs(),
            std::vector<std::string>{"kernel/ub/beancounter.c:413"});
  EXPECT_EQ(Held(&ub, UB_NUMPROC), 0u);
  EXPECT_EQ(Failcnt(&ub, UB_NUMPROC), 0u);
}

TEST(ChargeBeancounter, RejectsBadArgumentsWithEinval) {
  UbRecord ub(101, nullptr, nullptr);
  EXPECT_EQ(charge_beancounter(&ub, UB_NUMPROC, UB_MAXVALUE + 1, UB_FORCE),
            -EINVAL);
  EXPECT_EQ(charge_beancounter(&ub, UB_RESOURCES, 1, UB_HARD), -EINVAL);
  EXPECT_EQ(charge_beancounter(&ub, -1, 1, UB_HARD), -EINVAL);
  EXPECT_EQ(charge_beancounter(nullptr, UB_NUMPROC, 1, UB_HARD), -EINVAL);
  EXPECT_EQ(Failcnt(&ub, UB_NUMPROC), 0u);
  uncharge_beancounter(&ub, UB_RESOURCES, 1);  // ignored
  uncharge_beancounter(nullptr, UB_NUMPROC, 1);
  charge_beancounter_notop(nullptr, UB_NUMPROC, 1);
}

TEST(ChargeBeancounter, ChargesEveryLevelAndUnrollsBelowARefusal) {
  FakeUbHost host;
  UbRecord top(101, nullptr, &host);
  UbRecord mid(1, &top, &host);
  UbRecord leaf(2, &mid, &host);
  EXPECT_EQ(top_beancounter(&leaf), &top);
  ASSERT_EQ(charge_beancounter(&leaf, UB_DCACHESIZE, 5, UB_HARD), 0);
  EXPECT_EQ(Held(&top, UB_DCACHESIZE), 5u);
  ASSERT_EQ(UbSetLimits(&top, UB_DCACHESIZE, 8, 8), 0);
  EXPECT_EQ(charge_beancounter(&leaf, UB_DCACHESIZE, 4, UB_HARD), -ENOMEM);
  for (UbRecord* u : {&leaf, &mid, &top}) {
    EXPECT_EQ(Held(u, UB_DCACHESIZE), 5u);
  }
  EXPECT_EQ(Failcnt(&top, UB_DCACHESIZE), 1u);  // only the refusing level
  EXPECT_EQ(Failcnt(&leaf, UB_DCACHESIZE), 0u);
  // The levels below had accepted: their maxheld stays raised.
  EXPECT_EQ(Maxheld(&leaf, UB_DCACHESIZE), 9u);
  EXPECT_EQ(Maxheld(&mid, UB_DCACHESIZE), 9u);
  EXPECT_EQ(Maxheld(&top, UB_DCACHESIZE), 5u);
  uncharge_beancounter(&leaf, UB_DCACHESIZE, 5);
  EXPECT_EQ(Held(&top, UB_DCACHESIZE), 0u);
}

TEST(ChargeBeancounter, TheRefusingLevelNamesItselfInTheShortageLine) {
  FakeUbHost host;
  UbRecord top(101, nullptr, &host);
  UbRecord leaf(5, &top, &host);
  ASSERT_EQ(UbSetLimits(&top, UB_SHMPAGES, 0, 0), 0);
  EXPECT_EQ(charge_beancounter(&leaf, UB_SHMPAGES, 1, UB_SOFT), -ENOMEM);
  EXPECT_EQ(host.log(), "<6>Fatal resource shortage: shmpages, UB 101.\n");
}

TEST(ChargeBeancounterNotop, EveryLevelButTheTopWithForce) {
  UbRecord top(101, nullptr, nullptr);
  UbRecord mid(1, &top, nullptr);
  UbRecord leaf(2, &mid, nullptr);
  ASSERT_EQ(UbSetLimits(&leaf, UB_NUMPROC, 0, 0), 0);
  charge_beancounter_notop(&leaf, UB_NUMPROC, 3);
  EXPECT_EQ(Held(&leaf, UB_NUMPROC), 3u);  // forced past its limit
  EXPECT_EQ(Held(&mid, UB_NUMPROC), 3u);
  EXPECT_EQ(Held(&top, UB_NUMPROC), 0u);
  charge_beancounter_notop(&top, UB_NUMPROC, 3);  // a top: nothing
  EXPECT_EQ(Held(&top, UB_NUMPROC), 0u);
  uncharge_beancounter_notop(&leaf, UB_NUMPROC, 3);
  EXPECT_EQ(Held(&mid, UB_NUMPROC), 0u);
}

TEST(UnchargeBeancounter, UnderflowWarnsWithTheKernelTextThenClamps) {
  FakeUbHost host;
  UbRecord top(101, nullptr, &host);
  UbRecord sub(3, &top, &host);
  ASSERT_EQ(charge_beancounter(&sub, UB_NUMFLOCK, 3, UB_HARD), 0);
  ASSERT_EQ(charge_beancounter(&top, UB_NUMFLOCK, 1, UB_HARD), 0);
  uncharge_beancounter(&sub, UB_NUMFLOCK, 5);
  EXPECT_EQ(Held(&sub, UB_NUMFLOCK), 0u);
  EXPECT_EQ(Held(&top, UB_NUMFLOCK), 0u);
  EXPECT_TRUE(sub.underflowed.load());
  EXPECT_EQ(host.log(),
            "<3>Uncharging too much 5 h 3, res numflock ub 101.3\n"
            "<3>Uncharging too much 5 h 4, res numflock ub 101\n");
}

TEST(UbAdjustMaxheld, MaxheldIsAllTimeAndMinheldStaysZero) {
  UbRecord ub(101, nullptr, nullptr);
  ASSERT_EQ(charge_beancounter(&ub, UB_NUMFILE, 30, UB_HARD), 0);
  uncharge_beancounter(&ub, UB_NUMFILE, 20);
  ASSERT_EQ(charge_beancounter(&ub, UB_NUMFILE, 3, UB_HARD), 0);
  EXPECT_EQ(Maxheld(&ub, UB_NUMFILE), 30u);  // uncharges never lower it
  EXPECT_EQ(UbRead(ub.ub_parms[UB_NUMFILE].minheld), 0u);
}

// ub_ratelimit(): a leaky bucket of 4, one more for each 300 s since the
// last message let through.
TEST(UbRatelimit, FourAtOnceThenOnePerIntervalAfterTheLastAllowed) {
  ub_rate_info rl{4, 300 * HZ, 0, 0};
  const uint64_t t0 = 1000 * HZ;
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(UbRatelimit(&rl, t0));
  EXPECT_FALSE(UbRatelimit(&rl, t0 + 299 * HZ));
  EXPECT_TRUE(UbRatelimit(&rl, t0 + 300 * HZ));  // bucket 4 - 1 + 1
  EXPECT_FALSE(UbRatelimit(&rl, t0 + 300 * HZ));
  // A quiet gap of k whole intervals lets min(k, 4) through.
  const uint64_t t1 = t0 + 300 * HZ + 2 * 300 * HZ;
  EXPECT_TRUE(UbRatelimit(&rl, t1));
  EXPECT_TRUE(UbRatelimit(&rl, t1));
  EXPECT_FALSE(UbRatelimit(&rl, t1));
}

TEST(UbRatelimit, MessagesEvery299SecondsPassOnlyEveryOther) {
  ub_rate_info rl{4, 300 * HZ, 0, 0};
  int allowed = 0;
  for (int i = 0; i < 12; ++i) {
    allowed += UbRatelimit(&rl, (1000 + 299ULL * i) * HZ);
  }
  EXPECT_EQ(allowed, 4 + 4);  // 4 at once, then every other one
}

TEST(UbRatelimit, RefusedSoftChargesThrottleTheirLine) {
  FakeUbHost host;
  UbRecord ub(101, nullptr, &host);
  ASSERT_EQ(UbSetLimits(&ub, UB_NUMPTY, 0, 0), 0);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(charge_beancounter(&ub, UB_NUMPTY, 1, UB_SOFT), -ENOMEM);
  }
  EXPECT_EQ(Failcnt(&ub, UB_NUMPTY), 10u);  // every refusal counts
  const std::string line = "<6>Fatal resource shortage: numpty, UB 101.\n";
  std::string four = line + line + line + line;
  EXPECT_EQ(host.log(), four);
  host.now_ns = 299 * kSecondNs;
  EXPECT_EQ(charge_beancounter(&ub, UB_NUMPTY, 1, UB_SOFT), -ENOMEM);
  EXPECT_EQ(host.log(), four);
  host.now_ns = 300 * kSecondNs;
  EXPECT_EQ(charge_beancounter(&ub, UB_NUMPTY, 1, UB_SOFT), -ENOMEM);
  EXPECT_EQ(host.log(), four + line);
  // UB_HARD refusals never consume the bucket.
  host.now_ns = 10000 * kSecondNs;
  for (int i = 0; i < 10; ++i) charge_beancounter(&ub, UB_NUMPTY, 1, UB_HARD);
  EXPECT_EQ(ub.ub_limit_rl.last, JiffiesAt(300 * kSecondNs));
  EXPECT_EQ(host.log(), four + line);
}

TEST(UbSetLimits, KeepsWhatIsHeld) {
  UbRecord ub(101, nullptr, nullptr);
  ASSERT_EQ(charge_beancounter(&ub, UB_NUMPROC, 7, UB_HARD), 0);
  EXPECT_EQ(UbSetLimits(&ub, UB_NUMPROC, 1, 2), 0);
  EXPECT_EQ(Held(&ub, UB_NUMPROC), 7u);
  EXPECT_EQ(UbSetLimits(&ub, UB_RESOURCES, 1, 2), -EINVAL);
  EXPECT_EQ(UbSetLimits(nullptr, 0, 1, 2), -EINVAL);
}

// Many CPUs charge and uncharge one beancounter at once: nothing is lost,
// held never passes the barrier, failcnt counts exactly the refusals.
TEST(ChargeBeancounterConcurrency, NoLostUpdatesAndNeverAboveTheBound) {
  UbRecord ub(101, nullptr, nullptr);
  constexpr uint64_t kBarrier = 50;
  ASSERT_EQ(UbSetLimits(&ub, UB_NUMOTHERSOCK, kBarrier, kBarrier + 10), 0);
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
          if (Maxheld(&ub, UB_NUMOTHERSOCK) > kBarrier) over_bound++;
        } else {
          refused[t]++;
        }
        if (mine > 20) {
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
  EXPECT_EQ(Held(&ub, UB_NUMOTHERSOCK), total_held);
  EXPECT_EQ(Failcnt(&ub, UB_NUMOTHERSOCK), total_refused);
  EXPECT_GT(total_refused, 0u);
  EXPECT_FALSE(ub.underflowed.load());
}

TEST(ChargeBeancounterConcurrency, AHierarchyUnderContentionStaysConsistent) {
  UbRecord top(101, nullptr, nullptr);
  UbRecord a(1, &top, nullptr), b(2, &top, nullptr);
  ASSERT_EQ(UbSetLimits(&top, UB_TCPSNDBUF, 1000, 1000), 0);
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
  EXPECT_EQ(Held(&a, UB_TCPSNDBUF), held_a.load());
  EXPECT_EQ(Held(&b, UB_TCPSNDBUF), held_b.load());
  EXPECT_EQ(Held(&top, UB_TCPSNDBUF), held_a.load() + held_b.load());
  EXPECT_LE(Maxheld(&top, UB_TCPSNDBUF), 1000u);
}

}  // namespace
}  // namespace vzsim
