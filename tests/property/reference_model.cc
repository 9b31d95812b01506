// The reference model's rules, each from the 2.6.18 OpenVZ kernel (the
// sources named in each section's banner, and the function named where one
// rule needs it). Written as plainly as possible: linear scans over small maps.
#include "tests/property/reference_model.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <iterator>
#include <set>

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
  init.pid = init.vpid = init.vtgid = init.tgid = init.pgrp = init.vpgrp =
      init.session = kHostInit;
  init.files = kFileBatch;  // forked by the boot task into unlimited ub0
  tasks_[kHostInit] = init;
  groups_[kHostInit] = {kHostInit};
  ves_[0].init = kHostInit;
  ubs_.emplace(0, Beancounter(/*unlimited=*/true));
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

// Host init reaps its zombie children itself (/sbin/init); so, as the
// simulation's convenience, does a VE's init, running or waiting in
// do_initproc_exit() (where the kernel reaps for it).
bool ReferenceModel::ReapsAutomatically(pid_t parent) const {
  auto it = tasks_.find(parent);
  return it != tasks_.end() && !it->second.exited && !it->second.zombie &&
         IsVeInit(it->second);
}

// kernel/exit.c: forget_original_parent(): another thread of the dying
// task's group that is not a zombie yet (the next one in creation order),
// then the init of the orphan's own VE whatever its state, host init for an
// orphan that is that init.
pid_t ReferenceModel::ReaperFor(const Task& dying, const Task& orphan) {
  const std::vector<pid_t>& ring = groups_[dying.tgid];
  const size_t at =
      std::find(ring.begin(), ring.end(), dying.pid) - ring.begin();
  for (size_t k = 1; k < ring.size(); ++k) {
    const pid_t m = ring[(at + k) % ring.size()];
    if (!tasks_.at(m).exited && !tasks_.at(m).zombie) return m;
  }
  auto ve = ves_.find(orphan.ve);
  const pid_t init = ve == ves_.end() ? kHostInit : ve->second.init;
  if (init == orphan.pid || init == 0 || init == dying.pid) return kHostInit;
  return init;
}

int ReferenceModel::TasksOf(uint32_t veid) const {
  int n = 0;
  for (const auto& [pid, t] : tasks_) n += t.ve == veid;
  return n;
}

// kernel/ve/vecalls.c: alone_in_pgrp(): no other task is in a group or
// session named after `t`.
bool ReferenceModel::AloneInPgrp(const Task& t) const {
  if (t.pid == kHostInit) return false;  // the kernel threads share them
  for (const auto& [pid, o] : tasks_) {
    if (pid != t.pid && (o.pgrp == t.pid || o.session == t.pid)) return false;
  }
  return true;
}

// __charge_beancounter_locked(): UB_HARD stays within barrier and limit,
// UB_SOFT within the limit, UB_FORCE anything; equal passes.
bool ReferenceModel::Fits(uint32_t ub, int res, uint64_t val,
                          Strictness strict) {
  Beancounter& b = ubs_.at(ub);
  const uint64_t bound = strict == kHard
                             ? std::min(b.barrier[res], b.limit[res])
                         : strict == kSoft ? b.limit[res]
                                           : ~uint64_t{0};
  if (Held(ub, res) + val > bound) {
    ++b.failcnt[res];
    return false;
  }
  return true;
}

bool ReferenceModel::TaskCharge(uint32_t ub, uint64_t* files) {
  *files = 0;
  if (!Fits(ub, kNumProc, 1, kHard)) return false;
  const uint64_t numproc = Held(ub, kNumProc) + 1;  // this task included
  if (numproc <= (ubs_.at(ub).barrier[kNumFile] >> kFileQuantShift) &&
      Fits(ub, kNumFile, kFileBatch, kHard)) {
    *files = kFileBatch;
  }
  return true;
}

