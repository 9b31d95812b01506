// fork + exit in steady state beside N live tasks (target: O(1); 1M
// tasks within 1.5x of 1K per operation), and the memory one task costs
// (at most 256 bytes: task, pid entries, list links, charges).
#include "bench/bench_world.h"
#include "benchmark/benchmark.h"

namespace vzsim {
namespace {

void BM_ForkExit(benchmark::State& state) {
  BenchWorld& w = GetWorld(state.range(0), 0);
  Kernel& k = *w.k;
  for (auto _ : state) {
    task_struct* child = *k.Fork(k.init_task(), "child");
    (void)k.Exit(child, 0);  // host init reaps it at once
  }
  state.SetItemsProcessed(state.iterations());
  state.SetComplexityN(state.range(0));
}

// Bytes per task of a world of N tasks in N / 1000 VEs, reported as a
// counter; the timed loop is only a token.
void BM_MemoryPerTask(benchmark::State& state) {
  const int n = state.range(0);
  BenchWorld& w = GetWorld(n, std::max(1, n / 1000));
  const Kernel::MemoryStats m = w.k->Memory();
  for (auto _ : state) benchmark::DoNotOptimize(m.total());
  state.counters["bytes_per_task"] =
      static_cast<double>(m.total()) / static_cast<double>(m.tasks);
  state.counters["task_bytes"] =
      static_cast<double>(m.task_bytes) / static_cast<double>(m.tasks);
  state.counters["pid_bytes"] =
      static_cast<double>(m.pid_table_bytes) / static_cast<double>(m.tasks);
  state.counters["list_bytes"] =
      static_cast<double>(m.leader_array_bytes) / static_cast<double>(m.tasks);
}

void Sizes(benchmark::internal::Benchmark* b) {
  for (int n : TaskCounts()) b->Arg(n);
}

BENCHMARK(BM_ForkExit)->Apply(Sizes)->Complexity(benchmark::o1);
BENCHMARK(BM_MemoryPerTask)->Apply(Sizes)->Iterations(1);

}  // namespace
}  // namespace vzsim

BENCHMARK_MAIN();
