// Interrupt entry and exit in a VE task beside a pair of thread-local
// pointer swaps (target: within 3x).
#include "bench/bench_world.h"
#include "benchmark/benchmark.h"
#include "kernel/irq.h"

namespace vzsim {
namespace {

constexpr int kBatch = 1000;

void BM_IrqEnterExit(benchmark::State& state) {
  BenchWorld& w = GetWorld(1024, 1, TaskLayout::kFlat);
  auto cpu = w.k->BindCpu(0, w.ve_tasks[0][1]);
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) {
      irq_enter();
      benchmark::ClobberMemory();  // the handler would run here
      irq_exit();
    }
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

thread_local void* tls_env;
thread_local void* tls_ub;

void BM_BaselineTlsSwap(benchmark::State& state) {
  static int ve0, ub0;
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) {
      void* old_env = tls_env;
      void* old_ub = tls_ub;
      tls_env = &ve0;
      tls_ub = &ub0;
      benchmark::ClobberMemory();
      tls_env = old_env;
      tls_ub = old_ub;
    }
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

BENCHMARK(BM_IrqEnterExit);
BENCHMARK(BM_BaselineTlsSwap);

}  // namespace
}  // namespace vzsim

BENCHMARK_MAIN();
