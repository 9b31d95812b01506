#include "pid/pid_map.h"

#include <algorithm>
#include <cerrno>

namespace vzsim {

PidMap::PidMap(int pid_max)
    : pid_max_(std::clamp(pid_max, kPidMaxMin, kPidMaxLimit)) {}

int PidMap::SetPidMax(int pid_max) {
  if (pid_max < kPidMaxMin || pid_max > kPidMaxLimit) return -EINVAL;
  pid_max_ = pid_max;
  return 0;
}

PidMap::Chunk* PidMap::ChunkFor(int nr) {
  const uint32_t index = static_cast<uint32_t>(nr) >> kChunkShift;
  if (index >= chunks_.size()) {
    chunks_.resize(index + 1);
    capacity_ = static_cast<uint32_t>(chunks_.size()) * kChunkSize;
  }
  if (chunks_[index] == nullptr) chunks_[index] = std::make_unique<Chunk>();
  return chunks_[index].get();
}

PidMap::Chunk* PidMap::TakenChunk(int nr) {
  if (!IsTaken(nr)) return nullptr;
  return chunks_[static_cast<uint32_t>(nr) >> kChunkShift].get();
}

bool PidMap::IsTaken(int nr) const {
  if (nr <= 0 || static_cast<uint32_t>(nr) >= capacity_) return false;
  const Chunk* c = chunks_[static_cast<uint32_t>(nr) >> kChunkShift].get();
  if (c == nullptr) return false;
  const int bit = nr & kChunkMask;
  return (c->taken[bit / 64] >> (bit % 64)) & 1;
}

int PidMap::FindFree(int from, int to) const {
  int nr = from;
  while (nr < to) {
    const uint32_t index = static_cast<uint32_t>(nr) >> kChunkShift;
    const Chunk* c = index < chunks_.size() ? chunks_[index].get() : nullptr;
    if (c == nullptr) return nr;  // a chunk never touched is all free
    const int chunk_end = std::min<int>(to, (index + 1) * kChunkSize);
    if (c->nr_taken == kChunkSize) {  // full: skip it whole
      nr = chunk_end;
      continue;
    }
    while (nr < chunk_end) {
      const int bit = nr & kChunkMask;
      const uint64_t free_bits = ~c->taken[bit / 64] >> (bit % 64);
      if (free_bits != 0) {
        const int found = nr + __builtin_ctzll(free_bits);
        if (found < chunk_end) return found;
        break;  // the free number lies past `to`
      }
      nr += 64 - bit % 64;  // next word
    }
    nr = chunk_end;
  }
  return -1;
}

void PidMap::MarkTaken(int nr) {
  Chunk* c = ChunkFor(nr);
  const int bit = nr & kChunkMask;
  c->taken[bit / 64] |= uint64_t{1} << (bit % 64);
  c->tasks[bit] = nullptr;
  c->refs[bit] = 1;
  ++c->nr_taken;
  ++nr_taken_;
}

int PidMap::Alloc() {
  // alloc_pidmap(): start after the last number handed out; past the end,
  // wrap to RESERVED_PIDS and search up to where we started.
  int start = last_ + 1;
  if (start >= pid_max_) start = kReservedPids;
  int nr = FindFree(start, pid_max_);
  if (nr < 0 && start > kReservedPids) nr = FindFree(kReservedPids, start);
  if (nr < 0) return -EAGAIN;
  MarkTaken(nr);
  last_ = nr;
  return nr;
}

int PidMap::AllocSpecific(int nr) {
  if (nr <= 0 || nr >= pid_max_) return -EINVAL;
  if (IsTaken(nr)) return -EBUSY;
  MarkTaken(nr);
  return nr;
}

void PidMap::Get(int nr) {
  if (Chunk* c = TakenChunk(nr)) ++c->refs[nr & kChunkMask];
}

void PidMap::Put(int nr) {
  Chunk* c = TakenChunk(nr);
  if (c == nullptr) return;
  const int bit = nr & kChunkMask;
  if (--c->refs[bit] > 0) return;
  c->tasks[bit] = nullptr;
  c->taken[bit / 64] &= ~(uint64_t{1} << (bit % 64));
  --c->nr_taken;
  --nr_taken_;
}

void PidMap::Attach(int nr, task_struct* task) {
  if (Chunk* c = TakenChunk(nr)) c->tasks[nr & kChunkMask] = task;
}

void PidMap::Detach(int nr) {
  if (Chunk* c = TakenChunk(nr)) c->tasks[nr & kChunkMask] = nullptr;
}

size_t PidMap::MemoryBytes() const {
  size_t bytes = chunks_.capacity() * sizeof(chunks_[0]);
  for (const auto& c : chunks_) bytes += c ? sizeof(Chunk) : 0;
  return bytes;
}

}  // namespace vzsim
