// The reference model's rules, each from the 2.6.18 OpenVZ kernel (the
// sources named in each section's banner, and the function named where one
// rule needs it). Written as plainly as possible: linear scans over small maps.
#include "tests/property/reference_model.h"

#include <algorithm>
#include <cerrno>
#include <csignal>

#include "absl/strings/str_cat.h"

namespace vzsim::model {
namespace {

std::string Expect(const char* op, int want, int got) {
  if (want == got) return "";
  return absl::StrCat(op, ": the model expects errno ", want,
                      ", the kernel gave ", got);
}

// The default action of the signal ends the process (no handlers are
// installed by the property test).
bool DefaultIsFatal(int sig) {
  switch (sig) {
    case SIGCHLD:
    case SIGCONT:
    case SIGURG:
    case SIGWINCH:
    case SIGSTOP:
    case SIGTSTP:
    case SIGTTIN:
    case SIGTTOU:
      return false;
    default:
      return true;
  }
}

unsigned long PageOf(unsigned long addr) { return addr >> kPageShift; }
unsigned long PagesIn(unsigned long len) {
  return (len + (1UL << kPageShift) - 1) >> kPageShift;
}

}  // namespace

ReferenceModel::ReferenceModel() {
  Task init;
  init.pid = init.vpid = init.tgid = init.pgrp = init.vpgrp = kHostInit;
  tasks_[kHostInit] = init;
  groups_[kHostInit] = {kHostInit};
  ves_[0].init = kHostInit;
  ubs_[0];
}

Task* ReferenceModel::Find(pid_t pid) {
  auto it = tasks_.find(pid);
  return it == tasks_.end() ? nullptr : &it->second;
}

// nr_threads: the members of the group that have not exited yet.
int ReferenceModel::LiveThreads(pid_t tgid) const {
  auto g = groups_.find(tgid);
  if (g == groups_.end()) return 0;
  int n = 0;
  for (pid_t m : g->second) n += !tasks_.at(m).exited;
  return n;
}

bool ReferenceModel::Reapable(const Task& leader) const {
  return leader.zombie && LiveThreads(leader.tgid) == 0;
}

bool ReferenceModel::IsVeInit(const Task& t) const {
  auto ve = ves_.find(t.ve);
  return ve != ves_.end() && ve->second.init == t.pid;
}

// Section 3: init (the host's, or a VE's) reaps its zombie children itself.
bool ReferenceModel::ReapsAutomatically(pid_t parent) const {
  auto it = tasks_.find(parent);
  return it != tasks_.end() && it->second.alive && IsVeInit(it->second);
}

// Section 3, find_new_reaper(): another live thread of the dying task's
// group (the next one in creation order), then the init of the orphan's
// VE, then host init.
pid_t ReferenceModel::ReaperFor(const Task& dying, const Task& orphan) {
  const std::vector<pid_t>& ring = groups_[dying.tgid];
  const size_t at =
      std::find(ring.begin(), ring.end(), dying.pid) - ring.begin();
  for (size_t k = 1; k < ring.size(); ++k) {
    const pid_t m = ring[(at + k) % ring.size()];
    if (tasks_.at(m).alive) return m;
  }
  if (orphan.ve != 0) {
    const pid_t init = ves_[orphan.ve].init;
    if (init != 0 && init != dying.pid && tasks_.at(init).alive) return init;
  }
  return kHostInit;
}

bool ReferenceModel::Fits(uint32_t ub, int res, uint64_t val,
                          Strictness strict) {
  Beancounter& b = ubs_[ub];
  const uint64_t bound = strict == kHard   ? b.barrier[res]
                         : strict == kSoft ? b.limit[res]
                                           : kMaxValue;
  if (Held(ub, res) + val > bound) {
    ++b.failcnt[res];
    return false;
  }
  return true;
}

void AddressSpace::Tally(uint8_t flags, int sign) {
  if (flags & kPrivVm) priv_ += sign;
  if (flags & kLocked) locked_ += sign;
}

void AddressSpace::Set(unsigned long page, uint8_t flags) {
  auto [it, added] = pages_.emplace(page, flags);
  if (!added) Tally(it->second, -1);
  it->second = flags;
  Tally(flags, +1);
}

void AddressSpace::Erase(unsigned long first, unsigned long end) {
  auto it = pages_.lower_bound(first);
  while (it != pages_.end() && it->first < end) {
    Tally(it->second, -1);
    it = pages_.erase(it);
  }
}

// Section 5: what each resource holds is what its live objects account
// for. Tasks count until they are reaped.
uint64_t ReferenceModel::Held(uint32_t ub, int res) const {
  uint64_t n = 0;
  switch (res) {
    case kNumProc:
    case kKmemSize:
      for (const auto& [pid, t] : tasks_) {
        if (t.ub == ub) n += res == kNumProc ? 1 : kTaskKmem;
      }
      if (res == kKmemSize) {
        for (const auto& [id, mm] : mms_) n += mm.ub == ub ? kMmKmem : 0;
      }
      return n;
    case kPrivVmPages:
    case kLockedPages:
      for (const auto& [id, mm] : mms_) {
        if (mm.ub == ub) n += mm.Count(res == kPrivVmPages ? kPrivVm : kLocked);
      }
      return n;
    case kNumFlock: {
      auto it = ubs_.find(ub);
      return it == ubs_.end() ? 0 : it->second.explicit_held;
    }
    default:
      return 0;
  }
}

std::map<uint32_t, std::array<uint64_t, kResources>> ReferenceModel::AllHeld()
    const {
  std::map<uint32_t, std::array<uint64_t, kResources>> held;
  for (const auto& [id, ub] : ubs_) {
    held[id].fill(0);
    held[id][kNumFlock] = ub.explicit_held;
  }
  for (const auto& [pid, t] : tasks_) {
    held[t.ub][kNumProc] += 1;
    held[t.ub][kKmemSize] += kTaskKmem;
  }
  for (const auto& [id, mm] : mms_) {
    held[mm.ub][kKmemSize] += kMmKmem;
    held[mm.ub][kPrivVmPages] += mm.Count(kPrivVm);
    held[mm.ub][kLockedPages] += mm.Count(kLocked);
  }
  return held;
}

// Section 4: from ve0 everything is visible by global pid; from a VE only
// its own tasks, by virtual pid.
pid_t ReferenceModel::Visible(uint32_t ve, pid_t nr) const {
  for (const auto& [pid, t] : tasks_) {
    if (ve == 0 ? pid == nr : t.ve == ve && t.vpid == nr) return pid;
  }
  return 0;
}

int ReferenceModel::ProcessesVisible(uint32_t ve) const {
  int n = 0;
  for (const auto& [pid, t] : tasks_)
    n += t.pid == t.tgid && (ve == 0 || t.ve == ve);
  return n;
}

// ---- tasks (kernel/fork.c, kernel/exit.c, kernel/pid.c) ----

std::string ReferenceModel::Fork(pid_t parent, bool thread, int err,
                                 pid_t child_pid, pid_t child_vpid) {
  Task* p = Find(parent);
  int want = 0;
  if (p == nullptr || !p->alive) {
    want = ESRCH;
  } else if (!ves_[p->ve].running) {
    want = ENOMEM;  // a stopping VE takes no new tasks
  } else if (!Fits(p->ub, kNumProc, 1, kHard) ||
             !Fits(p->ub, kKmemSize, kTaskKmem, kHard)) {
    want = ENOMEM;  // ub_task_charge()
  } else if (!thread && p->mm != 0) {
    // dup_mmap(): a charged copy, without the locks (mlock is not
    // inherited).
    const uint64_t priv = mms_[p->mm].Count(kPrivVm);
    if (!Fits(p->ub, kKmemSize, kTaskKmem + kMmKmem, kHard) ||
        (priv > 0 && !Fits(p->ub, kPrivVmPages, priv, kHard))) {
      want = ENOMEM;
    }
  }
  if (std::string e = Expect("fork", want, err); !e.empty() || err != 0) {
    return e;
  }
  // The kernel's pid choice: new on the host, and new in the VE.
  if (child_pid <= 0 || tasks_.count(child_pid)) {
    return absl::StrCat("fork gave pid ", child_pid, ", which is in use");
  }
  for (const auto& [pid, t] : tasks_) {
    if (p->ve != 0 && t.ve == p->ve && t.vpid == child_vpid) {
      return absl::StrCat("fork gave vpid ", child_vpid, " in VE ", p->ve,
                          ", which is in use");
    }
  }
  if (p->ve == 0 && child_vpid != child_pid) {
    return "fork: a host task's vpid differs from its pid";
  }
  Task c;
  c.pid = child_pid;
  c.vpid = child_vpid;
  c.ve = p->ve;
  c.ub = p->ub;
  c.pgrp = p->pgrp;
  c.vpgrp = p->vpgrp;
  if (thread) {
    c.tgid = p->tgid;
    c.parent = tasks_.at(p->tgid).parent;
    c.mm = p->mm;
    if (c.mm != 0) ++mms_[c.mm].users;
    groups_[c.tgid].push_back(c.pid);
  } else {
    c.tgid = c.pid;
    c.parent = p->pid;
    if (p->mm != 0) {
      AddressSpace copy;
      copy.users = 1;
      copy.ub = p->ub;
      for (const auto& [page, flags] : mms_[p->mm].pages()) {
        copy.Set(page, flags & ~kLocked);
      }
      c.mm = next_mm_++;
      mms_[c.mm] = std::move(copy);
    }
    groups_[c.pid] = {c.pid};
  }
  tasks_[c.pid] = c;
  return "";
}

void ReferenceModel::DropMm(Task& t) {
  if (t.mm == 0) return;
  if (--mms_[t.mm].users == 0) mms_.erase(t.mm);
  t.mm = 0;
}

void ReferenceModel::Release(pid_t pid) {
  const Task t = tasks_.at(pid);
  auto ve = ves_.find(t.ve);
  if (ve != ves_.end() && ve->second.init == pid) ve->second.init = 0;
  std::vector<pid_t>& ring = groups_[t.tgid];
  ring.erase(std::remove(ring.begin(), ring.end(), pid), ring.end());
  if (ring.empty()) groups_.erase(t.tgid);
  tasks_.erase(pid);
}

void ReferenceModel::Notify(pid_t leader) {
  if (ReapsAutomatically(tasks_.at(leader).parent)) Release(leader);
}

// Section 2: the exit of a VE's init stops the VE and kills the rest of it.
void ReferenceModel::StopVe(uint32_t veid, pid_t dying_init) {
  ves_[veid].running = false;
  std::vector<pid_t> victims;
  for (const auto& [pid, t] : tasks_) {
    if (t.ve == veid && t.pid == t.tgid &&
        t.tgid != tasks_.at(dying_init).tgid) {
      victims.push_back(pid);
    }
  }
  for (pid_t v : victims) {
    if (Find(v) != nullptr && LiveThreads(v) > 0) DoExitGroup(v);
  }
  const std::vector<pid_t> ring = groups_[tasks_.at(dying_init).tgid];
  for (pid_t m : ring) {
    Task* t = Find(m);
    if (m != dying_init && t != nullptr && t->alive) DoExit(m);
  }
}

// do_exit(): the task's mm goes, its children go to their reaper, and it
// is reaped at once (a thread), or becomes a zombie (a leader).
void ReferenceModel::DoExit(pid_t pid) {
  tasks_.at(pid).alive = false;
  if (tasks_.at(pid).ve != 0 && IsVeInit(tasks_.at(pid)))
    StopVe(tasks_.at(pid).ve, pid);
  DropMm(tasks_.at(pid));
  std::vector<pid_t> children;
  for (const auto& [cp, c] : tasks_) {
    if (c.pid == c.tgid && c.parent == pid) children.push_back(cp);
  }
  for (pid_t cp : children) {
    Task* c = Find(cp);
    if (c == nullptr) continue;
    c->parent = ReaperFor(tasks_.at(pid), *c);
    if (Reapable(*c) && ReapsAutomatically(c->parent)) Release(cp);
  }
  Task& t = tasks_.at(pid);
  t.exited = true;
  const pid_t leader = t.tgid;
  if (pid != leader) {
    Release(pid);
    if (Reapable(tasks_.at(leader))) Notify(leader);
    return;
  }
  t.zombie = true;
  if (Reapable(t)) Notify(pid);
}

void ReferenceModel::DoExitGroup(pid_t tgid) {
  // Host init's group never exits; a group with no thread left has nothing to
  // do.
  if (tgid == kHostInit || LiveThreads(tgid) == 0) return;
  // The leader's state is read first: if it is a zombie already, the exit
  // of its last thread may reap it.
  const bool leader_alive = tasks_.at(tgid).alive;
  const std::vector<pid_t> ring = groups_[tgid];
  for (pid_t m : ring) {
    Task* t = Find(m);
    if (m != tgid && t != nullptr && t->alive) DoExit(m);
  }
  if (leader_alive) DoExit(tgid);
}

std::string ReferenceModel::Exit(pid_t task, bool group, int err) {
  Task* t = Find(task);
  int want = 0;
  if (group) {
    want = t == nullptr                ? ESRCH
           : t->tgid == kHostInit      ? EPERM
           : LiveThreads(t->tgid) == 0 ? ESRCH
                                       : 0;
  } else {
    want = t == nullptr || !t->alive ? ESRCH : task == kHostInit ? EPERM : 0;
  }
  if (std::string e = Expect(group ? "exit_group" : "exit", want, err);
      !e.empty() || err != 0) {
    return e;
  }
  if (group) {
    DoExitGroup(t->tgid);
  } else {
    DoExit(task);
  }
  return "";
}

std::string ReferenceModel::Wait(pid_t parent, int err, pid_t reaped) {
  Task* p = Find(parent);
  int want = 0;
  std::vector<pid_t> reapable;
  if (p == nullptr || !p->alive) {
    want = ESRCH;
  } else {
    const std::vector<pid_t>& ring = groups_[p->tgid];
    bool any = false;
    for (const auto& [cp, c] : tasks_) {
      if (c.pid != c.tgid) continue;
      if (std::find(ring.begin(), ring.end(), c.parent) == ring.end()) continue;
      any = true;
      if (Reapable(c)) reapable.push_back(cp);
    }
    want = any ? 0 : ECHILD;
  }
  if (std::string e = Expect("wait", want, err); !e.empty() || err != 0) {
    return e;
  }
  if (reaped == 0) {
    return reapable.empty() ? "" : "wait reaped nothing, with a zombie child";
  }
  if (std::find(reapable.begin(), reapable.end(), reaped) == reapable.end()) {
    return absl::StrCat("wait reaped ", reaped, ", not a reapable child");
  }
  Release(reaped);
  return "";
}

// ---- VEs (kernel/ve/vecalls.c) ----

void ReferenceModel::MoveToVe(Task& t, uint32_t veid, pid_t vpid) {
  t.ve = veid;
  t.vpid = vpid;
  t.vpgrp = 1;  // the VE has no number for a host group: init's
  t.ub = veid;  // the vzctl convention: ub id == veid, charges move
  if (t.mm != 0) mms_[t.mm].ub = veid;
}

std::string ReferenceModel::CreateVe(pid_t caller, uint32_t veid, int err) {
  Task* c = Find(caller);
  const int want = c == nullptr || !c->alive                        ? ESRCH
                   : c->ve != 0 || caller == kHostInit              ? EPERM
                   : ves_.count(veid)                               ? EEXIST
                   : c->pid != c->tgid || LiveThreads(c->tgid) != 1 ? EBUSY
                                                                    : 0;
  if (std::string e = Expect("create VE", want, err); !e.empty() || err != 0) {
    return e;
  }
  ves_[veid] = Ve{true, caller};
  ubs_[veid];
  c->pgrp = caller;  // init leads its own group and session
  MoveToVe(*c, veid, 1);
  return "";
}

std::string ReferenceModel::EnterVe(pid_t caller, uint32_t veid, int err,
                                    pid_t new_vpid) {
  Task* c = Find(caller);
  auto ve = ves_.find(veid);
  const int want =
      c == nullptr || !c->alive           ? ESRCH
      : c->ve != 0 || caller == kHostInit ? EPERM
      : ve == ves_.end()                  ? ESRCH
      : veid == 0                         ? EINVAL
      : !ve->second.running || c->pid != c->tgid || LiveThreads(c->tgid) != 1
          ? EBUSY
          : 0;
  if (std::string e = Expect("enter VE", want, err); !e.empty() || err != 0) {
    return e;
  }
  for (const auto& [pid, t] : tasks_) {
    if (t.ve == veid && t.vpid == new_vpid) {
      return absl::StrCat("enter VE gave vpid ", new_vpid, ", in use");
    }
  }
  MoveToVe(*c, veid, new_vpid);
  return "";
}

std::string ReferenceModel::DestroyVe(uint32_t veid, int err) {
  auto ve = ves_.find(veid);
  bool has_tasks = false;
  for (const auto& [pid, t] : tasks_) has_tasks |= t.ve == veid;
  const int want = veid == 0                         ? EPERM
                   : ve == ves_.end()                ? ESRCH
                   : ve->second.running || has_tasks ? EBUSY
                                                     : 0;
  if (std::string e = Expect("destroy VE", want, err); !e.empty() || err != 0) {
    return e;
  }
  ves_.erase(veid);  // its beancounter stays, as in the kernel's ub hash
  return "";
}

// ---- signals (kernel/signal.c) ----

std::string ReferenceModel::Kill(pid_t sender, pid_t pid, int sig, int err) {
  Task* s = Find(sender);
  if (s == nullptr || !s->alive) return Expect("kill", ESRCH, err);
  const uint32_t env = s->ve;
  std::vector<pid_t> targets;
  if (pid > 0) {
    for (const auto& [gp, t] : tasks_) {
      if (env == 0 ? gp == pid : t.ve == env && t.vpid == pid) {
        targets.push_back(gp);
      }
    }
  } else {
    const pid_t group = pid < 0 ? -pid : env == 0 ? s->pgrp : s->vpgrp;
    for (const auto& [gp, t] : tasks_) {
      if (t.pid != t.tgid || (env != 0 && t.ve != env)) continue;
      if (!t.alive && LiveThreads(t.tgid) == 0) continue;
      if (pid == -1) {
        // Everyone but init (the host's or the VE's) and the caller.
        if (gp == s->tgid || gp == kHostInit ||
            (env != 0 && gp == ves_[env].init)) {
          continue;
        }
      } else if ((env == 0 ? t.pgrp : t.vpgrp) != group) {
        continue;
      }
      targets.push_back(gp);
    }
  }
  if (std::string e = Expect("kill", targets.empty() ? ESRCH : 0, err);
      !e.empty() || err != 0 || sig == 0) {
    return e;
  }
  std::vector<pid_t> victims;
  for (pid_t gp : targets) {
    const Task& t = tasks_.at(gp);
    const Task& leader = tasks_.at(t.tgid);
    // Host init takes nothing unhandled; a VE's init nothing from its VE.
    if (leader.pid == kHostInit) continue;
    if (leader.ve != 0 && IsVeInit(leader) && env == leader.ve) continue;
    if (t.alive && DefaultIsFatal(sig)) victims.push_back(gp);
  }
  for (pid_t v : victims) {
    Task* t = Find(v);
    if (t != nullptr && LiveThreads(t->tgid) > 0) DoExitGroup(t->tgid);
  }
  return "";
}

// ---- address spaces (mm/mmap.c, mm/mlock.c) ----

std::string ReferenceModel::Mmap(pid_t task, unsigned long pages, bool writable,
                                 bool locked, int err, unsigned long addr) {
  Task* t = Find(task);
  int want = 0;
  if (t == nullptr || !t->alive) {
    want = ESRCH;
  } else if (t->mm == 0) {
    // mm_alloc() at first use: kmemsize (HARD), then a one-page stack that
    // is a kernel-built VMA (SOFT).
    if (!Fits(t->ub, kKmemSize, kMmKmem, kHard) ||
        !Fits(t->ub, kPrivVmPages, 1, kSoft)) {
      want = ENOMEM;
    } else {
      AddressSpace mm;
      mm.users = 1;
      mm.ub = t->ub;
      mm.Set(kStackTopPage - 1, kPrivVm);
      t->mm = next_mm_++;
      mms_[t->mm] = std::move(mm);
    }
  }
  if (want == 0) {
    const uint32_t ub = mms_[t->mm].ub;
    if ((locked && !Fits(ub, kLockedPages, pages, kHard)) ||
        (writable && !Fits(ub, kPrivVmPages, pages, kHard))) {
      want = ENOMEM;
    }
  }
  if (std::string e = Expect("mmap", want, err); !e.empty() || err != 0) {
    return e;
  }
  AddressSpace& mine = mms_[t->mm];
  if (addr == 0 || (addr & ((1UL << kPageShift) - 1)) != 0) {
    return absl::StrCat("mmap gave a bad address ", addr);
  }
  for (unsigned long p = PageOf(addr); p < PageOf(addr) + pages; ++p) {
    if (mine.Has(p)) {
      return absl::StrCat("mmap gave ", addr, ", over a mapped page");
    }
    mine.Set(p, (writable ? kPrivVm : 0) | (locked ? kLocked : 0));
  }
  return "";
}

std::string ReferenceModel::Munmap(pid_t task, unsigned long start,
                                   unsigned long len, int err) {
  Task* t = Find(task);
  const int want = t == nullptr || !t->alive || t->mm == 0 ? ESRCH : 0;
  if (std::string e = Expect("munmap", want, err); !e.empty() || err != 0) {
    return e;
  }
  mms_[t->mm].Erase(PageOf(start), PageOf(start) + PagesIn(len));
  return "";
}

std::string ReferenceModel::Mlock(pid_t task, unsigned long start,
                                  unsigned long len, bool lock, int err) {
  Task* t = Find(task);
  int want = t == nullptr || !t->alive || t->mm == 0 ? ESRCH : 0;
  const unsigned long first = PageOf(start);
  const unsigned long end = PageOf(start) + PagesIn(len);
  if (want == 0) {
    AddressSpace& mm = mms_[t->mm];
    uint64_t to_lock = 0;
    for (unsigned long p = first; p < end; ++p) {
      if (!mm.Has(p)) {
        want = ENOMEM;  // a hole in the range
        break;
      }
      to_lock += !(mm.FlagsOf(p) & kLocked);
    }
    if (want == 0 && lock && to_lock > 0 &&
        !Fits(mm.ub, kLockedPages, to_lock, kHard)) {
      want = ENOMEM;
    }
  }
  if (std::string e = Expect(lock ? "mlock" : "munlock", want, err);
      !e.empty() || err != 0) {
    return e;
  }
  for (unsigned long p = first; p < end; ++p) {
    AddressSpace& mm = mms_[t->mm];
    const uint8_t flags = mm.FlagsOf(p);
    mm.Set(p, lock ? (flags | kLocked) : (flags & ~kLocked));
  }
  return "";
}

// ---- beancounters (kernel/ub/beancounter.c, kernel/ub/ub_pages.c) ----

std::string ReferenceModel::SetLimit(uint32_t ub, int res, uint64_t barrier,
                                     uint64_t limit, int err) {
  const int want = !ubs_.count(ub) ? ENOENT : barrier > limit ? EINVAL : 0;
  if (std::string e = Expect("setublimit", want, err); !e.empty() || err != 0) {
    return e;
  }
  ubs_[ub].barrier[res] = barrier;
  ubs_[ub].limit[res] = limit;
  return "";
}

std::string ReferenceModel::Charge(uint32_t ub, uint64_t val, Strictness strict,
                                   int err) {
  const int want = Fits(ub, kNumFlock, val, strict) ? 0 : ENOMEM;
  if (std::string e = Expect("charge", want, err); !e.empty() || err != 0) {
    return e;
  }
  ubs_[ub].explicit_held += val;
  return "";
}

void ReferenceModel::Uncharge(uint32_t ub, uint64_t val) {
  ubs_[ub].explicit_held -= std::min(val, ubs_[ub].explicit_held);
}

}  // namespace vzsim::model
