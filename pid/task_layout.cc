#include "pid/task_layout.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>

namespace vzsim {

const char* TaskLayoutName(TaskLayout layout) {
  return layout == TaskLayout::kKernel ? "kernel" : "flat";
}

bool ParseTaskLayout(std::string_view name, TaskLayout* out) {
  if (name == "flat") {
    *out = TaskLayout::kFlat;
  } else if (name == "kernel") {
    *out = TaskLayout::kKernel;
  } else {
    return false;
  }
  return true;
}

namespace {

// -1 until read from the environment or set.
std::atomic<int> default_layout{-1};

}  // namespace

TaskLayout DefaultTaskLayout() {
  const int set = default_layout.load(std::memory_order_relaxed);
  if (set >= 0) return static_cast<TaskLayout>(set);
  TaskLayout l = TaskLayout::kFlat;
  const char* env = std::getenv("VZSIM_TASK_LAYOUT");
  if (env != nullptr && *env != '\0' && !ParseTaskLayout(env, &l)) {
    std::fprintf(stderr, "VZSIM_TASK_LAYOUT=%s: not flat or kernel\n", env);
    std::abort();
  }
  int expected = -1;
  default_layout.compare_exchange_strong(expected, static_cast<int>(l));
  return static_cast<TaskLayout>(default_layout.load());
}

void SetDefaultTaskLayout(TaskLayout layout) {
  default_layout.store(static_cast<int>(layout));
}

}  // namespace vzsim
