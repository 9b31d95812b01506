#include "kernel/task_cache.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace vzsim {

TaskCache::~TaskCache() {
  for (void* slab : slabs_) std::free(slab);
}

TaskRecord* TaskCache::Alloc() {
  TaskRecord* t = slab_ ? AllocSlab() : AllocPacked();
  std::memset(static_cast<void*>(t), 0, sizeof(*t));
  t->thread_info = &t->ti;
  t->ti.task = t;
  ++nr_allocated_;
  return t;
}

TaskRecord* TaskCache::AllocPacked() {
  if (!free_.empty()) {
    TaskRecord* t = free_.back();
    free_.pop_back();
    return t;
  }
  if (next_in_block_ == kBlockSize) {
    blocks_.push_back(std::make_unique<TaskRecord[]>(kBlockSize));
    next_in_block_ = 0;
  }
  return &blocks_.back()[next_in_block_++];
}

// mm/slab.c: ____cache_alloc(): the per-CPU array first (the object freed
// last), then cache_alloc_refill() from a partial slab, then a new slab
// (cache_grow()), whose objects are handed out in address order.
TaskRecord* TaskCache::AllocSlab() {
  if (!array_cache_.empty()) {
    TaskRecord* t = array_cache_.back();
    array_cache_.pop_back();
    return t;
  }
  if (partial_.empty()) {
    void* mem = std::aligned_alloc(kSlabBytes, kSlabBytes);
    if (mem == nullptr) throw std::bad_alloc();
    slabs_.push_back(mem);
    char* base = static_cast<char*>(mem);
    // Last object first on the stack, so the first is handed out first.
    for (size_t i = kSlabObjects; i-- > 0;) {
      partial_.push_back(new (base + i * kSlabObjectBytes)
                             TaskRecord());  // trivial type
    }
  }
  TaskRecord* t = partial_.back();
  partial_.pop_back();
  return t;
}

void TaskCache::Free(task_struct* task) {
  // Poison the identity so that a stale pointer reads as a dead task.
  TaskRecord* rec = RecordOf(task);
  std::memset(static_cast<void*>(rec), 0, sizeof(*rec));
  rec->exit_state = EXIT_DEAD;
  rec->state = TASK_DEAD;
  --nr_allocated_;
  if (slab_) {
    FreeSlab(rec);
  } else {
    free_.push_back(rec);
  }
}

// mm/slab.c: __cache_free(): into the per-CPU array; a full array first
// gives its oldest batch back to the slabs (cache_flusharray()).
void TaskCache::FreeSlab(TaskRecord* rec) {
  if (array_cache_.size() >= kArrayLimit) {
    for (size_t i = 0; i < kBatch; ++i) {
      partial_.push_back(array_cache_.front());
      array_cache_.pop_front();
    }
  }
  array_cache_.push_back(rec);
}

}  // namespace vzsim
