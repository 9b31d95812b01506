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

void PidMap::GrowTo(int nr) {
  if (static_cast<size_t>(nr) < tasks_.size()) return;
  size_t size = std::max(tasks_.size() * 2, static_cast<size_t>(nr) + 1);
  size = (size + kChunkMask) & ~static_cast<size_t>(kChunkMask);
  size = std::min<size_t>(size, kPidMaxLimit);
  tasks_.resize(size, nullptr);
  for (PidIndex* copy : index_copies_) *copy = {tasks_.data(), tasks_.size()};
  refs_.resize(size, 0);
  taken_.resize(size / 64, 0);
  chunk_taken_.resize(size / kChunkSize, 0);
}

void PidMap::AddIndexCopy(PidIndex* copy) {
  *copy = {tasks_.data(), tasks_.size()};
  index_copies_.push_back(copy);
}

bool PidMap::IsTaken(int nr) const {
  if (nr <= 0 || static_cast<size_t>(nr) >= tasks_.size()) return false;
  return (taken_[nr / 64] >> (nr % 64)) & 1;
}

int PidMap::FindFree(int from, int to) const {
  const int covered = static_cast<int>(tasks_.size());
  int nr = from;
  while (nr < to) {
    if (nr >= covered) return nr;  // beyond the table: never used, free
    const int chunk_end = std::min((nr / kChunkSize + 1) * kChunkSize, to);
    if (chunk_taken_[nr / kChunkSize] == kChunkSize) {  // full: skip it
      nr = chunk_end;
      continue;
    }
    while (nr < chunk_end) {
      const uint64_t free_bits = ~taken_[nr / 64] >> (nr % 64);
      if (free_bits != 0) {
        const int found = nr + __builtin_ctzll(free_bits);
        if (found < chunk_end) return found;
        break;  // the free number lies past `to`
      }
      nr += 64 - nr % 64;  // next word
    }
    nr = chunk_end;
  }
  return -1;
}

void PidMap::MarkTaken(int nr) {
  GrowTo(nr);
  taken_[nr / 64] |= uint64_t{1} << (nr % 64);
  tasks_[nr] = nullptr;
  refs_[nr] = 1;
  ++chunk_taken_[nr / kChunkSize];
  ++nr_taken_;
}

int PidMap::FindFreeGlobal(int from, int to) const {
  while (from < to) {
    const int nr = FindFree(from, to);
    if (nr < 0 || (nr & kVpidDiv) == 0) return nr;
    from = (nr | (kVpidDiv - 1)) + 1;  // past the virtual window
  }
  return -1;
}

int PidMap::Alloc() {
  // kernel/pid.c: alloc_pidmap(). Start after the last number, past a
  // virtual window, at RESERVED_PIDS beyond pid_max; scan up to pid_max,
  // then from RESERVED_PIDS up to (not including) the last number, unless
  // last + 1 starts a bitmap page, where the final round is not cut short.
  int start = last_ + 1;
  if (start & kVpidDiv) start += kVpidDiv;
  if (start >= pid_max_) start = kReservedPids;
  int nr = FindFreeGlobal(start, pid_max_);
  if (nr < 0 && last_ != kReservedPids) {
    const int end = ((last_ + 1) % kBitsPerPage) == 0 ? pid_max_ : last_;
    nr = FindFreeGlobal(kReservedPids, std::min(end, pid_max_));
  }
  if (nr < 0) return -EAGAIN;
  MarkTaken(nr);
  last_ = nr;
  return nr;
}

void PidMap::Get(int nr) {
  if (IsTaken(nr)) ++refs_[nr];
}

void PidMap::Put(int nr) {
  if (!IsTaken(nr) || --refs_[nr] > 0) return;
  tasks_[nr] = nullptr;
  taken_[nr / 64] &= ~(uint64_t{1} << (nr % 64));
  --chunk_taken_[nr / kChunkSize];
  --nr_taken_;
}

void PidMap::Attach(int nr, task_struct* task) {
  if (IsTaken(nr)) tasks_[nr] = task;
}

void PidMap::Detach(int nr) {
  if (IsTaken(nr)) tasks_[nr] = nullptr;
}

size_t PidMap::MemoryBytes() const {
  return tasks_.capacity() * sizeof(task_struct*) +
         refs_.capacity() * sizeof(uint32_t) +
         taken_.capacity() * sizeof(uint64_t) +
         chunk_taken_.capacity() * sizeof(uint16_t);
}

}  // namespace vzsim
