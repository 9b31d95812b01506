#include "tests/property/operations.h"

#include <algorithm>
#include <cstring>
#include <random>
#include <set>

#include "absl/strings/str_cat.h"
#include "include/ub/ub_vmpages.h"
#include "kernel/errno_status.h"
#include "kernel/irq.h"
#include "kernel/mm_record.h"
#include "kernel/mmap.h"
#include "kernel/signal.h"
#include "pid/pid.h"
#include "tests/property/model_compare.h"
#include "tests/property/reference_model.h"
#include "ubc/beancounter.h"
#include "ubc/kmem_sizes.h"
#include "ubc/ubc.h"
#include "vzctl/vzctl.h"

namespace vzsim {
namespace {

// Only the explicit charges use it, on ub0 (which is never released).
constexpr int kExplicitRes = UB_NUMFLOCK;
// Populations stay small so that comparing everything after every step
// stays cheap: past kMaxTasks a fork becomes an exit, past kMaxVmas an mmap
// becomes an munmap.
constexpr size_t kMaxTasks = 120;
constexpr size_t kMaxVmas = 12;
constexpr uint32_t kFirstVeid = 100, kVeids = 6;

// The simulated NIC's handler (IRQ 11): it allocates a buffer, charged to
// whatever beancounter the interrupt runs on (which must be the host's,
// rule R6), and notes which one that was.
constexpr int kNicIrq = 11;
constexpr uint64_t kNicBuffer = 512;
struct NicDevice {
  user_beancounter* charged = nullptr;
  int calls = 0;
};
irqreturn_t NicInterrupt(int, void* dev_id, struct pt_regs*) {
  auto* nic = static_cast<NicDevice*>(dev_id);
  nic->charged = get_exec_ub();
  ++nic->calls;
  charge_beancounter(nic->charged, UB_KMEMSIZE, kNicBuffer, UB_FORCE);
  return IRQ_HANDLED;
}

class Runner {
 public:
  std::string Run(const std::vector<Op>& ops) {
    if (!k_.RequestIrq(kNicIrq, {NicInterrupt, "nic", &nic_}).ok()) {
      return "cannot register the NIC";
    }
    k_.SetInterruptHook(&Runner::InterruptArrives, this);
    auto cpu = k_.BindCpu(0, k_.init_task());
    if (!cpu.ok()) return "cannot bind a CPU";
    cpu_ = &*cpu;
    for (size_t i = 0; i < ops.size(); ++i) {
      touched_.clear();
      Step(ops[i]);
      interrupt_next_ = false;
      (void)cpu_->SwitchTo(k_.init_task());
      if (error_.empty()) error_ = CompareWithModel(k_, model_, touched_);
      if (error_.empty()) error_ = KernelInvariants(k_, ExplicitCharges());
      if (!error_.empty()) {
        return absl::StrCat("step ", i, " ", Describe(ops[i]), ": ", error_);
      }
    }
    return "";
  }

 private:
  void Fail(const std::string& what) {
    if (error_.empty()) error_ = what;
  }

  // The NIC interrupts the operation in progress (at the kernel's interrupt
  // point inside fork or kill) when the step asked for it: the handler must
  // run as the host, and the operation must go on as if nothing happened.
  static void InterruptArrives(void* arg) {
    auto* self = static_cast<Runner*>(arg);
    if (!self->interrupt_next_) return;
    self->interrupt_next_ = false;
    irq_enter();
    __do_IRQ(kNicIrq, nullptr);
    if (self->nic_.charged != self->k_.ub0()) {
      self->Fail("an interrupt inside an operation charged a VE's beancounter");
    }
    uncharge_beancounter(self->nic_.charged, UB_KMEMSIZE, kNicBuffer);
    irq_exit();
  }

  // Makes `p` current and arms an interrupt for the next interrupt point.
  void InterruptDuringNextOperation(task_struct* p) {
    interrupt_next_ = cpu_->SwitchTo(p).ok();
  }

  std::map<uint32_t, uint64_t> ExplicitCharges() const {
    std::map<uint32_t, uint64_t> out;
    for (const auto& [id, ub] : model_.beancounters())
      out[id] = ub.explicit_held;
    return out;
  }

  // The live tasks, threads included, in the kernel's walk order: read once
  // at the start of each step, for Kind() and Pick().
  void ReadAlive() {
    alive_.clear();
    absl::ReaderMutexLock l(&k_.tasklist_lock());
    k_.ForEachTaskLocked([&](task_struct* t) {
      if (task_alive(t)) alive_.push_back(t);
    });
  }

