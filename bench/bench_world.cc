#include "bench/bench_world.h"

#include <cstdlib>
#include <random>

namespace vzsim {

BenchWorld::BenchWorld(int nr_tasks, int nr_ves, TaskLayout layout) {
  KernelOptions options;
  options.pid_max = PidMap::kPidMaxLimit;
  options.layout = layout;
  k = std::make_unique<Kernel>(options);
  if (nr_ves == 0) {
    for (int i = 1; i < nr_tasks; ++i) {
      host_tasks.push_back(*k->Fork(k->init_task(), "task"));
    }
  } else {
    // Every VE's init first, then the VEs' tasks, one VE after another.
    const int per_ve = nr_tasks / nr_ves;
    for (int v = 0; v < nr_ves; ++v) {
      task_struct* init = *k->Fork(k->init_task(), "init");
      ves.push_back(*k->CreateVe(init, 100 + v));
      ve_tasks.push_back({init});
    }
    for (std::vector<task_struct*>& tasks : ve_tasks) {
      for (int i = 1; i < per_ve; ++i) {
        tasks.push_back(*k->Fork(tasks[0], "task"));
      }
    }
  }
  Age(nr_tasks / 2);
}

void BenchWorld::Age(int rounds) {
  std::mt19937 rng(2006);
  for (int r = 0; r < rounds; ++r) {
    // A random task that is not a VE's init: it exits (its parent, host
    // init or the VE's init, reaps it at once) and the parent forks anew.
    std::vector<task_struct*>* list = &host_tasks;
    size_t first = 0;
    if (!ve_tasks.empty()) {
      list = &ve_tasks[rng() % ve_tasks.size()];
      first = 1;
    }
    if (list->size() <= first) continue;
    const size_t i = first + rng() % (list->size() - first);
    task_struct* parent = (*list)[i]->real_parent;
    (void)k->Exit((*list)[i], 0);
    (*list)[i] = *k->Fork(parent, "task");
  }
}

BenchWorld& GetWorld(int nr_tasks, int nr_ves, TaskLayout layout) {
  struct Slot {
    std::unique_ptr<BenchWorld> world;
    int tasks = -1, ves = -1;
  };
  static Slot slots[2];
  Slot& s = slots[layout == TaskLayout::kKernel ? 1 : 0];
  if (s.world == nullptr || s.tasks != nr_tasks || s.ves != nr_ves) {
    s.world.reset();  // free the old one first
    s.world = std::make_unique<BenchWorld>(nr_tasks, nr_ves, layout);
    s.tasks = nr_tasks;
    s.ves = nr_ves;
  }
  return *s.world;
}

bool SmokeMode() { return std::getenv("VZSIM_BENCH_SMOKE") != nullptr; }

std::vector<int> TaskCounts() {
  if (SmokeMode()) return {1 << 10};
  return {1 << 10, 10 << 10, 100 << 10, 1 << 20};
}

}  // namespace vzsim
