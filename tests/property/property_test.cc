// A seeded, reproducible property test: long random operation sequences
// (VEs created, entered and stopped; tasks forked, threaded, exited, reaped,
// killed; memory mapped, locked, unmapped; limits set; charges made;
// interrupts in the middle of it all) run on the kernel beside the
// reference model of reference_model.h. After every step:
//
//   - the kernel agrees with the model: every errno, every task (pids, VE,
//     group, parent, zombie or not), every VE, every beancounter (held,
//     failcnt, barrier, limit), every address space;
//   - no task of one VE is visible (by lookup or iteration) from another,
//     and none can be signalled from another (the model knows who a kill
//     reaches, and a stray one shows as a task that should not have died);
//   - pids are unique per namespace, and a new one is never a live one;
//   - every beancounter's held equals the sum recomputed from the kernel's
//     own live tasks, address spaces and the test's charges;
//   - a successful HARD / SOFT charge never leaves held above its bound, and
//     failcnt counts exactly the refusals;
//   - a VE that is gone holds nothing;
//   - an interrupt runs as the host and leaves the exec context as it was.
//
// A failure is shrunk to a short reproducer and printed with its seed.
// VZSIM_PROPERTY_SEED=<n> runs one seed; VZSIM_PROPERTY_OPS=<n> sets the
// operations per seed.
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "tests/property/operations.h"

namespace vzsim {
namespace {

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v == nullptr ? fallback : std::atoi(v);
}

// The seeds: 1 to 40, or the one VZSIM_PROPERTY_SEED names. One test case
// each, so that Bazel's shards (shard_count in BUILD.bazel) split them.
std::vector<uint64_t> Seeds() {
  if (const char* s = std::getenv("VZSIM_PROPERTY_SEED")) {
    return {std::strtoull(s, nullptr, 10)};
  }
  std::vector<uint64_t> seeds;
  for (uint64_t s = 1; s <= 40; ++s) seeds.push_back(s);
  return seeds;
}

class PropertyTest : public ::testing::TestWithParam<uint64_t> {};

TEST_P(PropertyTest, KernelAgreesWithTheModelOverLongRandomSequences) {
  // 40 seeds x 25,000 operations = 1,000,000 operations by default.
  const int ops_per_seed = EnvInt("VZSIM_PROPERTY_OPS", 25000);
  const uint64_t seed = GetParam();
  const std::vector<Op> ops = RandomOps(seed, ops_per_seed);
  const std::string failure = RunOps(ops);
  if (failure.empty()) return;
  std::vector<std::string> steps;
  for (const Op& op : Shrink(ops)) steps.push_back(Describe(op));
  FAIL() << "seed " << seed << ": " << failure << "\nshortest reproducer ("
         << steps.size() << " operations):\n  " << absl::StrJoin(steps, "\n  ")
         << "\nrerun with VZSIM_PROPERTY_SEED=" << seed;
}

INSTANTIATE_TEST_SUITE_P(Seeds, PropertyTest, ::testing::ValuesIn(Seeds()),
                         [](const ::testing::TestParamInfo<uint64_t>& info) {
                           return "seed" + std::to_string(info.param);
                         });

}  // namespace
}  // namespace vzsim
