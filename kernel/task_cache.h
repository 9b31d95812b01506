// TaskCache: the slab that tasks (TaskRecords) come from (the kernel's
// task_struct_cachep). Tasks are carved out of blocks of kBlockSize, so that
// tasks forked together sit together in memory and a walk over them stays in
// cache; freed tasks go on a free list and are reused first.
//
// Thread safety: not thread-safe; the Kernel calls it under its task-list
// lock.
#ifndef VZSIM_KERNEL_TASK_CACHE_H_
#define VZSIM_KERNEL_TASK_CACHE_H_

#include <cstddef>
#include <memory>
#include <vector>

#include "kernel/task_record.h"

namespace vzsim {

class TaskCache {
 public:
  TaskCache() = default;
  TaskCache(const TaskCache&) = delete;
  TaskCache& operator=(const TaskCache&) = delete;

  // A zero-filled task.
  TaskRecord* Alloc();
  void Free(task_struct* task);

  size_t nr_allocated() const { return nr_allocated_; }
  size_t MemoryBytes() const {
    return blocks_.size() * kBlockSize * sizeof(TaskRecord);
  }

 private:
  static constexpr size_t kBlockSize = 512;
  std::vector<std::unique_ptr<TaskRecord[]>> blocks_;
  std::vector<TaskRecord*> free_;
  size_t next_in_block_ = kBlockSize;
  size_t nr_allocated_ = 0;
};

}  // namespace vzsim

#endif  // VZSIM_KERNEL_TASK_CACHE_H_
