// Shared set-up for the benchmarks: a kernel of either task layout with
// `nr_tasks` tasks spread over `nr_ves` containers (plus the host), built
// once per shape and aged.
//
// Aging: after the build, nr_tasks / 2 rounds of "a random task exits, its
// parent forks a new one", as on a machine that has run for a while. Both
// task caches reuse freed tasks newest first, so afterwards consecutive
// tasks of a list sit in unrelated places in memory (in the kernel layout,
// in unrelated slabs), and the flat layout's arrays are reordered by their
// swap-removals. Both layouts go through the same rounds (same seed).
#ifndef VZSIM_BENCH_BENCH_WORLD_H_
#define VZSIM_BENCH_BENCH_WORLD_H_

#include <memory>
#include <vector>

#include "kernel/kernel.h"

namespace vzsim {

struct BenchWorld {
  // `nr_tasks` tasks in total: `nr_ves` VEs of nr_tasks / nr_ves tasks each
  // (init included), or all on the host when nr_ves is 0.
  BenchWorld(int nr_tasks, int nr_ves, TaskLayout layout);

  std::unique_ptr<Kernel> k;
  std::vector<ve_struct*> ves;
  std::vector<std::vector<task_struct*>> ve_tasks;  // per VE, init first
  std::vector<task_struct*> host_tasks;             // init_task excluded
  bool threaded = false;  // VE 0's processes have a second thread

 private:
  void Age(int rounds);
};

// The world of `layout` for (nr_tasks, nr_ves), built on first use and
// kept until a different shape is asked for in that layout: one world per
// layout at a time (a 1M-task world is large), so that benchmarks of the
// two layouts can alternate without rebuilding.
BenchWorld& GetWorld(int nr_tasks, int nr_ves, TaskLayout layout);

// When VZSIM_BENCH_SMOKE is set (CI), benchmarks register only their
// smallest sizes and run for a token time: they are built and run, never
// timed.
bool SmokeMode();
// Sizes 1K, 10K, 100K, 1M (just 1K in smoke mode).
std::vector<int> TaskCounts();

}  // namespace vzsim

#endif  // VZSIM_BENCH_BENCH_WORLD_H_