  task_struct* Pick(uint32_t n) {
    if (alive_.empty()) return nullptr;
    task_struct* t = alive_[n % alive_.size()];
    touched_.push_back(t->pid);
    return t;
  }

  uint32_t Kind(const Op& op) {
    uint32_t kind = op.kind % kOpKinds;
    if ((kind == 0 || kind == 1 || kind == 15) && alive_.size() > kMaxTasks) {
      kind = 2;
    }
    if (kind == 7 && !alive_.empty()) {
      task_struct* p =
          alive_[op.a % alive_.size()];  // the task Pick(op.a) takes
      if (p->mm != nullptr) {
        vzsim::RwsemWriteLock l(&p->mm->mmap_sem);
        if (static_cast<size_t>(p->mm->map_count) > kMaxVmas) kind = 8;
      }
    }
    return kind;
  }

  void Step(const Op& op) {
    ReadAlive();
    const uint32_t kind = Kind(op);
    switch (kind) {
      case 0:    // fork
      case 1: {  // thread
        task_struct* p = Pick(op.a);
        if (p == nullptr) break;
        const pid_t parent = p->pid;
        if (op.c % 3 == 0) InterruptDuringNextOperation(p);
        auto child = k_.Fork(p, "t", kind == 1 ? CLONE_THREAD : 0);
        const pid_t pid = child.ok() ? (*child)->pid : 0;
        const pid_t vpid = child.ok() ? (*child)->vpid : 0;
        if (pid != 0) touched_.push_back(pid);
        Fail(
            model_.Fork(parent, kind == 1, ErrnoOf(child.status()), pid, vpid));
        break;
      }
      case 2: {  // exit of a thread or of a whole group
        task_struct* p = Pick(op.a);
        if (p == nullptr) break;
        const pid_t pid = p->pid;
        const bool group = op.b % 2 == 0;
        const absl::Status s = group ? k_.ExitGroup(p, 2) : k_.Exit(p, 1);
        Fail(model_.Exit(pid, group, ErrnoOf(s)));
        break;
      }
      case 3: {  // wait
        task_struct* p = Pick(op.a);
        if (p == nullptr) break;
        const pid_t pid = p->pid;
        auto r = k_.Wait(p, -1);
        Fail(model_.Wait(pid, ErrnoOf(r.status()), r.ok() ? r->pid : 0));
        break;
      }
      case 4: {  // create a VE
        task_struct* p = Pick(op.a);
        if (p == nullptr || p->ve_task_info.owner_env != k_.ve0()) break;
        const pid_t pid = p->pid;
        const uint32_t veid = kFirstVeid + op.b % kVeids;
        Fail(
            model_.CreateVe(pid, veid, ErrnoOf(k_.CreateVe(p, veid).status())));
        break;
      }
      case 5: {  // enter a VE
        task_struct* p = Pick(op.a);
        if (p == nullptr) break;
        const pid_t pid = p->pid;
        const uint32_t veid = kFirstVeid + op.b % kVeids;
        const int err = ErrnoOf(k_.EnterVe(p, veid));
        Fail(model_.EnterVe(pid, veid, err, err == 0 ? p->vpid : 0));
        break;
      }
      case 6: {  // kill (-1 and 0 included) from a random sender
        task_struct* s = Pick(op.a);
        if (s == nullptr) break;
        const pid_t sender = s->pid;
        static const int kSigs[] = {SIGTERM, SIGKILL, SIGUSR1, SIGCHLD, 0};
        const pid_t pid = op.b % 6 == 0   ? -1
                          : op.b % 6 == 1 ? 0
                                          : static_cast<pid_t>(op.b % 40);
        const int sig = kSigs[op.c % 5];
        if (op.c % 3 == 0) InterruptDuringNextOperation(s);
        Fail(model_.Kill(sender, pid, sig, ErrnoOf(k_.Kill(s, pid, sig))));
        break;
      }
      case 7: {  // mmap
        task_struct* p = Pick(op.a);
        if (p == nullptr) break;
        const pid_t pid = p->pid;
        const bool writable = op.c % 3 != 0;
        const bool locked = op.c % 4 == 1;
        const unsigned long pages = 1 + op.b % 64;
        auto addr =
            k_.Mmap(p, 0, pages * PAGE_SIZE,
                    writable ? PROT_READ | PROT_WRITE : PROT_READ,
                    MAP_PRIVATE | MAP_ANONYMOUS | (locked ? MAP_LOCKED : 0));
        Fail(model_.Mmap(pid, pages, writable, locked, ErrnoOf(addr.status()),
                         addr.ok() ? *addr : 0));
        break;
      }
      case 8:     // munmap (half of a mapping)
      case 9:     // mlock / munlock (a whole mapping)
      case 16: {  // mprotect (a whole mapping) to read-write or read-only
        task_struct* p = Pick(op.a);
        if (p == nullptr || p->mm == nullptr) break;
        const pid_t pid = p->pid;
        unsigned long start = 0, len = 0;
        {
          vzsim::RwsemWriteLock l(&p->mm->mmap_sem);
          if (p->mm->map_count == 0) break;
          vm_area_struct* v = p->mm->mmap;
          for (int i = op.b % p->mm->map_count; i > 0; --i) v = v->vm_next;
          start = v->vm_start;
          len = v->vm_end - start;
        }
        if (kind == 8) {
          len = std::max(PAGE_SIZE, len / 2 & PAGE_MASK);
          Fail(model_.Munmap(pid, start, len,
                             ErrnoOf(k_.Munmap(p, start, len))));
        } else if (kind == 16) {
          const bool writable = op.c % 2 == 1;
          const absl::Status s = k_.Mprotect(
              p, start, len, writable ? PROT_READ | PROT_WRITE : PROT_READ);
          Fail(model_.Mprotect(pid, start, len, writable, ErrnoOf(s)));
        } else {
          const bool lock = op.c % 2 == 1;
          const absl::Status s =
              lock ? k_.Mlock(p, start, len) : k_.Munlock(p, start, len);
          Fail(model_.Mlock(pid, start, len, lock, ErrnoOf(s)));
        }
        break;
      }
      case 10: {  // setublimit (barrier > limit is allowed)
        static const int kRes[] = {UB_PRIVVMPAGES, UB_LOCKEDPAGES, UB_NUMPROC,
                                   UB_NUMFILE};
        const uint64_t limit = op.c % 4 == 0 ? UB_MAXVALUE : 20 + op.c % 300;
        const uint64_t barrier = op.c % 7 == 3 ? limit + 5 : limit;
        const uint32_t id = kFirstVeid + op.a % kVeids;
        const int res = kRes[op.b % 4];
        const absl::Status s =
            k_.SetUbLimit(k_.init_task(), id, res, barrier, limit);
        Fail(model_.SetLimit(id, res, barrier, limit, ErrnoOf(s)));
        break;
      }
      case 11: {  // an explicit charge or uncharge on ub0's numflock
        const uint32_t id = 0;
        user_beancounter* ub = k_.ub0();
        const uint64_t mine = model_.beancounters().at(id).explicit_held;
        if (op.b % 3 == 0 && mine > 0) {
          const uint64_t v = 1 + op.c % mine;
          uncharge_beancounter(ub, kExplicitRes, v);
          model_.Uncharge(id, v);
          break;
        }
        if (op.c % 5 == 0) {
          Fail(model_.SetLimit(id, kExplicitRes, 10, 15,
                               -UbSetLimits(ub, kExplicitRes, 10, 15)));
        }
        const auto strict = static_cast<ub_severity>(op.b % 3);
        const uint64_t v = 1 + op.c % 7;
        const int err = -charge_beancounter(ub, kExplicitRes, v, strict);
        Fail(model_.Charge(id, v, static_cast<model::Strictness>(strict), err));
        // Never above the bound after a successful HARD or SOFT charge.
        const ubparm& p = ub->ub_parms[kExplicitRes];
        const uint64_t bound = strict == UB_HARD   ? vzsim::UbRead(p.barrier)
                               : strict == UB_SOFT ? vzsim::UbRead(p.limit)
                                                   : UB_MAXVALUE;
        if (err == 0 && vzsim::UbRead(p.held) > bound)
          Fail("held above its bound after a charge");
        break;
      }
      case 12: {  // an interrupt while some task runs, nested or not
        task_struct* p = Pick(op.a);
        if (p == nullptr || !cpu_->SwitchTo(p).ok()) break;
        ve_struct* env = p->ve_task_info.exec_env;
        user_beancounter* ub = p->task_bc.exec_ub;
        irq_enter();
        if (op.b % 2) {
          irq_enter();
          irq_exit();
        }
        if (p->ve_task_info.exec_env != k_.ve0() ||
            p->task_bc.exec_ub != k_.ub0()) {
          Fail("an interrupt did not run as the host");
        }
        if (op.c % 2) {  // the NIC's handler runs, and frees its buffer
          const int calls = nic_.calls;
          __do_IRQ(kNicIrq, nullptr);
          if (nic_.calls != calls + 1) Fail("the NIC's handler did not run");
          if (nic_.charged != k_.ub0())
            Fail("an interrupt charged a VE's beancounter");
          uncharge_beancounter(nic_.charged, UB_KMEMSIZE, kNicBuffer);
        }
        irq_exit();
        if (p->ve_task_info.exec_env != env || p->task_bc.exec_ub != ub) {
          Fail("an interrupt did not restore the exec context");
        }
        break;
      }
      case 14: {  // lookups and a walk through the kernel face, as p
        task_struct* p = Pick(op.a);
        if (p == nullptr || !cpu_->SwitchTo(p).ok()) break;
        const uint32_t ve = p->ve_task_info.owner_env->veid;
        TasklistReadGuard guard;
        for (pid_t nr : {static_cast<pid_t>(op.b % 48),
                         static_cast<pid_t>(op.c % 400), p->pid}) {
          task_struct* t = find_task_by_pid_ve(nr);
          const pid_t want = model_.Visible(ve, nr);
          if ((t == nullptr ? 0 : t->pid) != want) {
            Fail(absl::StrCat("a task of VE ", ve, " looking up ", nr,
                              " found ", t == nullptr ? 0 : t->pid,
                              ", the model ", want));
          }
        }
        int walked = 0;
        task_struct* q;
        for_each_process_ve(q) {
          ++walked;
          if (ve != 0 && q->ve_task_info.owner_env != p->ve_task_info.owner_env)
            Fail("a walk crossed VEs");
        }
        if (walked != model_.ProcessesVisible(ve)) {
          Fail(absl::StrCat("a walk from VE ", ve, " met ", walked,
                            " processes, the model ",
                            model_.ProcessesVisible(ve)));
        }
        if (sys_getpid() != model_.tasks().at(p->tgid).vpid)
          Fail("getpid is not the virtual tgid");
        break;
      }
      case 13: {  // VE_TEST: the VE is listed (running or stopping)
        task_struct* p = Pick(op.a);
        if (p == nullptr) break;
        const uint32_t veid = kFirstVeid + op.b % kVeids;
        const int err = ErrnoOf(k_.RealEnvCreate(p, veid, VE_TEST).status());
        const auto& t = model_.tasks().at(p->pid);
        const int want = t.ve != 0                  ? EPERM
                         : model_.ves().count(veid) ? 0
                                                    : ESRCH;
        if (err != want) {
          Fail(absl::StrCat("VE_TEST of ", veid, " gave ", err, ", the model ",
                            want));
        }
        break;
      }
      case 15: {  // vzctl start: a container in its own beancounter
        const uint32_t veid = kFirstVeid + op.a % kVeids;
        std::vector<UbLimit> limits;
        std::vector<model::Limit> mine;
        auto add = [&](int res, unsigned long barrier, unsigned long limit) {
          limits.push_back({res, barrier, limit});
          mine.push_back({res, barrier, limit});
        };
        if (op.b & 1) add(UB_LOCKEDPAGES, UB_MAXVALUE, UB_MAXVALUE);
        if (op.b & 2) add(UB_NUMPROC, 3 + op.c % 60, 3 + op.c % 60);
        if (op.b & 4) add(UB_PRIVVMPAGES, 50 + op.c % 400, 60 + op.c % 400);
        if (op.b & 8) add(UB_NUMFILE, 100 + op.c % 2000, 100 + op.c % 2000);
        absl::StatusOr<Container> ct = StartContainer(k_, veid, limits);
        const pid_t init = ct.ok() ? ct->init->pid : 0;
        if (init != 0) touched_.push_back(init);
        Fail(model_.VzctlStart(veid, mine, ErrnoOf(ct.status()), init));
        break;
      }
    }
  }

