// Kernel: boot, lookups, the leader arrays and utsname. Fork, exit and the VE
// life cycle are in their own facet files (fork.cc, exit.cc,
// ve_lifecycle.cc).
#include "kernel/kernel.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "kernel/cpu.h"
#include "kernel/errno_status.h"
#include "kernel/mmap.h"

namespace vzsim {

Kernel::Kernel(KernelOptions options)
    : pidmap_(std::clamp(options.pid_max, PidMap::kPidMaxMin,
                         PidMap::kPidMaxLimit)),
      system_utsname_(options.utsname) {
  ub0_ = GetBeancounter(0);
  absl::MutexLock lock(&tasklist_lock_);
  auto ve0 = std::make_unique<VeRecord>(0);
  ve0_ = ve0.get();
  ve0_->ub = ub0_;
  ve0_->ve_cap_bset =
      CAP_INIT_EFF_SET;  // kernel/ve/veowner.c: init_ve_system()
  ves_.emplace(0, std::move(ve0));

  // The boot task: host pid 1, session and group leader, parent-less.
  TaskRecord* init = task_cache_.Alloc();
  init->pid = init->tgid = init->vpid = init->vtgid = pidmap_.Alloc();  // == 1
  init->pgrp = init->session = init->vpgrp = init->vsession = init->pid;
  std::strncpy(init->comm, "init", TASK_COMM_LEN - 1);
  init->group_leader = init;
  // include/linux/init_task.h: INIT_TASK's three sets.
  init->cap_effective = CAP_INIT_EFF_SET;
  init->cap_inheritable = CAP_INIT_INH_SET;
  init->cap_permitted = CAP_FULL_SET;
  RecordOf(init)->nr_threads = 1;
  INIT_LIST_HEAD(&init->children);
  INIT_LIST_HEAD(&init->sibling);
  INIT_LIST_HEAD(&init->thread_group);
  init->ve_task_info.owner_env = init->ve_task_info.exec_env = ve0_;
  init->task_bc.task_ub = init->task_bc.exec_ub = ub0_;
  charge_beancounter(ub0_, UB_NUMPROC, 1, UB_FORCE);
  charge_beancounter(ub0_, UB_KMEMSIZE, TASK_KMEM_SIZE, UB_FORCE);
  pidmap_.Attach(init->pid, init);
  pidmap_.Get(init->pid);  // as its process group
  pidmap_.Get(init->pid);  // as its session
  LinkLeaderLocked(init);
  ve0_->init_entry = init;
  atomic_set(&ve0_->pcounter, 1);
  nr_tasks_ = 1;
  init_task_ = init;

  const int nr_cpus = std::clamp(options.nr_cpus, 1, 256);
  for (int i = 0; i < nr_cpus; ++i) {
    cpus_.push_back(std::make_unique<Cpu>(this, i));
  }
}

Kernel::~Kernel() {
  // Address spaces and signal queues are owned by their tasks; free them.
  absl::MutexLock lock(&tasklist_lock_);
  // The lock is held; clang does not see it inside the lambda.
  ForEachTaskLocked([this](task_struct* t) ABSL_NO_THREAD_SAFETY_ANALYSIS {
    if (t->mm != nullptr && atomic_dec_and_test(&t->mm->mm_users)) {
      DestroyMm(t->mm);
    }
    t->mm = nullptr;
    FreeSignalsLocked(t);
  });
}

bool Kernel::IsInitLocked(const task_struct* p) const {
  return p->ve_task_info.owner_env->init_entry == p;
}

PidMap& Kernel::PidMapOf(const ve_struct* env) {
  return env == ve0_ ? pidmap_ : RecordOf(const_cast<ve_struct*>(env))->pidmap;
}

const PidMap& Kernel::PidMapOfLocked(const ve_struct* env) const {
  static const PidMap* const kNoNamespace = new PidMap;  // for a null VE
  if (env == nullptr) return *kNoNamespace;
  return env == ve0_ ? pidmap_ : RecordOf(env)->pidmap;
}

void Kernel::LinkLeaderLocked(task_struct* p) {
  TaskRecord* rec = RecordOf(p);
  RecordOf(rec)->all_index = static_cast<uint32_t>(all_leaders_.size());
  all_leaders_.push_back(p);
  std::vector<task_struct*>& leaders =
      RecordOf(p->ve_task_info.owner_env)->leaders;
  RecordOf(rec)->ve_index = static_cast<uint32_t>(leaders.size());
  leaders.push_back(p);
}

void Kernel::UnlinkLeaderLocked(task_struct* p) {
  // Swap-remove: O(1), and deterministic for a given sequence of operations.
  TaskRecord* rec = RecordOf(p);
  TaskRecord* last = RecordOf(all_leaders_.back());
  all_leaders_[RecordOf(rec)->all_index] = last;
  RecordOf(last)->all_index = RecordOf(rec)->all_index;
  all_leaders_.pop_back();

  std::vector<task_struct*>& leaders =
      RecordOf(p->ve_task_info.owner_env)->leaders;
  last = RecordOf(leaders.back());
  leaders[RecordOf(rec)->ve_index] = last;
  RecordOf(last)->ve_index = RecordOf(rec)->ve_index;
  leaders.pop_back();
}

void Kernel::HoldIdsLocked(task_struct* p) {
  pidmap_.Get(p->pgrp);
  pidmap_.Get(p->session);
  if (p->ve_task_info.owner_env != ve0_) {
    PidMap& vmap = RecordOf(p->ve_task_info.owner_env)->pidmap;
    vmap.Get(p->vpgrp);
    vmap.Get(p->vsession);
  }
}

void Kernel::DropIdsLocked(task_struct* p) {
  pidmap_.Detach(p->pid);
  pidmap_.Put(p->pid);
  pidmap_.Put(p->pgrp);
  pidmap_.Put(p->session);
  if (p->ve_task_info.owner_env != ve0_) {
    PidMap& vmap = RecordOf(p->ve_task_info.owner_env)->pidmap;
    vmap.Detach(p->vpid);
    vmap.Put(p->vpid);
    vmap.Put(p->vpgrp);
    vmap.Put(p->vsession);
  }
}

pid_t Kernel::TaskPpidLocked(const task_struct* t, const ve_struct* env) const {
  if (t == nullptr || env == nullptr) return 0;
  const task_struct* parent = t->group_leader->real_parent;
  if (env == ve0_) return parent == nullptr ? 0 : parent->tgid;
  if (t->ve_task_info.owner_env != env) return 0;    // not visible from env
  if (env->init_entry == t->group_leader) return 0;  // the VE's init
  if (parent == nullptr || parent->ve_task_info.owner_env != env) return 1;
  return parent->group_leader->vpid;
}

task_struct* Kernel::FindTaskByPid(pid_t nr) const {
  absl::ReaderMutexLock lock(&tasklist_lock_);
  return pidmap_.Lookup(nr);
}

absl::Status Kernel::SetPidMax(int pid_max) {
  absl::MutexLock lock(&tasklist_lock_);
  return ErrnoError(pidmap_.SetPidMax(pid_max), "SetPidMax");
}

size_t Kernel::nr_tasks() const {
  absl::ReaderMutexLock lock(&tasklist_lock_);
  return nr_tasks_;
}

Kernel::MemoryStats Kernel::Memory() const {
  absl::ReaderMutexLock lock(&tasklist_lock_);
  MemoryStats m;
  m.tasks = nr_tasks_;
  m.task_bytes = task_cache_.MemoryBytes();
  m.pid_table_bytes = pidmap_.MemoryBytes();
  m.leader_array_bytes = all_leaders_.capacity() * sizeof(task_struct*);
  for (const auto& [id, ve] : ves_) {
    if (ve.get() != ve0_) m.pid_table_bytes += ve->pidmap.MemoryBytes();
    m.leader_array_bytes += ve->leaders.capacity() * sizeof(task_struct*);
  }
  return m;
}

ve_struct* Kernel::FindVe(envid_t veid) const {
  absl::ReaderMutexLock lock(&tasklist_lock_);
  return FindVeLocked(veid);
}

ve_struct* Kernel::FindVeLocked(envid_t veid) const {
  auto it = ves_.find(veid);
  return it == ves_.end() ? nullptr : it->second.get();
}

std::vector<ve_struct*> Kernel::VeListLocked() const {
  std::vector<ve_struct*> list;
  list.reserve(ves_.size());
  for (const auto& [id, ve] : ves_) list.push_back(ve.get());
  std::sort(list.begin(), list.end(), [](ve_struct* a, ve_struct* b) {
    return RecordOf(a)->create_seq > RecordOf(b)->create_seq;
  });
  return list;
}

absl::StatusOr<new_utsname> Kernel::Uname(ve_struct* env) {
  if (env == nullptr) return ErrnoError(-EINVAL, "uname: no VE");
  absl::ReaderMutexLock lock(&uts_lock_);
  return *UtsnameOf(env);
}

absl::Status Kernel::SetHostname(ve_struct* env, absl::string_view name) {
  if (env == nullptr) return ErrnoError(-EINVAL, "sethostname: no VE");
  absl::MutexLock lock(&uts_lock_);
  return ErrnoError(SetUtsField(UtsnameOf(env)->nodename, name),
                    "sethostname: longer than 64 bytes");
}

absl::Status Kernel::SetDomainname(ve_struct* env, absl::string_view name) {
  if (env == nullptr) return ErrnoError(-EINVAL, "setdomainname: no VE");
  absl::MutexLock lock(&uts_lock_);
  return ErrnoError(SetUtsField(UtsnameOf(env)->domainname, name),
                    "setdomainname: longer than 64 bytes");
}

absl::Status Kernel::DropCapability(task_struct* task, int cap) {
  if (cap < 0 || cap > 31) {
    return ErrnoError(-EINVAL, "drop capability: not a number in 0..31");
  }
  absl::MutexLock lock(&tasklist_lock_);
  if (task == nullptr || !task_alive(task)) {
    return ErrnoError(-ESRCH, "drop capability: not a live task");
  }
  cap_lower(task->cap_effective, cap);
  cap_lower(task->cap_inheritable, cap);
  cap_lower(task->cap_permitted, cap);
  return absl::OkStatus();
}

absl::Status Kernel::SetComm(task_struct* task, absl::string_view comm) {
  absl::MutexLock lock(&tasklist_lock_);
  if (task == nullptr || task->exit_state == EXIT_DEAD) {
    return ErrnoError(-ESRCH, "set comm: not a task");
  }
  std::memset(task->comm, 0, TASK_COMM_LEN);
  std::memcpy(task->comm, comm.data(),
              std::min<size_t>(comm.size(), TASK_COMM_LEN - 1));
  return absl::OkStatus();
}

}  // namespace vzsim
