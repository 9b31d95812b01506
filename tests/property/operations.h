// The property test's operation interpreter, shared by the property tests
// and the operation fuzzer (fuzz/ops_fuzzer.cc).
//
// An operation is four numbers, interpreted against the current state
// (which task, which VE, which mapping: indices taken modulo what exists),
// so that any subsequence of a sequence is itself a valid sequence: that is
// what lets a failure shrink, and lets a fuzzer feed arbitrary bytes.
#ifndef VZSIM_TESTS_PROPERTY_OPERATIONS_H_
#define VZSIM_TESTS_PROPERTY_OPERATIONS_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kernel/kernel.h"

namespace vzsim {

struct Op {
  uint32_t kind, a, b, c;
};

// fork, thread, exit, wait, ve_create, ve_enter, kill, mmap, munmap, mlock,
// ublimit, charge, irq, destroy, lookup, vzctl_start, mprotect.
inline constexpr int kOpKinds = 17;

std::string Describe(const Op& op);

// `n` operations from a seeded generator.
std::vector<Op> RandomOps(uint64_t seed, int n);

// 16 bytes per operation (a fuzzer's input); a short tail is ignored.
std::vector<Op> OpsFromBytes(const uint8_t* data, size_t size);

// Runs `ops` on a fresh kernel beside a fresh reference model, checking
// after every step that the kernel agrees with the model and that the
// invariants of KernelInvariants() hold. "" or the first failure, with the
// step it happened at.
std::string RunOps(const std::vector<Op>& ops);

// The shortest sequence found (by dropping chunks of halving size) that
// still fails.
std::vector<Op> Shrink(std::vector<Op> ops);

// Invariants read from the kernel alone, for any quiescent moment (the
// multi-threaded test checks them between rounds): pids unique per
// namespace, each VE's task count, lookups and walks from inside a VE
// reaching only its own tasks, every beancounter's held equal to the sum
// recomputed from what is charged to it: its live tasks (numproc, their
// precharged files), address spaces (pages), every kernel object (kmemsize:
// tasks, pids, process structures, mms, VMAs) and every task's kmemsize
// reserve, and the explicit charges on numflock given in
// `explicit_numflock` (by beancounter id); and no beancounter released with
// something still held ("Ub ... helds ... on put" in the host log).
std::string KernelInvariants(
    Kernel& k, const std::map<uint32_t, uint64_t>& explicit_numflock);

}  // namespace vzsim

#endif  // VZSIM_TESTS_PROPERTY_OPERATIONS_H_
