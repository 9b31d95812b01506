// PidMap: the global pid numbers, as kernel/pid.c keeps them in
// pidmap_array and hands them out with alloc_pidmap().
//
// A number is allocated cyclically after the last one handed out, up to
// pid_max - 1 (pid_max is one past the largest pid). With CONFIG_VE a number
// whose bit 10 is set (VPID_BIT) is never a global pid: those windows of
// 1024 numbers are left for the virtual pids of VEs (nr + VPID_DIV), so the
// global pids run 1..1023, 2048..3071, 4096..5119, ... After a wrap the
// search restarts at RESERVED_PIDS (300) and, as alloc_pidmap()'s last round
// does, stops before the last number handed out: with every other number
// taken, Alloc() fails even if that one is free again. No free number gives
// -EAGAIN (do_fork_pid()'s errno when alloc_pid() fails).
//
// A number stays taken while anything names it: the task that has it, or a
// process group or session that uses it as its id (the kernel's struct pid
// lives while any task is attached to it under one of its three types).
// Each of those holds a reference (Get / Put); the number is free at zero.
//
// Lookup is one bounds check and one load: the task pointers are a flat
// array indexed by number, grown (in steps of kChunkSize, at least doubling)
// to cover the highest number ever handed out. A chunked table costs 3x a
// plain array at 1M tasks (measured: the extra level and the scattered
// chunks miss the TLB), and a hash table 5 to 10x. The cost is up to 8 bytes
// per number below the highest one used (32 MiB at the 4M limit, 256 KiB at
// the default), the virtual windows included.
//
// Thread safety: not thread-safe; the owning Kernel guards it with its
// task-list lock.
#ifndef VZSIM_PID_PID_MAP_H_
#define VZSIM_PID_PID_MAP_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "kernel/cpu.h"  // PidIndex

namespace vzsim {

class PidMap {
 public:
  static constexpr int kDefaultPidMax = 32768;  // PID_MAX_DEFAULT
  static constexpr int kPidMaxLimit = 4194304;  // PID_MAX_LIMIT (4M)
  static constexpr int kReservedPids = 300;     // RESERVED_PIDS
  static constexpr int kPidMaxMin = kReservedPids + 1;
  static constexpr int kVpidBit = 10;             // VPID_BIT
  static constexpr int kVpidDiv = 1 << kVpidBit;  // VPID_DIV
  // One bitmap page of a 4 KiB-page machine: alloc_pidmap() lets its last
  // round reach `last` itself when last + 1 is a multiple of this.
  static constexpr int kBitsPerPage = 32768;

  // `pid_max` must lie in [kPidMaxMin, kPidMaxLimit]; out-of-range values are
  // clamped (use SetPidMax to get an error instead).
  explicit PidMap(int pid_max = kDefaultPidMax);
  PidMap(const PidMap&) = delete;
  PidMap& operator=(const PidMap&) = delete;

  int pid_max() const { return pid_max_; }
  // Changes pid_max for future allocations; numbers already handed out stay
  // valid. Returns 0, or -EINVAL outside [kPidMaxMin, kPidMaxLimit].
  int SetPidMax(int pid_max);

  // alloc_pidmap(): the next free global number after the last one handed
  // out, with one reference held by the caller; -EAGAIN when none is free.
  int Alloc();

  // Adds / drops a reference to a taken number (a process group or session
  // that uses it as its id). Put() of the last reference frees the number.
  void Get(int nr);
  void Put(int nr);

  // The task that has number `nr`, or nullptr (free, only a group or session
  // id, or out of range: 0, negative, or beyond the table).
  task_struct* Lookup(int nr) const {
    return nr > 0 && static_cast<size_t>(nr) < tasks_.size() ? tasks_[nr]
                                                             : nullptr;
  }
  // Binds / unbinds the task that carries number `nr` (attach_pid/detach_pid).
  void Attach(int nr, task_struct* task);
  void Detach(int nr);
  // Sets *copy to the table's data and size (kernel/cpu.h: PidIndex), now
  // and whenever the table grows: each CPU's copy, read by the inline
  // lookups. `copy` must outlive the map.
  void AddIndexCopy(PidIndex* copy);

  bool IsTaken(int nr) const;
  // The references on `nr` (0 when free or out of range): its task, and
  // each task that names it as process group or session.
  uint32_t Refs(int nr) const {
    return nr > 0 && static_cast<size_t>(nr) < refs_.size() ? refs_[nr] : 0;
  }
  int nr_taken() const { return nr_taken_; }
  // One past the highest number the table covers (Lookup() beyond: null).
  int table_size() const { return static_cast<int>(tasks_.size()); }
  int last_pid() const { return last_; }
  // Bytes used by the table itself (for the memory-per-task benchmark).
  size_t MemoryBytes() const;

 private:
  static constexpr int kChunkShift = 10;
  static constexpr int kChunkSize = 1 << kChunkShift;  // 1024 numbers
  static constexpr int kChunkMask = kChunkSize - 1;

  // Makes the table cover number `nr`.
  void GrowTo(int nr);
  void MarkTaken(int nr);
  // First free number in [from, to), or -1.
  int FindFree(int from, int to) const;
  // The same, skipping the numbers with bit 10 set (never global pids).
  int FindFreeGlobal(int from, int to) const;

  int pid_max_;
  int last_ = 0;
  int nr_taken_ = 0;
  // Indexed by number; all the same size, a multiple of kChunkSize.
  std::vector<task_struct*> tasks_;      // the task that carries the number
  std::vector<uint32_t> refs_;           // what names it: task, group, session
  std::vector<uint64_t> taken_;          // bit set = number taken
  std::vector<uint16_t> chunk_taken_;    // taken numbers per kChunkSize block
  std::vector<PidIndex*> index_copies_;  // of tasks_'s data and size
};

}  // namespace vzsim

#endif  // VZSIM_PID_PID_MAP_H_
