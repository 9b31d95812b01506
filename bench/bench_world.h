// Shared set-up for the benchmarks: a kernel with `nr_tasks` tasks spread
// over `nr_ves` containers (plus the host), built once per size.
#ifndef VZSIM_BENCH_BENCH_WORLD_H_
#define VZSIM_BENCH_BENCH_WORLD_H_

#include <memory>
#include <vector>

#include "kernel/kernel.h"

namespace vzsim {

struct BenchWorld {
  // `nr_tasks` tasks in total: `nr_ves` VEs of nr_tasks / nr_ves tasks each
  // (init included), or all on the host when nr_ves is 0.
  BenchWorld(int nr_tasks, int nr_ves);

  std::unique_ptr<Kernel> k;
  std::vector<ve_struct*> ves;
  std::vector<std::vector<task_struct*>> ve_tasks;  // per VE, init first
  std::vector<task_struct*> host_tasks;
};

// The world for (nr_tasks, nr_ves), built on first use and kept until a
// different one is asked for (one at a time: a 1M-task world is large).
BenchWorld& GetWorld(int nr_tasks, int nr_ves);

// When VZSIM_BENCH_SMOKE is set (CI), benchmarks register only their
// smallest sizes and run for a token time: they are built and run, never
// timed.
bool SmokeMode();
// Sizes 1K, 10K, 100K, 1M (just 1K in smoke mode).
std::vector<int> TaskCounts();

}  // namespace vzsim

#endif  // VZSIM_BENCH_BENCH_WORLD_H_
