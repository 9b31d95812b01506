#include "kernel/task_cache.h"

#include <cstring>

namespace vzsim {

TaskRecord* TaskCache::Alloc() {
  TaskRecord* t;
  if (!free_.empty()) {
    t = free_.back();
    free_.pop_back();
  } else {
    if (next_in_block_ == kBlockSize) {
      blocks_.push_back(std::make_unique<TaskRecord[]>(kBlockSize));
      next_in_block_ = 0;
    }
    t = &blocks_.back()[next_in_block_++];
  }
  std::memset(static_cast<void*>(t), 0, sizeof(*t));
  ++nr_allocated_;
  return t;
}

void TaskCache::Free(task_struct* task) {
  // Poison the identity so that a stale pointer reads as a dead task.
  TaskRecord* rec = RecordOf(task);
  std::memset(static_cast<void*>(rec), 0, sizeof(*rec));
  rec->exit_state = EXIT_DEAD;
  rec->state = TASK_DEAD;
  free_.push_back(rec);
  --nr_allocated_;
}

}  // namespace vzsim
