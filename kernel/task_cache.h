// TaskCache: the slab that tasks (TaskRecords) come from (the kernel's
// task_struct_cachep), in one of two shapes:
//
//   - packed (the default layout): tasks are carved out of blocks of
//     kBlockSize, so that tasks forked together sit together in memory and
//     a walk over them stays in cache; freed tasks are reused first (LIFO).
//   - slab (the kernel layout, pid/pid_hash.h): as mm/slab.c spreads
//     task_structs. Each slab is its own page-aligned allocation of
//     kSlabBytes holding kSlabObjects objects of kSlabObjectBytes (about
//     the size of a 2.6.18 x86_64 task_struct with 028stab's additions, so
//     that tasks are as far apart as in the kernel). A freed object goes to
//     a per-cache array of recently freed objects (the per-CPU
//     array_cache, LIFO, kArrayLimit entries); when that overflows, its
//     oldest kBatch objects go back to their slabs. Allocation takes the
//     newest freed object, else one from a partly used slab, else a new
//     slab. After some churn, consecutive tasks on a list sit in unrelated
//     slabs, as on a machine that has run for a while.
//
// Thread safety: not thread-safe; the Kernel calls it under its task-list
// lock.
#ifndef VZSIM_KERNEL_TASK_CACHE_H_
#define VZSIM_KERNEL_TASK_CACHE_H_

#include <cstddef>
#include <deque>
#include <memory>
#include <vector>

#include "kernel/task_record.h"

namespace vzsim {

class TaskCache {
 public:
  static constexpr size_t kSlabObjectBytes = 2048;
  static constexpr size_t kSlabBytes = 4096;  // one page
  static constexpr size_t kSlabObjects = kSlabBytes / kSlabObjectBytes;
  static constexpr size_t kArrayLimit = 24;  // mm/slab.c: objects > 1 KiB
  static constexpr size_t kBatch = 12;
  static_assert(sizeof(TaskRecord) <= kSlabObjectBytes,
                "a task no longer fits the slab's object size");

  explicit TaskCache(bool slab = false) : slab_(slab) {}
  ~TaskCache();
  TaskCache(const TaskCache&) = delete;
  TaskCache& operator=(const TaskCache&) = delete;

  // A zero-filled task.
  TaskRecord* Alloc();
  void Free(task_struct* task);

  size_t nr_allocated() const { return nr_allocated_; }
  size_t MemoryBytes() const {
    return slab_ ? slabs_.size() * kSlabBytes
                 : blocks_.size() * kBlockSize * sizeof(TaskRecord);
  }

 private:
  static constexpr size_t kBlockSize = 512;
  TaskRecord* AllocPacked();
  TaskRecord* AllocSlab();
  void FreeSlab(TaskRecord* rec);

  const bool slab_;
  // Packed.
  std::vector<std::unique_ptr<TaskRecord[]>> blocks_;
  std::vector<TaskRecord*> free_;
  size_t next_in_block_ = kBlockSize;
  // Slab: every slab's memory; the recently freed objects (newest at the
  // back); free objects left in partly used slabs (newest at the back).
  std::vector<void*> slabs_;
  std::deque<TaskRecord*> array_cache_;
  std::vector<TaskRecord*> partial_;
  size_t nr_allocated_ = 0;
};

}  // namespace vzsim

#endif  // VZSIM_KERNEL_TASK_CACHE_H_
