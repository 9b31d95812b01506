// The checks of R1 (VMAs built by hand) and R2 (host-log flooding).
#include <algorithm>
#include <cerrno>
#include <map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "arch/conformance/check_util.h"
#include "arch/conformance/world.h"
#include "include/ub/ub_vmpages.h"
#include "kernel/mmap.h"
#include "kernel/rwsem.h"

namespace vzsim {
namespace {

using check::Held;
using check::Judge;

// ---- R1 ----------------------------------------------------------------

struct VmaInfo {
  unsigned long start, end, flags;
};

std::map<unsigned long, VmaInfo> Snapshot(mm_struct* mm) {
  RwsemReadLock lock(&mm->mmap_sem);
  std::map<unsigned long, VmaInfo> out;
  for (vm_area_struct* v = mm->mmap; v != nullptr; v = v->vm_next) {
    out[v->vm_start] = {v->vm_start, v->vm_end, v->vm_flags};
  }
  return out;
}

// The pages the arch's new VMAs must have charged: privvmpages for the
// private writable ones, lockedpages for the VM_LOCKED ones
// (ub_memory_charge()'s tests).
struct Need {
  uint64_t priv = 0, locked = 0;
  std::vector<std::string> names;
};

Need NewVmas(const std::map<unsigned long, VmaInfo>& before,
             const std::map<unsigned long, VmaInfo>& after) {
  Need need;
  for (const auto& [start, v] : after) {
    if (before.count(start)) continue;
    const uint64_t pages = (v.end - v.start) >> PAGE_SHIFT;
    if (VM_UB_PRIVATE(v.flags, nullptr)) need.priv += pages;
    if (v.flags & VM_LOCKED) need.locked += pages;
    need.names.push_back(absl::StrCat(
        absl::Hex(v.start), "+", pages, "p",
        VM_UB_PRIVATE(v.flags, nullptr) ? " writable" : " read-only",
        (v.flags & VM_LOCKED) ? " locked" : ""));
  }
  return need;
}

// One exec of the arch's set-up in VE 101's httpd. Empty when all went
// right. The set-up runs on the image's new mm, whose def_flags are empty
// (kernel/fork.c: mm_alloc() -> mm_init()), so whatever mlockall(MCL_FUTURE)
// the old image made never reaches it: a read-only page built here is
// never VM_LOCKED and has nothing to charge.
std::string RunSetUp(const arch_ops& arch, std::string* built, bool* writable) {
  World w(arch);
  auto cpu = w.k.BindCpu(0, w.httpd);
  user_beancounter* ub = w.k.FindBeancounter(101);
  mm_struct* mm = *w.k.GetMm(w.httpd);
  mm->def_flags = 0;
  const auto before = Snapshot(mm);
  const uint64_t priv0 = Held(ub, UB_PRIVVMPAGES);
  const uint64_t locked0 = Held(ub, UB_LOCKEDPAGES);
  if (int err = arch.exec_setup_pages(); err != 0) {
    return absl::StrCat("the set-up failed (", err, ") with no limit set");
  }
  const Need need = NewVmas(before, Snapshot(mm));
  *built = need.names.empty() ? "no VMA" : absl::StrJoin(need.names, ", ");
  *writable = need.priv != 0;
  const uint64_t priv = Held(ub, UB_PRIVVMPAGES) - priv0;
  const uint64_t locked = Held(ub, UB_LOCKEDPAGES) - locked0;
  if (priv != need.priv || locked != need.locked) {
    return absl::StrCat("the arch built ", *built,
                        " by hand, but privvmpages grew by ", priv, " (not ",
                        need.priv, ") and lockedpages by ", locked, " (not ",
                        need.locked, "): charge each with ub_memory_charge()",
                        " before insert_vm_struct()");
  }
  (void)cpu->SwitchTo(w.sshd);
  (void)w.k.ExitGroup(w.httpd, 0);
  if (RecordOf(ub)->underflowed.load()) {
    return absl::StrCat("unmapping the arch's VMAs at exit took a counter ",
                        "below zero: the uncharge follows ",
                        "the VMA's flags, so the charge must too");
  }
  return "";
}

// With privvmpages at its limit: either the set-up fails and leaves nothing
// (x86_64's -ENOMEM), or it succeeds without the writable VMA (ia64's
// silent skip); never a writable VMA or a charge past the limit.
std::string RunRefused(const arch_ops& arch, bool* skipped) {
  World w(arch);
  auto cpu = w.k.BindCpu(0, w.httpd);
  user_beancounter* ub = w.k.FindBeancounter(101);
  mm_struct* mm = *w.k.GetMm(w.httpd);
  const uint64_t full = Held(ub, UB_PRIVVMPAGES);
  (void)w.k.SetUbLimit(w.k.init_task(), 101, UB_PRIVVMPAGES, full, full);
  const auto before = Snapshot(mm);
  const int err = arch.exec_setup_pages();
  const Need need = NewVmas(before, Snapshot(mm));
  *skipped = err == 0;
  if (need.priv != 0 || Held(ub, UB_PRIVVMPAGES) != full) {
    return absl::StrCat("with privvmpages at its limit the set-up ",
                        err == 0 ? "succeeded" : "failed", " but left ",
                        need.priv, " writable pages mapped and privvmpages at ",
                        Held(ub, UB_PRIVVMPAGES), " of ", full,
                        ": a refused charge must leave no writable VMA");
  }
  return "";
}

}  // namespace

Verdict CheckVmaAccounting(const arch_ops& arch, const PortingRule& rule) {
  if (arch.exec_setup_pages == nullptr) return check::NoSite(arch, rule);
  std::string built;
  bool writable = false;
  if (std::string bad = RunSetUp(arch, &built, &writable); !bad.empty()) {
    return Judge(rule, false, bad);
  }
  bool skipped = false;
  if (std::string bad = RunRefused(arch, &skipped); !bad.empty()) {
    return Judge(rule, false, bad);
  }
  const char* at_limit = !writable ? "nothing writable to refuse"
                         : skipped ? "the writable VMA is skipped"
                                   : "the set-up fails";
  return Judge(rule, true,
               absl::StrCat("built ", built,
                            "; charged as mapped and given back at exit; at "
                            "the privvmpages limit ",
                            at_limit, " with nothing charged"));
}

// ---- R2 ----------------------------------------------------------------

namespace {

constexpr int kCrashers = 300;
constexpr int64_t kCrashIntervalNs = 200 * 1000 * 1000;  // 300 in 60 s

// printk_ratelimit()'s budget over `seconds`: its burst of 10, then one
// message per 5 s.
uint64_t RatelimitBudget(int64_t seconds) { return 10 + seconds / 5; }

// kCrashers processes of VE 101, one after the other, each making the
// arch's user-triggerable reports once and dying of it. Returns the lines
// the host log gained.
uint64_t FloodFromVe(const arch_ops& arch, int sysctl, std::string* first) {
  World w(arch);
  int saved = 0;
  if (arch.fault_report_sysctl != nullptr) {
    saved = *arch.fault_report_sysctl;
    *arch.fault_report_sysctl = sysctl;
  }
  auto cpu = w.k.BindCpu(0, w.httpd);
  const uint64_t mark = w.HostMark();
  for (int i = 0; i < kCrashers; ++i) {
    auto crasher = w.k.Fork(w.httpd, "segv");
    if (!crasher.ok()) break;
    (void)cpu->SwitchTo(*crasher);
    if (arch.user_unaligned != nullptr) {
      arch.user_unaligned(0x601001UL + 8 * i);
    }
    if (arch.user_fault != nullptr) arch.user_fault(0xdead0000UL + 4096 * i);
    (void)cpu->SwitchTo(w.httpd);
    w.k.DeliverFatalSignals();
    w.k.AdvanceClock(kCrashIntervalNs);
  }
  if (arch.fault_report_sysctl != nullptr) *arch.fault_report_sysctl = saved;
  const std::string leaked = w.HostLogSince(mark);
  *first = leaked.substr(0, leaked.find('\n'));
  return std::count(leaked.begin(), leaked.end(), '\n');
}

}  // namespace

Verdict CheckNoHostLogFlooding(const arch_ops& arch, const PortingRule& rule) {
  if (arch.user_fault == nullptr && arch.user_unaligned == nullptr) {
    return check::NoSite(arch, rule);
  }
  const uint64_t budget =
      RatelimitBudget(kCrashers * kCrashIntervalNs / 1000000000);
  std::vector<int> settings = {-1};
  if (arch.fault_report_sysctl != nullptr) settings = {0, 1};
  std::string what;
  for (int setting : settings) {
    std::string first;
    const uint64_t lines = FloodFromVe(arch, setting, &first);
    const std::string knob =
        setting < 0 ? ""
                    : absl::StrCat(" (its report sysctl at ", setting, ")");
    if (lines > budget) {
      return Judge(rule, false,
                   absl::StrCat(kCrashers, " crashing processes of VE 101 in ",
                                kCrashers * kCrashIntervalNs / 1000000000,
                                " s put ", lines, " lines in the host log",
                                knob, ", starting with \"", first,
                                "\"; printk_ratelimit() would allow ", budget,
                                ": report with ve_printk(VE_LOG, ...) or "
                                "rate-limit the host's copy"));
    }
    absl::StrAppend(&what, what.empty() ? "" : "; ", lines, " host lines",
                    knob);
  }
  return Judge(
      rule, true,
      absl::StrCat(kCrashers, " crashing processes of VE 101: ", what,
                   ", within the ", budget, " printk_ratelimit() ", "allows"));
}

}  // namespace vzsim