  Kernel k_;
  model::ReferenceModel model_;
  NicDevice nic_;
  bool interrupt_next_ = false;
  CpuBinding* cpu_ = nullptr;
  std::vector<task_struct*> alive_;
  std::vector<pid_t> touched_;
  std::string error_;
};

// held, recomputed from the kernel's state: what every live object is
// charged to (ubc/kmem_sizes.h for kmemsize) and what every task keeps in
// its reserve. `idle` are the CPUs' idle tasks, whose reserves count too.
std::string CheckCharges(
    Kernel& k, const std::vector<task_struct*>& all,
    const std::vector<task_struct*>& idle,
    const std::map<uint32_t, uint64_t>& explicit_numflock) {
  std::map<user_beancounter*, std::vector<uint64_t>> want;
  for (user_beancounter* ub : k.ubs().List()) {
    want[ub].assign(UB_RESOURCES, 0);
    auto it = explicit_numflock.find(ub->ub_uid);
    if (it != explicit_numflock.end() && ub->parent == nullptr) {
      want[ub][kExplicitRes] = it->second;
    }
  }
  auto add = [&](user_beancounter* ub, int res, uint64_t n) {
    if (ub == nullptr) return;
    auto& w = want[ub];
    if (w.empty()) w.assign(UB_RESOURCES, 0);
    w[res] += n;
  };
  for (task_struct* t : idle) {
    add(t->task_bc.task_ub, UB_NUMPROC, 1);
    add(t->task_bc.task_ub, UB_KMEMSIZE, t->task_bc.kmem_precharged);
  }
  std::set<mm_struct*> mms;
  for (task_struct* t : all) {
    const task_beancounter& bc = t->task_bc;
    add(bc.task_ub, UB_NUMPROC, 1);
    add(bc.task_ub, UB_NUMFILE, bc.file_precharged);
    add(bc.task_ub, UB_KMEMSIZE, bc.file_precharged * kFilpKmem);
    add(bc.task_ub, UB_KMEMSIZE, bc.kmem_precharged);
    user_beancounter* objs = RecordOf(t)->kmem_ub;
    add(objs, UB_KMEMSIZE, kPidKmem + kTaskStructKmem + THREAD_SIZE);
    if (thread_group_leader(t)) {
      add(objs, UB_KMEMSIZE, kSignalStructKmem + kSighandStructKmem);
      if (RecordOf(t)->nr_threads > 0) {
        add(objs, UB_KMEMSIZE, kFilesStructKmem + kFsStructKmem);
      }
    }
    if (t->mm != nullptr) mms.insert(t->mm);
    // Each queued signal: a sigqueue's kmemsize and one numsiginfo, at every
    // level (ub_siginfo_charge()).
    if (const sigqueue_head* q = RecordOf(t)->sigqueue; q != nullptr) {
      for (const struct sigqueue& e : q->queue) {
        for (user_beancounter* ub = e.sig_ub; ub != nullptr; ub = ub->parent) {
          add(ub, UB_KMEMSIZE, kSigqueueKmem);
          add(ub, UB_NUMSIGINFO, 1);
        }
      }
    }
  }
  for (mm_struct* mm : mms) {
    add(RecordOf(mm)->kmem_ub, UB_KMEMSIZE, kMmStructKmem + kPgdKmem);
    RwsemWriteLock l(&mm->mmap_sem);
    for (vm_area_struct* v = mm->mmap; v != nullptr; v = v->vm_next) {
      const uint64_t pages = (v->vm_end - v->vm_start) >> PAGE_SHIFT;
      add(RecordOf(v)->kmem_ub, UB_KMEMSIZE, kVmAreaStructKmem);
      if (v->vm_flags & VM_LOCKED) add(mm->mm_ub, UB_LOCKEDPAGES, pages);
      if (VM_UB_PRIVATE(v->vm_flags, v->vm_file)) {
        add(top_beancounter(mm->mm_ub), UB_PRIVVMPAGES, pages);
      }
    }
  }
  for (auto& [ub, w] : want) {
    for (int r = 0; r < UB_RESOURCES; ++r) {
      if (vzsim::UbRead(ub->ub_parms[r].held) != w[r]) {
        return absl::StrCat("UB ", ub->ub_uid, " ", ub_resource_name(r),
                            " holds ", vzsim::UbRead(ub->ub_parms[r].held),
                            ", what is charged to it sums to ", w[r]);
      }
    }
    if (vzsim::RecordOf(ub)->underflowed.load())
      return absl::StrCat("UB ", ub->ub_uid, " underflowed");
  }
  const std::string log = k.HostLog();
  if (log.find(" helds ") != std::string::npos) {
    return "a beancounter was released holding something: " + log;
  }
  if (log.find("Uncharging too much") != std::string::npos) {
    return "an uncharge took more than was held: " + log;
  }
  return "";
}

}  // namespace

std::string Describe(const Op& op) {
  static const char* kNames[kOpKinds] = {
      "fork", "thread",  "exit",   "wait",        "ve_create", "ve_enter",
      "kill", "mmap",    "munmap", "mlock",       "ublimit",   "charge",
      "irq",  "ve_test", "lookup", "vzctl_start", "mprotect"};
  return absl::StrCat(kNames[op.kind % kOpKinds], "(", op.a, ",", op.b, ",",
                      op.c, ")");
}

std::vector<Op> RandomOps(uint64_t seed, int n) {
  std::mt19937_64 rng(seed);
  std::vector<Op> ops(std::max(n, 0));
  for (Op& op : ops) {
    op = {static_cast<uint32_t>(rng() % kOpKinds), static_cast<uint32_t>(rng()),
          static_cast<uint32_t>(rng()), static_cast<uint32_t>(rng())};
  }
  return ops;
}

std::vector<Op> OpsFromBytes(const uint8_t* data, size_t size) {
  std::vector<Op> ops(size / sizeof(Op));
  if (!ops.empty()) std::memcpy(ops.data(), data, ops.size() * sizeof(Op));
  return ops;
}

std::string RunOps(const std::vector<Op>& ops) { return Runner().Run(ops); }

std::vector<Op> Shrink(std::vector<Op> ops) {
  for (size_t chunk = ops.size() / 2; chunk >= 1; chunk /= 2) {
    for (size_t at = 0; at + chunk <= ops.size();) {
      std::vector<Op> trial(ops.begin(), ops.begin() + at);
      trial.insert(trial.end(), ops.begin() + at + chunk, ops.end());
      if (!RunOps(trial).empty()) {
        ops = std::move(trial);
      } else {
        at += chunk;
      }
    }
  }
  return ops;
}

std::string KernelInvariants(
    Kernel& k, const std::map<uint32_t, uint64_t>& explicit_numflock) {
  std::vector<task_struct*> all;
  absl::ReaderMutexLock l(&k.tasklist_lock());
  k.ForEachTaskLocked([&](task_struct* t) { all.push_back(t); });
  std::set<pid_t> global;
  std::set<std::pair<envid_t, pid_t>> virt;
  std::map<ve_struct*, int> per_ve;
  for (task_struct* t : all) {
    if (!global.insert(t->pid).second)
      return absl::StrCat("pid ", t->pid, " twice");
    if (!virt.insert({t->ve_task_info.owner_env->veid, t->vpid}).second) {
      return absl::StrCat("vpid ", t->vpid, " twice in VE ",
                          t->ve_task_info.owner_env->veid);
    }
    ++per_ve[t->ve_task_info.owner_env];
  }
  // Every VE: its count, and lookups and walks from inside reach only its
  // own tasks.
  for (ve_struct* ve : k.VeListLocked()) {
    // ve0 counts itself and the idle tasks of all CPUs but the first too.
    const int extra = ve == k.ve0() ? k.nr_cpus() : 0;
    if (atomic_read(&ve->pcounter) - extra != per_ve[ve]) {
      return absl::StrCat("VE ", ve->veid, " counts ",
                          atomic_read(&ve->pcounter) - extra, " tasks, has ",
                          per_ve[ve]);
    }
    if (ve == k.ve0()) continue;
    for (pid_t nr = 1; nr < 48; ++nr) {
      task_struct* t = k.FindTaskByPidVeLocked(nr, ve);
      if (t != nullptr && t->ve_task_info.owner_env != ve) {
        return absl::StrCat("VE ", ve->veid, " reached a task of VE ",
                            t->ve_task_info.owner_env->veid);
      }
    }
    for (const task_struct* leader : k.LeadersVeLocked(ve)) {
      if (leader->ve_task_info.owner_env != ve)
        return "a VE's walk met another VE's task";
    }
  }
  std::vector<task_struct*> idle;
  for (int i = 0; i < k.nr_cpus(); ++i) idle.push_back(k.cpu(i).idle());
  return CheckCharges(k, all, idle, explicit_numflock);
}

}  // namespace vzsim
