// The task-index hot paths of both layouts side by side, with their
// physical baselines, in one run (docs/benchmarks.md):
//
//   find_all    find_task_by_pid_all, random global pids     array, map
//   find_ve     find_task_by_pid_ve from inside a VE, vpids  array, array_task
//               (N tasks in VEs of 1000)
//   each_all    for_each_process_all                         scan, scan_slab
//   each_ve     for_each_process_ve over a VE of k tasks     scan
//   thread_ve   do_each_thread_ve, VE processes of 2 threads scan
//   fork_exit   fork + exit beside N live tasks
//   ve_cycle    create a VE, fork 9 tasks in it, stop it
//   memory      bytes per task (a counter; the loop is a token)
//
// Variants: flat and kernel are the two layouts (pid/task_layout.h);
// array is a plain array indexed by the number looked up, map a
// std::unordered_map<pid_t, task_struct*>, array_task the plain array and
// one read from the task it finds (what any lookup that checks the task
// pays), scan a contiguous array of the
// flat world's task pointers in walk order, scan_slab the same over the
// kernel world's tasks (the cost of touching slab-spread tasks without
// chasing the list). Every walk reads p->pid; lookups fold the pointers
// into a checksum kept alive once per batch.
//
// Repetitions are paired: for each size, repetition r runs every variant
// of an operation back to back, and the report takes the ratio within each
// repetition, so that a slow minute of a shared machine hits both sides.
// Names: <op>/<variant>/n:<N>[/k:<k>]/rep:<r>. VZSIM_BENCH_REPS sets the
// repetitions (default 5).
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "bench/bench_world.h"
#include "benchmark/benchmark.h"
#include "pid/pid.h"

