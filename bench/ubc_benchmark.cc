// Beancounter charges beside a bare atomic add + subtract (targets):
//   charge + uncharge, one level, uncontended: within 3x of the atomic pair;
//   two threads on separate beancounters: at least 1.8x the one-thread
//   throughput.
// Also: a hierarchy of three levels, and ub_memory_charge + uncharge.
#include <atomic>
#include <memory>
#include <vector>

#include "benchmark/benchmark.h"
#include "include/ub/ub_vmpages.h"
#include "kernel/mm_record.h"
#include "ubc/beancounter.h"

namespace vzsim {
namespace {

constexpr int kBatch = 1000;

// One beancounter per benchmark thread, each on its own cache lines.
struct alignas(64) PaddedUb {
  explicit PaddedUb(int id) : ub(id, nullptr, nullptr) {}
  UbRecord ub;
};

std::vector<std::unique_ptr<PaddedUb>>& Ubs() {
  static auto* ubs = [] {
    auto* v = new std::vector<std::unique_ptr<PaddedUb>>;
    for (int i = 0; i < 8; ++i) v->push_back(std::make_unique<PaddedUb>(i));
    return v;
  }();
  return *ubs;
}

void BM_ChargeUncharge(benchmark::State& state) {
  user_beancounter* ub = &Ubs()[state.thread_index()]->ub;
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) {
      charge_beancounter(ub, UB_KMEMSIZE, 64, UB_HARD);
      uncharge_beancounter(ub, UB_KMEMSIZE, 64);
    }
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

struct alignas(64) PaddedCounter {
  std::atomic<uint64_t> v{0};
};

void BM_BaselineAtomicAddSub(benchmark::State& state) {
  static PaddedCounter counters[8];
  std::atomic<uint64_t>& c = counters[state.thread_index()].v;
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) {
      c.fetch_add(64, std::memory_order_acq_rel);
      c.fetch_sub(64, std::memory_order_acq_rel);
    }
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

void BM_ChargeUnchargeHierarchy3(benchmark::State& state) {
  static vzsim::UbRecord top(101, nullptr, nullptr);
  static vzsim::UbRecord mid(1, &top, nullptr);
  static vzsim::UbRecord leaf(2, &mid, nullptr);
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) {
      charge_beancounter(&leaf, UB_NUMFILE, 1, UB_HARD);
      uncharge_beancounter(&leaf, UB_NUMFILE, 1);
    }
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

void BM_UbMemoryCharge(benchmark::State& state) {
  static mm_struct* mm = [] {
    auto* m = new MmRecord;
    m->mm_ub = &Ubs()[7]->ub;
    return m;
  }();
  const unsigned long flags = VM_READ | VM_WRITE | VM_LOCKED;
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) {
      ub_memory_charge(mm, 16 * PAGE_SIZE, flags, nullptr, UB_HARD);
      ub_memory_uncharge(mm, 16 * PAGE_SIZE, flags, nullptr);
    }
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

BENCHMARK(BM_ChargeUncharge)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_BaselineAtomicAddSub)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_ChargeUnchargeHierarchy3);
BENCHMARK(BM_UbMemoryCharge);

}  // namespace
}  // namespace vzsim

BENCHMARK_MAIN();
