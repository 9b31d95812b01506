#include "tests/property/model_compare.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "include/ub/ub_vmpages.h"
#include "kernel/mm_record.h"
#include "ubc/beancounter.h"

namespace vzsim {
namespace {

using model::AddressSpace;
using model::ReferenceModel;

// What is compared, named only when it differs: this runs after every one
// of a million steps, so the equal case builds no string.
struct Who {
  const char* kind;
  long long id;
  const char* detail = "";
};

std::string Differs(const Who& who, const char* what, long long kernel,
                    long long mine) {
  if (kernel == mine) return "";
  return absl::StrCat(who.kind, " ", who.id, *who.detail ? " " : "", who.detail,
                      " ", what, ": the kernel has ", kernel, ", the model ",
                      mine);
}

// One address space: page counts always, pages one by one if `deep`.
std::string CompareMm(mm_struct* mm, const AddressSpace& want, bool deep,
                      const Who& who) {
  if (mm->mm_ub->ub_uid != want.ub) {
    return Differs(who, "beancounter", mm->mm_ub->ub_uid, want.ub);
  }
  uint64_t total = 0, locked = 0, priv = 0;
  std::map<unsigned long, uint8_t> pages;
  vzsim::RwsemWriteLock l(&mm->mmap_sem);
  for (vm_area_struct* v = mm->mmap; v != nullptr; v = v->vm_next) {
    const uint64_t n = (v->vm_end - v->vm_start) >> PAGE_SHIFT;
    const uint8_t flags =
        (VM_UB_PRIVATE(v->vm_flags, v->vm_file) ? model::kPrivVm : 0) |
        ((v->vm_flags & VM_LOCKED) ? model::kLocked : 0);
    total += n;
    if (flags & model::kLocked) locked += n;
    if (flags & model::kPrivVm) priv += n;
    if (deep) {
      for (unsigned long p = v->vm_start >> PAGE_SHIFT;
           p < v->vm_end >> PAGE_SHIFT; ++p) {
        pages[p] = flags;
      }
    }
  }
  std::string e = Differs(who, "mapped pages", total, want.pages().size());
  if (e.empty())
    e = Differs(who, "locked pages", locked, want.Count(model::kLocked));
  if (e.empty())
    e = Differs(who, "private writable pages", priv,
                want.Count(model::kPrivVm));
  if (e.empty())
    e = Differs(who, "locked_vm", mm->locked_vm, want.Count(model::kLocked));
  if (!e.empty() || !deep) return e;
  for (const auto& [page, flags] : want.pages()) {
    auto it = pages.find(page);
    if (it == pages.end()) {
      return absl::StrCat(who.kind, " ", who.id, " page ", page,
                          ": mapped in the model only");
    }
    if (it->second != flags) {
      return absl::StrCat(Differs(who, "page flags", it->second, flags),
                          " (page ", page, ")");
    }
  }
  return "";
}

}  // namespace

std::string CompareWithModel(Kernel& k, const ReferenceModel& m,
                             const std::vector<pid_t>& deep) {
  absl::ReaderMutexLock lock(&k.tasklist_lock());
  std::map<pid_t, task_struct*> kernel_tasks;
  k.ForEachTaskLocked([&](task_struct* t) { kernel_tasks[t->pid] = t; });
  for (const auto& [pid, t] : kernel_tasks) {
    if (!m.tasks().count(pid))
      return absl::StrCat("task ", pid, ": in the kernel only");
  }

  // Tasks, and which of them share an address space.
  std::map<int, mm_struct*> mm_of;
  std::map<mm_struct*, int> id_of;
  for (const auto& [pid, want] : m.tasks()) {
    auto it = kernel_tasks.find(pid);
    if (it == kernel_tasks.end())
      return absl::StrCat("task ", pid, ": in the model only");
    const task_struct* t = it->second;
    const Who who{"task", pid};
    std::string e = Differs(who, "vpid", t->vpid, want.vpid);
    if (e.empty())
      e = Differs(who, "VE", t->ve_task_info.owner_env->veid, want.ve);
    if (e.empty())
      e = Differs(who, "beancounter", t->task_bc.task_ub->ub_uid, want.ub);
    if (e.empty()) e = Differs(who, "tgid", t->tgid, want.tgid);
    if (e.empty()) e = Differs(who, "alive", task_alive(t), want.alive);
    if (e.empty())
      e = Differs(who, "zombie", t->exit_state == EXIT_ZOMBIE, want.zombie);
    if (e.empty()) e = Differs(who, "pgrp", t->pgrp, want.pgrp);
    if (e.empty()) e = Differs(who, "vpgrp", t->vpgrp, want.vpgrp);
    if (e.empty() && want.pid == want.tgid && want.pid != model::kHostInit) {
      e = Differs(who, "parent", t->real_parent->pid, want.parent);
    }
    if (!e.empty()) return e;
    if ((want.mm == 0) != (t->mm == nullptr)) {
      return Differs(who, "has an address space", t->mm != nullptr,
                     want.mm != 0);
    }
    if (want.mm == 0) continue;
    auto [m_it, m_new] = mm_of.emplace(want.mm, t->mm);
    auto [k_it, k_new] = id_of.emplace(t->mm, want.mm);
    if (m_it->second != t->mm || k_it->second != want.mm) {
      return absl::StrCat(
          "task ", pid,
          " shares an address space in one of kernel and model only");
    }
  }

  // VEs.
  std::vector<ve_struct*> ves = k.VeListLocked();
  if (ves.size() != m.ves().size()) {
    return Differs(Who{"VEs", 0}, "count", ves.size(), m.ves().size());
  }
  std::map<uint32_t, int> per_ve;
  for (const auto& [pid, t] : m.tasks()) ++per_ve[t.ve];
  for (const ve_struct* ve : ves) {
    auto it = m.ves().find(ve->veid);
    if (it == m.ves().end())
      return absl::StrCat("VE ", ve->veid, ": in the kernel only");
    const Who who{"VE", ve->veid};
    std::string e = Differs(who, "running", ve->is_running, it->second.running);
    if (e.empty()) {
      e = Differs(who, "init", ve->init_entry ? ve->init_entry->pid : 0,
                  it->second.init);
    }
    // ve0 also counts itself and the idle tasks of all CPUs but the first
    // (kernel/ve/ve.c: init_ve0()).
    const int extra = ve->veid == 0 ? k.nr_cpus() : 0;
    if (e.empty())
      e = Differs(who, "task count", atomic_read(&ve->pcounter) - extra,
                  per_ve[ve->veid]);
    if (!e.empty()) return e;
  }

  // Beancounters: the listed top-level ones, each resource but kmemsize and
  // numsiginfo (which the model leaves to KernelInvariants(): what is
  // queued when is the signal code's business, not the beancounters').
  const auto held = m.AllHeld();
  std::vector<user_beancounter*> ubs;
  for (user_beancounter* ub : k.ubs().List()) {
    if (ub->parent == nullptr) ubs.push_back(ub);
  }
  if (ubs.size() != m.beancounters().size()) {
    return Differs(Who{"beancounters", 0}, "count", ubs.size(),
                   m.beancounters().size());
  }
  for (const user_beancounter* ub : ubs) {
    auto it = m.beancounters().find(ub->ub_uid);
    if (it == m.beancounters().end())
      return absl::StrCat("UB ", ub->ub_uid, ": in the kernel only");
    if (vzsim::RecordOf(ub)->underflowed.load())
      return absl::StrCat("UB ", ub->ub_uid, " underflowed");
    for (int r = 0; r < UB_RESOURCES; ++r) {
      const ubparm& p = ub->ub_parms[r];
      const Who who{"UB", ub->ub_uid, ub_resource_name(r).data()};
      std::string e;
      if (r != model::kKmemSize && r != UB_NUMSIGINFO) {
        e = Differs(who, "held", vzsim::UbRead(p.held), held.at(ub->ub_uid)[r]);
      }
      if (e.empty())
        e = Differs(who, "failcnt", vzsim::UbRead(p.failcnt),
                    it->second.failcnt[r]);
      if (e.empty())
        e = Differs(who, "barrier", vzsim::UbRead(p.barrier),
                    it->second.barrier[r]);
      if (e.empty())
        e = Differs(who, "limit", vzsim::UbRead(p.limit), it->second.limit[r]);
      if (!e.empty()) return e;
    }
  }

  // Address spaces.
  for (const auto& [id, mm] : mm_of) {
    bool is_deep = false;
    for (pid_t pid : deep) {
      auto t = m.tasks().find(pid);
      is_deep |= t != m.tasks().end() && t->second.mm == id;
    }
    std::string e = CompareMm(mm, m.address_spaces().at(id), is_deep,
                              Who{"address space", id});
    if (!e.empty()) return e;
  }
  return "";
}

}  // namespace vzsim