namespace vzsim {
namespace {

enum Variant { kFlat, kKernel, kArray, kArrayTask, kMap, kScan, kScanSlab };
const char* const kVariantNames[] = {"flat", "kernel", "array",    "array_task",
                                     "map",  "scan",   "scan_slab"};

TaskLayout LayoutOf(Variant v) {
  return v == kKernel || v == kScanSlab ? TaskLayout::kKernel
                                        : TaskLayout::kFlat;
}

uintptr_t Bits(const task_struct* t) { return reinterpret_cast<uintptr_t>(t); }

constexpr int kProbes = 1 << 14;

std::vector<pid_t> Probes(const std::vector<task_struct*>& from, bool vpid) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<size_t> pick(0, from.size() - 1);
  std::vector<pid_t> nrs(kProbes);
  for (pid_t& nr : nrs) {
    task_struct* t = from[pick(rng)];
    nr = vpid ? t->vpid : t->pid;
  }
  return nrs;
}

// The leaders (or, with threads, every task) `env` walks, in walk order.
std::vector<task_struct*> WalkOrder(Kernel& k, const ve_struct* env,
                                    bool threads) {
  std::vector<task_struct*> out;
  absl::ReaderMutexLock lock(&k.tasklist_lock());
  for (task_struct* g : k.LeadersVeLocked(env)) {
    task_struct* t = g;
    do {
      out.push_back(t);
      t = next_thread(t);
    } while (threads && t != g);
  }
  return out;
}

void Scan(benchmark::State& state, const std::vector<task_struct*>& tasks) {
  for (auto _ : state) {
    pid_t sum = 0;
    for (task_struct* p : tasks) sum ^= p->pid;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * tasks.size());
}

// A lookup by number: the face's, or a plain array, or a hash map.
void Lookups(benchmark::State& state, Variant v, Kernel& k, task_struct* as,
             const std::vector<pid_t>& nrs,
             const std::vector<task_struct*>& tasks, bool ve) {
  if (v == kArray || v == kArrayTask) {
    std::vector<task_struct*> table(PidMap::kPidMaxLimit + PidMap::kVpidDiv);
    for (task_struct* t : tasks) table[ve ? t->vpid : t->pid] = t;
    for (auto _ : state) {
      uintptr_t sum = 0;
      if (v == kArray) {
        for (pid_t nr : nrs) sum ^= Bits(table[nr]);
      } else {  // and one read from the task found, as a check would
        for (pid_t nr : nrs) sum ^= static_cast<uintptr_t>(table[nr]->vpid);
      }
      benchmark::DoNotOptimize(sum);
    }
  } else if (v == kMap) {
    std::unordered_map<pid_t, task_struct*> map;
    map.reserve(tasks.size());
    for (task_struct* t : tasks) map[t->pid] = t;
    for (auto _ : state) {
      uintptr_t sum = 0;
      for (pid_t nr : nrs) sum ^= Bits(map.find(nr)->second);
      benchmark::DoNotOptimize(sum);
    }
  } else {
    auto cpu = k.BindCpu(0, as);
    read_lock(&tasklist_lock);
    for (auto _ : state) {
      uintptr_t sum = 0;
      if (ve) {
        for (pid_t nr : nrs) sum ^= Bits(find_task_by_pid_ve(nr));
      } else {
        for (pid_t nr : nrs) sum ^= Bits(find_task_by_pid_all(nr));
      }
      benchmark::DoNotOptimize(sum);
    }
    read_unlock(&tasklist_lock);
  }
  state.SetItemsProcessed(state.iterations() * nrs.size());
}

void FindAll(benchmark::State& state, int n, Variant v) {
  BenchWorld& w = GetWorld(n, 0, LayoutOf(v));
  Lookups(state, v, *w.k, w.k->init_task(), Probes(w.host_tasks, false),
          w.host_tasks, false);
}

// VEs of 1000 (1024) tasks: n / 1000 of them.
void FindVe(benchmark::State& state, int n, Variant v) {
  BenchWorld& w = GetWorld(n, std::max(1, n / 1000), LayoutOf(v));
  const std::vector<task_struct*>& mine = w.ve_tasks[w.ves.size() / 2];
  Lookups(state, v, *w.k, mine[0], Probes(mine, true), mine, true);
}

void EachAll(benchmark::State& state, int n, Variant v) {
  BenchWorld& w = GetWorld(n, 0, LayoutOf(v));
  if (v == kScan || v == kScanSlab) {
    return Scan(state, WalkOrder(*w.k, w.k->ve0(), false));
  }
  auto cpu = w.k->BindCpu(0, w.k->init_task());
  read_lock(&tasklist_lock);
  for (auto _ : state) {
    pid_t sum = 0;
    task_struct* p;
    for_each_process_all(p) sum ^= p->pid;
    benchmark::DoNotOptimize(sum);
  }
  read_unlock(&tasklist_lock);
  state.SetItemsProcessed(state.iterations() * n);
}

void EachVe(benchmark::State& state, int n, int k, Variant v) {
  BenchWorld& w = GetWorld(n, std::max(1, n / k), LayoutOf(v));
  if (v == kScan) return Scan(state, WalkOrder(*w.k, w.ves[0], false));
  auto cpu = w.k->BindCpu(0, w.ve_tasks[0][0]);
  read_lock(&tasklist_lock);
  for (auto _ : state) {
    pid_t sum = 0;
    task_struct* p;
    for_each_process_ve(p) sum ^= p->pid;
    benchmark::DoNotOptimize(sum);
  }
  read_unlock(&tasklist_lock);
  state.SetItemsProcessed(state.iterations() * w.ve_tasks[0].size());
}

void ThreadVe(benchmark::State& state, int n, int k, Variant v) {
  BenchWorld& w = GetWorld(n, std::max(1, n / k), LayoutOf(v));
  if (!w.threaded) {
    for (task_struct* t : w.ve_tasks[0]) {
      if (t != w.ve_tasks[0][0]) (void)w.k->Fork(t, "thr", CLONE_THREAD);
    }
    w.threaded = true;
  }
  const std::vector<task_struct*> all = WalkOrder(*w.k, w.ves[0], true);
  if (v == kScan) return Scan(state, all);
  auto cpu = w.k->BindCpu(0, w.ve_tasks[0][0]);
  read_lock(&tasklist_lock);
  for (auto _ : state) {
    pid_t sum = 0;
    task_struct *g, *t;
    do_each_thread_ve(g, t) { sum ^= t->pid; }
    while_each_thread_ve(g, t);
    benchmark::DoNotOptimize(sum);
  }
  read_unlock(&tasklist_lock);
  state.SetItemsProcessed(state.iterations() * all.size());
}

void ForkExit(benchmark::State& state, int n, Variant v) {
  Kernel& k = *GetWorld(n, 0, LayoutOf(v)).k;
  for (auto _ : state) {
    task_struct* child = *k.Fork(k.init_task(), "child");
    (void)k.Exit(child, 0);  // host init reaps it at once
  }
  state.SetItemsProcessed(state.iterations());
}

void VeCycle(benchmark::State& state, int n, Variant v) {
  static envid_t next_veid = 1000000;
  Kernel& k = *GetWorld(n, 0, LayoutOf(v)).k;
  for (auto _ : state) {
    task_struct* init = *k.Fork(k.init_task(), "init");
    (void)k.CreateVe(init, next_veid++);
    for (int i = 0; i < 9; ++i) (void)k.Fork(init, "task");
    (void)k.Exit(init, 0);  // the VE stops; host init reaps its init
  }
  state.SetItemsProcessed(state.iterations());
}

void Memory(benchmark::State& state, int n, Variant v) {
  BenchWorld& w = GetWorld(n, std::max(1, n / 1000), LayoutOf(v));
  const Kernel::MemoryStats m = w.k->Memory();
  for (auto _ : state) benchmark::DoNotOptimize(m.total());
  const double tasks = static_cast<double>(m.tasks);
  state.counters["bytes_per_task"] = static_cast<double>(m.total()) / tasks;
  state.counters["task_bytes"] = static_cast<double>(m.task_bytes) / tasks;
  state.counters["group_bytes"] = static_cast<double>(m.group_bytes) / tasks;
  state.counters["pid_bytes"] = static_cast<double>(m.pid_table_bytes) / tasks;
  state.counters["list_bytes"] =
      static_cast<double>(m.leader_array_bytes) / tasks;
  // What the kernel's own structs take (the face's task_struct, and each
  // process's signal_struct and sighand_struct), and what the model adds to
  // them: the memory target is on the latter.
  state.counters["face_task_bytes"] = static_cast<double>(sizeof(task_struct));
  state.counters["model_bytes"] =
      static_cast<double>(m.total() - m.group_bytes) / tasks -
      sizeof(task_struct);
}

using Op = std::function<void(benchmark::State&, Variant)>;

void Add(const std::string& op, const std::string& shape, int rep,
         std::vector<Variant> variants, const Op& fn) {
  for (Variant v : variants) {
    const std::string name = op + "/" + kVariantNames[v] + "/" + shape +
                             "/rep:" + std::to_string(rep);
    benchmark::internal::Benchmark* b = benchmark::RegisterBenchmark(
        name.c_str(), [fn, v](benchmark::State& s) { fn(s, v); });
    if (op == "memory") b->Iterations(1);
  }
}

// Registered shape by shape (each world is built once per layout), and
// within a shape repetition by repetition.
void RegisterAll() {
  const char* reps_env = std::getenv("VZSIM_BENCH_REPS");
  const int reps = SmokeMode() ? 1
                   : reps_env  ? std::max(1, std::atoi(reps_env))
                               : 5;
  const std::vector<Variant> layouts = {kFlat, kKernel};
  const std::vector<Variant> walks = {kFlat, kKernel, kScan};
  for (int n : TaskCounts()) {
    const std::string at = "n:" + std::to_string(n);
    for (int r = 0; r < reps; ++r) {  // the host's tasks only
      Add("find_all", at, r, {kFlat, kKernel, kArray, kMap},
          [n](auto& s, Variant v) { FindAll(s, n, v); });
      Add("each_all", at, r, {kFlat, kKernel, kScan, kScanSlab},
          [n](auto& s, Variant v) { EachAll(s, n, v); });
      Add("fork_exit", at, r, layouts,
          [n](auto& s, Variant v) { ForkExit(s, n, v); });
      Add("ve_cycle", at, r, layouts,
          [n](auto& s, Variant v) { VeCycle(s, n, v); });
    }
    // VEs of 1000 (1024) tasks.
    Add("memory", at, 0, layouts, [n](auto& s, Variant v) { Memory(s, n, v); });
    const std::string in_ves = at + "/k:1000";
    for (int r = 0; r < reps; ++r) {
      Add("find_ve", in_ves, r, {kFlat, kKernel, kArray, kArrayTask},
          [n](auto& s, Variant v) { FindVe(s, n, v); });
      Add("each_ve", in_ves, r, walks,
          [n](auto& s, Variant v) { EachVe(s, n, 1000, v); });
      Add("thread_ve", in_ves, r, walks,
          [n](auto& s, Variant v) { ThreadVe(s, n, 1000, v); });
    }
  }
  // VEs of k = 10 .. 10K tasks among N = 100K.
  const int n = SmokeMode() ? 1 << 10 : 100 << 10;
  for (int k : {10, 100, 10000}) {
    const std::string at = "n:" + std::to_string(n) + "/k:" + std::to_string(k);
    for (int r = 0; r < reps; ++r) {
      Add("each_ve", at, r, walks,
          [n, k](auto& s, Variant v) { EachVe(s, n, k, v); });
      Add("thread_ve", at, r, walks,
          [n, k](auto& s, Variant v) { ThreadVe(s, n, k, v); });
    }
    if (SmokeMode()) break;
  }
}

}  // namespace
}  // namespace vzsim

int main(int argc, char** argv) {
  vzsim::RegisterAll();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
