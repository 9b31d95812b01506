// Task-list iteration beside its baselines (speed targets):
//   for_each_process_ve, a VE of k = 1000 tasks among N = 1K .. 1M: within
//   2x of scanning a contiguous array of the same k pointers, and flat in N
//   (N = 1M within 1.2x of N = 1K);
//   for_each_process_all at N = 1M: within 2x of the contiguous-array scan.
// Every loop body reads p->pid (the walk touches the tasks, as real walks
// do), on both sides. A naive filter over the global list shows what the
// per-VE arrays save.
#include <vector>

#include "bench/bench_world.h"
#include "benchmark/benchmark.h"
#include "pid/pid.h"

namespace vzsim {
namespace {

constexpr int kVeSize = 1000;

// N tasks in total, of which one VE (the one walked) has kVeSize; the rest
// sit in other VEs of kVeSize.
BenchWorld& VeAmong(int n) {
  return GetWorld(std::max(n, kVeSize), std::max(1, n / kVeSize));
}

void BM_ForEachProcessVe(benchmark::State& state) {
  BenchWorld& w = VeAmong(state.range(0));
  auto cpu = w.k->BindCpu(0, w.ve_tasks[0][0]);
  long items = 0;
  read_lock(&tasklist_lock);
  for (auto _ : state) {
    pid_t sum = 0;
    task_struct* p;
    for_each_process_ve(p) sum ^= p->pid;
    benchmark::DoNotOptimize(sum);
    items += w.ve_tasks[0].size();
  }
  read_unlock(&tasklist_lock);
  state.SetItemsProcessed(items);
  state.SetComplexityN(state.range(0));
}

// Baseline: the same k task pointers in a contiguous array.
void BM_BaselineArrayScanVe(benchmark::State& state) {
  BenchWorld& w = VeAmong(state.range(0));
  const std::vector<task_struct*> array = w.ve_tasks[0];
  for (auto _ : state) {
    pid_t sum = 0;
    for (task_struct* p : array) sum ^= p->pid;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * array.size());
  state.SetComplexityN(state.range(0));
}

// Baseline: walk everything and keep the VE's tasks (what for_each_process
// plus a ve_accessible() test would cost).
void BM_BaselineNaiveFilterVe(benchmark::State& state) {
  BenchWorld& w = VeAmong(state.range(0));
  ve_struct* ve = w.ves[0];
  auto cpu = w.k->BindCpu(0, w.k->init_task());
  long items = 0;
  read_lock(&tasklist_lock);
  for (auto _ : state) {
    pid_t sum = 0;
    task_struct* p;
    for_each_process_all(p) {
      if (p->ve_task_info.owner_env == ve) sum ^= p->pid;
    }
    benchmark::DoNotOptimize(sum);
    items += w.ve_tasks[0].size();
  }
  read_unlock(&tasklist_lock);
  state.SetItemsProcessed(items);
  state.SetComplexityN(state.range(0));
}

void BM_ForEachProcessAll(benchmark::State& state) {
  BenchWorld& w = GetWorld(state.range(0), 0);
  auto cpu = w.k->BindCpu(0, w.k->init_task());
  read_lock(&tasklist_lock);
  for (auto _ : state) {
    pid_t sum = 0;
    task_struct* p;
    for_each_process_all(p) sum ^= p->pid;
    benchmark::DoNotOptimize(sum);
  }
  read_unlock(&tasklist_lock);
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetComplexityN(state.range(0));
}

void BM_BaselineArrayScanAll(benchmark::State& state) {
  BenchWorld& w = GetWorld(state.range(0), 0);
  std::vector<task_struct*> array = w.host_tasks;
  array.push_back(w.k->init_task());
  for (auto _ : state) {
    pid_t sum = 0;
    for (task_struct* p : array) sum ^= p->pid;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * array.size());
  state.SetComplexityN(state.range(0));
}

// do_each_thread_ve over a VE whose processes have two threads each.
void BM_DoEachThreadVe(benchmark::State& state) {
  static BenchWorld* w = nullptr;
  static int built = -1;
  if (built != state.range(0)) {
    w = &VeAmong(state.range(0));
    for (task_struct* t : w->ve_tasks[0]) {
      if (t != w->ve_tasks[0][0]) (void)w->k->Fork(t, "thr", CLONE_THREAD);
    }
    built = state.range(0);
  }
  auto cpu = w->k->BindCpu(0, w->ve_tasks[0][0]);
  long items = 0;
  read_lock(&tasklist_lock);
  for (auto _ : state) {
    pid_t sum = 0;
    task_struct *g, *t;
    do_each_thread_ve(g, t) { sum ^= t->pid; }
    while_each_thread_ve(g, t);
    benchmark::DoNotOptimize(sum);
    items += 2 * w->ve_tasks[0].size() - 1;
  }
  read_unlock(&tasklist_lock);
  state.SetItemsProcessed(items);
}

void Sizes(benchmark::internal::Benchmark* b) {
  for (int n : TaskCounts()) b->Arg(n);
}

BENCHMARK(BM_ForEachProcessVe)->Apply(Sizes)->Complexity(benchmark::o1);
BENCHMARK(BM_BaselineArrayScanVe)->Apply(Sizes)->Complexity(benchmark::o1);
BENCHMARK(BM_BaselineNaiveFilterVe)->Apply(Sizes)->Complexity(benchmark::oN);
BENCHMARK(BM_ForEachProcessAll)->Apply(Sizes)->Complexity(benchmark::oN);
BENCHMARK(BM_BaselineArrayScanAll)->Apply(Sizes)->Complexity(benchmark::oN);
BENCHMARK(BM_DoEachThreadVe)->Apply(Sizes);

}  // namespace
}  // namespace vzsim

BENCHMARK_MAIN();
