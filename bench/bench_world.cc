#include "bench/bench_world.h"

#include <cstdlib>

namespace vzsim {

BenchWorld::BenchWorld(int nr_tasks, int nr_ves) {
  KernelOptions options;
  options.pid_max = PidMap::kPidMaxLimit;
  k = std::make_unique<Kernel>(options);
  if (nr_ves == 0) {
    for (int i = 1; i < nr_tasks; ++i) {
      host_tasks.push_back(*k->Fork(k->init_task(), "task"));
    }
    return;
  }
  const int per_ve = nr_tasks / nr_ves;
  for (int v = 0; v < nr_ves; ++v) {
    task_struct* init = *k->Fork(k->init_task(), "init");
    ves.push_back(*k->CreateVe(init, 100 + v));
    ve_tasks.emplace_back();
    ve_tasks.back().push_back(init);
    for (int i = 1; i < per_ve; ++i) {
      ve_tasks.back().push_back(*k->Fork(init, "task"));
    }
  }
}

BenchWorld& GetWorld(int nr_tasks, int nr_ves) {
  static std::unique_ptr<BenchWorld> world;
  static int built_tasks = -1, built_ves = -1;
  if (world == nullptr || built_tasks != nr_tasks || built_ves != nr_ves) {
    world.reset();  // free the old one first
    world = std::make_unique<BenchWorld>(nr_tasks, nr_ves);
    built_tasks = nr_tasks;
    built_ves = nr_ves;
  }
  return *world;
}

bool SmokeMode() { return std::getenv("VZSIM_BENCH_SMOKE") != nullptr; }

std::vector<int> TaskCounts() {
  if (SmokeMode()) return {1 << 10};
  return {1 << 10, 10 << 10, 100 << 10, 1 << 20};
}

}  // namespace vzsim