void ReferenceModel::Collect() {
  std::set<uint32_t> used = {0};
  for (const auto& [pid, t] : tasks_) used.insert(t.ub);
  for (const auto& [id, mm] : mms_) used.insert(mm.ub);
  for (auto it = ubs_.begin(); it != ubs_.end();) {
    it = used.count(it->first) ? std::next(it) : ubs_.erase(it);
  }
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
    case kNumFile:
      for (const auto& [pid, t] : tasks_) {
        if (t.ub == ub) n += res == kNumProc ? 1 : t.files;
      }
      if (res == kNumProc && ub == 0) n += kIdleTasks;
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
  held[0][kNumProc] += kIdleTasks;
  for (const auto& [pid, t] : tasks_) {
    held[t.ub][kNumProc] += 1;
    held[t.ub][kNumFile] += t.files;
  }
  for (const auto& [id, mm] : mms_) {
    held[mm.ub][kPrivVmPages] += mm.Count(kPrivVm);
    held[mm.ub][kLockedPages] += mm.Count(kLocked);
  }
  return held;
}

// kernel/pid.c: find_task_by_pid_type_ve(): from ve0 a global pid (never
// one with bit 10 set); from a VE a virtual number (bit 10, or 1) of its
// own mapping, or the global pid of one of its own tasks.
pid_t ReferenceModel::Visible(uint32_t ve, pid_t nr) const {
  const bool virtual_nr = (nr & kVpidDiv) != 0 || (nr == 1 && ve != 0);
  for (const auto& [pid, t] : tasks_) {
    if (virtual_nr) {
      if (ve != 0 && t.ve == ve && t.mapped && t.vpid == nr) return pid;
    } else if (pid == nr && (ve == 0 || t.ve == ve)) {
      return pid;
    }
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
  uint64_t files = 0;
  if (p == nullptr || !p->alive) {
    want = ESRCH;
  } else if (!TaskCharge(p->ub, &files)) {
    want = ENOMEM;  // ub_task_charge(): numproc
  } else if (!thread && p->mm != 0) {
    // dup_mmap(): a charged copy in the child's beancounter, without the
    // locks (mlock is not inherited).
    const uint64_t priv = mms_[p->mm].Count(kPrivVm);
    if (priv > 0 && !Fits(p->ub, kPrivVmPages, priv, kHard)) want = ENOMEM;
  }
  if (std::string e = Expect("fork", want, err); !e.empty() || err != 0) {
    return e;
  }
  // The kernel's pid choice: a free global number without bit 10 (kernel/
  // pid.c: alloc_pidmap()); in a VE (with virt_pids) the virtual pid is
  // that number + VPID_DIV (alloc_vpid()).
  if (child_pid <= 0 || tasks_.count(child_pid) ||
      (child_pid & kVpidDiv) != 0) {
    return absl::StrCat("fork gave pid ", child_pid,
                        ", in use or with bit 10 set");
  }
  const pid_t want_vpid = p->ve == 0 ? child_pid : child_pid + kVpidDiv;
  if (child_vpid != want_vpid) {
    return absl::StrCat("fork gave vpid ", child_vpid, ", the model ",
                        want_vpid);
  }
  Task c;
  c.pid = child_pid;
  c.vpid = child_vpid;
  c.mapped = p->ve != 0;
  c.ve = p->ve;
  c.ub = p->ub;
  c.files = files;
  c.pgrp = p->pgrp;
  c.vpgrp = p->vpgrp;
  c.session = p->session;
  if (thread) {
    c.vtgid = p->vtgid;
    c.tgid = p->tgid;
    c.parent = tasks_.at(p->tgid).parent;
    c.mm = p->mm;
    if (c.mm != 0) ++mms_[c.mm].users;
    groups_[c.tgid].push_back(c.pid);
  } else {
    c.vtgid = c.vpid;
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
  Collect();
}

void ReferenceModel::Release(pid_t pid) {
  const Task t = tasks_.at(pid);
  std::vector<pid_t>& ring = groups_[t.tgid];
  ring.erase(std::remove(ring.begin(), ring.end(), pid), ring.end());
  if (ring.empty()) groups_.erase(t.tgid);
  tasks_.erase(pid);
  Collect();  // its beancounter may have lost its last user
  // A stopped VE: its waiting init goes on when it is alone; with its last
  // task gone it leaves the list (env_cleanup()).
  auto ve = ves_.find(t.ve);
  if (t.ve == 0 || ve == ves_.end() || ve->second.running) return;
  const int left = TasksOf(t.ve);
  if (left == 0) {
    ves_.erase(ve);
  } else if (left == 1) {
    Task* init = Find(ve->second.init);
    if (init != nullptr && init->waiting) FinishInit(t.ve);
  }
}

void ReferenceModel::Notify(pid_t leader) {
  if (ReapsAutomatically(tasks_.at(leader).parent)) Release(leader);
}

// kernel/exit.c: do_initproc_exit(): the VE stops; SIGKILL to every other
// task of it; init waits until it is alone.
void ReferenceModel::StopVe(uint32_t veid, pid_t dying_init) {
  ves_[veid].running = false;
  tasks_.at(dying_init).waiting = true;
  std::vector<pid_t> victims;
  for (const auto& [pid, t] : tasks_) {
    if (t.ve == veid && pid != dying_init && t.alive) victims.push_back(pid);
  }
  for (pid_t v : victims) {
    Task* t = Find(v);
    if (t != nullptr && t->alive) DoExit(v);
  }
  if (Find(dying_init) != nullptr && tasks_.at(dying_init).waiting &&
      TasksOf(veid) == 1) {
    FinishInit(veid);
  }
}

// The rest of do_initproc_exit(): host init takes the init's place and
// becomes its parent; its exit goes on.
void ReferenceModel::FinishInit(uint32_t veid) {
  const pid_t init = ves_[veid].init;
  Task& t = tasks_.at(init);
  t.waiting = false;
  ves_[veid].init = kHostInit;
  t.parent = kHostInit;
  FinishExit(init);
}

// do_exit(): a VE's init stops its VE first; then the task's mm goes, its
// children go to their reaper, and it is reaped at once (a thread), or
// becomes a zombie (a leader).
void ReferenceModel::DoExit(pid_t pid) {
  tasks_.at(pid).alive = false;
  if (tasks_.at(pid).ve != 0 && IsVeInit(tasks_.at(pid))) {
    StopVe(tasks_.at(pid).ve, pid);
    return;
  }
  FinishExit(pid);
}

void ReferenceModel::FinishExit(pid_t pid) {
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
    Release(pid);  // may let a waiting init finish, and go
    if (Task* l = Find(leader); l != nullptr && Reapable(*l)) Notify(leader);
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

// ve_move_task(): the task joins the VE; vzsim moves its charges to the
// beancounter whose id is the veid (the vzctl convention).
void ReferenceModel::MoveToVe(Task& t, uint32_t veid) {
  t.ve = veid;
  // Its beancounters stay (ve_move_task() touches no charge).
}

// real_env_create() with VE_CREATE | VE_EXCLUSIVE, then do_env_create().
std::string ReferenceModel::CreateVe(pid_t caller, uint32_t veid, int err) {
  Task* c = Find(caller);
  const int want = c == nullptr || !c->alive                        ? ESRCH
                   : c->ve != 0                                     ? EPERM
                   : ves_.count(veid)                               ? EACCES
                   : c->pid != c->tgid || LiveThreads(c->tgid) != 1 ? EINVAL
                   : !AloneInPgrp(*c)                               ? EINVAL
                                                                    : 0;
  if (std::string e = Expect("create VE", want, err); !e.empty() || err != 0) {
    return e;
  }
  ves_[veid] = Ve{true, caller};
  MoveToVe(*c, veid);
  // Init: 1 inside; its own group and session, on the host too.
  c->vpid = c->vtgid = 1;
  c->mapped = true;
  c->pgrp = c->session = caller;
  c->vpgrp = 1;
  return "";
}

// real_env_create() with VE_ENTER, then do_env_enter(); vzsim refuses host
// init.
std::string ReferenceModel::EnterVe(pid_t caller, uint32_t veid, int err,
                                    pid_t new_vpid) {
  Task* c = Find(caller);
  auto ve = ves_.find(veid);
  const int want = c == nullptr || !c->alive                        ? ESRCH
                   : c->ve != 0                                     ? EPERM
                   : ve == ves_.end()                               ? ESRCH
                   : !ve->second.running                            ? EBUSY
                   : c->pid != c->tgid || LiveThreads(c->tgid) != 1 ? EINVAL
                   : caller == kHostInit                            ? EPERM
                                                                    : 0;
  if (std::string e = Expect("enter VE", want, err); !e.empty() || err != 0) {
    return e;
  }
  MoveToVe(*c, veid);
  // A task alone in its group and session gets pid + 1024; it leads only
  // what it led. Otherwise it keeps its host numbers. ve0 maps nothing.
  if (veid != 0 && AloneInPgrp(*c)) {
    c->vpid = c->vtgid = c->pid + kVpidDiv;
    c->mapped = true;
    if (c->pgrp == c->pid) c->vpgrp = c->vpid;
  }
  if (new_vpid != c->vpid) {
    return absl::StrCat("enter VE gave vpid ", new_vpid, ", the model ",
                        c->vpid);
  }
  return "";
}

// ---- signals (kernel/signal.c) ----

// kill_something_info(): the targets as the sender's VE sees them, the
// lookup before the signal number; then the effects.
std::string ReferenceModel::Kill(pid_t sender, pid_t pid, int sig, int err) {
  Task* s = Find(sender);
  if (s == nullptr || !s->alive) return Expect("kill", ESRCH, err);
  const uint32_t env = s->ve;
  auto in_view = [&](const Task& t) { return env == 0 || t.ve == env; };
  std::vector<pid_t> targets;
  if (pid > 0) {
    if (const pid_t gp = Visible(env, pid)) targets.push_back(gp);
  } else if (pid == -1) {
    // Every process in view but those whose vpid is 1 (every init) and the
    // sender's own group; zombies too.
    for (const auto& [gp, t] : tasks_) {
      if (t.pid == t.tgid && in_view(t) && t.vpid > 1 && t.tgid != s->tgid) {
        targets.push_back(gp);
      }
    }
  } else {
    // A group: 0 is the sender's global one; then a number that reads as
    // virtual is translated (1: init's group, init's own pid + 1024: none,
    // else - 1024), even the sender's own global group 1 inside a VE;
    // anything else is a global group number.
    pid_t group = pid == 0 ? s->pgrp : -pid;
    if (env != 0 && ((group & kVpidDiv) != 0 || group == 1)) {
      const pid_t init = ves_.at(env).init;
      group = group == 1                 ? init
              : group == init + kVpidDiv ? -1
                                         : group - kVpidDiv;
    } else if (env == 0 && (group & kVpidDiv) != 0) {
      group = -1;
    }
    for (const auto& [gp, t] : tasks_) {
      if (t.pid == t.tgid && in_view(t) && t.pgrp == group) {
        targets.push_back(gp);
      }
    }
  }
  const bool valid = sig >= 0 && sig <= 64;
  const int want = targets.empty() ? ESRCH : !valid ? EINVAL : 0;
  if (std::string e = Expect("kill", want, err);
      !e.empty() || err != 0 || sig == 0) {
    return e;
  }
  std::vector<pid_t> victims;
  for (pid_t gp : targets) {
    const Task& t = tasks_.at(gp);
    const Task& leader = tasks_.at(t.tgid);
    if (LiveThreads(t.tgid) == 0) continue;  // a zombie group
    // Host init never dies of a signal; a VE's init ignores, from its own
    // VE, what it has no handler for (sig_ve_ignored()).
    if (leader.pid == kHostInit) continue;
    if (env != 0 && ves_.at(env).init == gp) continue;
    if (DefaultIsFatal(sig)) victims.push_back(t.tgid);
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
    // mm_alloc() at first use, in the task's beancounter, with a one-page
    // stack that is a kernel-built VMA (SOFT).
    if (!Fits(t->ub, kPrivVmPages, 1, kSoft)) {
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
    // mlock_fixup(): a refused charge is -EAGAIN. (The range is one
    // mapping, so nothing of it is locked then.)
    if (want == 0 && lock && to_lock > 0 &&
        !Fits(mm.ub, kLockedPages, to_lock, kHard)) {
      want = EAGAIN;
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

std::string ReferenceModel::Mprotect(pid_t task, unsigned long start,
                                     unsigned long len, bool writable,
                                     int err) {
  Task* t = Find(task);
  int want = t == nullptr || !t->alive || t->mm == 0 ? ESRCH : 0;
  const unsigned long first = PageOf(start);
  const unsigned long end = PageOf(start) + PagesIn(len);
  if (want == 0) {
    // ub_protected_charge(): made writable, a private mapping's pages are
    // charged UB_SOFT; made read-only, they are given back.
    AddressSpace& mm = mms_[t->mm];
    uint64_t to_charge = 0;
    for (unsigned long p = first; p < end; ++p) {
      if (!mm.Has(p)) {
        want = ENOMEM;
        break;
      }
      to_charge += writable && !(mm.FlagsOf(p) & kPrivVm);
    }
    if (want == 0 && to_charge > 0 &&
        !Fits(mm.ub, kPrivVmPages, to_charge, kSoft)) {
      want = ENOMEM;
    }
  }
  if (std::string e = Expect("mprotect", want, err); !e.empty() || err != 0) {
    return e;
  }
  AddressSpace& mm = mms_[t->mm];
  for (unsigned long p = first; p < end; ++p) {
    const uint8_t flags = mm.FlagsOf(p);
    mm.Set(p, writable ? (flags | kPrivVm) : (flags & ~kPrivVm));
  }
  return "";
}

// ---- beancounters (kernel/ub/beancounter.c, kernel/ub/ub_pages.c) ----

std::string ReferenceModel::VzctlStart(uint32_t veid,
                                       const std::vector<Limit>& limits,
                                       int err, pid_t init_pid) {
  int want = 0;
  uint64_t files = 0;
  if (ves_.count(veid)) {
    want = EEXIST;
  } else {
    // setluid(VEID) makes the beancounter; setublimit sets its limits.
    Beancounter& ub = ubs_.try_emplace(veid).first->second;
    for (const Limit& l : limits) {
      ub.barrier[l.res] = l.barrier;
      ub.limit[l.res] = l.limit;
    }
    // Forking the init: vzctl is a copy of host init, address space
    // included, and the init a copy of vzctl, born into VEID: so is the
    // copy of the address space.
    const int host_mm = tasks_.at(kHostInit).mm;
    const uint64_t priv = host_mm == 0 ? 0 : mms_[host_mm].Count(kPrivVm);
    if (!TaskCharge(veid, &files) ||
        (priv > 0 && !Fits(veid, kPrivVmPages, priv, kHard))) {
      want = ENOMEM;
    }
  }
  std::string e = Expect("vzctl start", want, err);
  if (!e.empty() || err != 0) {
    Collect();  // with its vzctl gone, nothing may hold it any more
    return e;
  }
  if (init_pid <= 0 || tasks_.count(init_pid)) {
    return absl::StrCat("vzctl start gave pid ", init_pid, ", in use");
  }
  if ((init_pid & kVpidDiv) != 0) {
    return absl::StrCat("vzctl start gave pid ", init_pid, ", with bit 10");
  }
  // It set up its own session before creating the VE: 1 inside, its own
  // group and session on the host.
  Task init;
  init.pid = init.tgid = init.pgrp = init.session = init_pid;
  init.vpid = init.vtgid = init.vpgrp = 1;
  init.mapped = true;
  init.ve = veid;
  init.ub = veid;
  init.files = files;
  init.parent = kHostInit;  // vzctl exited
  if (const int host_mm = tasks_.at(kHostInit).mm; host_mm != 0) {
    AddressSpace copy;
    copy.users = 1;
    copy.ub = veid;
    for (const auto& [page, flags] : mms_[host_mm].pages()) {
      copy.Set(page, flags & ~kLocked);
    }
    init.mm = next_mm_++;
    mms_[init.mm] = std::move(copy);
  }
  tasks_[init_pid] = init;
  groups_[init_pid] = {init_pid};
  ves_[veid] = Ve{true, init_pid};
  return "";
}

// sys_setublimit(): any barrier and limit up to UB_MAXVALUE (barrier >
// limit included), checked before the beancounter is looked up.
std::string ReferenceModel::SetLimit(uint32_t ub, int res, uint64_t barrier,
                                     uint64_t limit, int err) {
  const int want = barrier > kMaxValue || limit > kMaxValue ? EINVAL
                   : !ubs_.count(ub)                        ? ENOENT
                                                            : 0;
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
