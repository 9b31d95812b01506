// Kernel: boot, lookups, utsname and the BUG record. Fork, exit, signals and
// the VE calls are in their own facet files (fork.cc, exit.cc, signal.cc,
// ve_lifecycle.cc).
#include "kernel/kernel.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "kernel/cpu.h"
#include "kernel/errno_status.h"
#include "kernel/mmap.h"
#include "ubc/kmem_sizes.h"
#include "ubc/ub_task.h"

namespace vzsim {

Kernel::Kernel(KernelOptions options)
    : task_cache_(/*slab=*/options.layout == TaskLayout::kKernel),
      pids_(
          std::clamp(options.pid_max, PidMap::kPidMaxMin, PidMap::kPidMaxLimit),
          options.layout),
      uts_(options.utsname, options.virt_osrelease.empty()
                                ? absl::string_view(options.utsname.release)
                                : absl::string_view(options.virt_osrelease)),
      ubs_(this, std::max(options.num_physpages, 1UL),
           MaxThreadsFor(std::max(options.num_physpages, 1UL), THREAD_SIZE)) {
  {
    absl::MutexLock timers(&timer_lock_);
    INIT_LIST_HEAD(&timer_head_);
  }
  softirq_vec_[TIMER_SOFTIRQ] = {RunTimerSoftirq, nullptr};
  absl::MutexLock lock(&tasklist_lock_);
  virt_pids_ = options.virt_pids;
  ve0_ = ves_.ve0();
  ve0_->ve_ns = uts_.init_nsproxy();
  atomic_inc(&ve0_->ve_ns->count);
  // The CPUs and their idle tasks; CPU 0's is the boot task, which forks
  // init.
  const int nr_cpus = std::clamp(options.nr_cpus, 1, 256);
  for (int i = 0; i < nr_cpus; ++i) {
    cpus_.push_back(std::make_unique<Cpu>(this, i));
  }

  // The boot task: host pid 1, session and group leader, parent-less.
  TaskRecord* init = task_cache_.Alloc();
  init->pid = init->tgid = init->vpid = init->vtgid = pids_.numbers().Alloc();
  init->pgrp = init->session = init->vpgrp = init->vsession = init->pid;
  std::strncpy(init->comm, "init", TASK_COMM_LEN - 1);
  init->group_leader = init;
  // include/linux/init_task.h: INIT_TASK's three sets.
  init->cap_effective = CAP_INIT_EFF_SET;
  init->cap_inheritable = CAP_INIT_INH_SET;
  init->cap_permitted = CAP_FULL_SET;
  init->nsproxy = uts_.init_nsproxy();
  atomic_inc(&init->nsproxy->count);
  CopySignalStructs(cpus_[0]->idle(), init, 0);
  RecordOf(init)->nr_threads = 1;
  INIT_LIST_HEAD(&init->children);
  INIT_LIST_HEAD(&init->sibling);
  INIT_LIST_HEAD(&init->thread_group);
  init->ve_task_info.owner_env = init->ve_task_info.exec_env = ve0_;
  // Forked by the boot task into ub0, which has no limits: never refused.
  (void)UbForkTask(cpus_[0]->idle(), init);
  (void)UbForkProcess(cpus_[0]->idle(), init);
  pids_.AttachTask(init);
  pids_.LinkLeader(init);
  // kernel/ve/veowner.c: init_ve_system(): ve0's init is child_reaper.
  ve0_->init_entry = init;
  nr_tasks_ = 1;
  init_task_ = init;
  // kernel/ve/ve.c: init_ve0() starts ve0's count at 1; then every task
  // forked for it counts: init, and the idle task of each CPU but the
  // boot one.
  atomic_set(&ve0_->pcounter, 1 + 1 + (nr_cpus - 1));
}

Kernel::~Kernel() {
  // Address spaces and signal queues are owned by their tasks; free them.
  absl::MutexLock lock(&tasklist_lock_);
  // The lock is held; clang does not see it inside the lambda.
  ForEachTaskLocked([this](task_struct* t) ABSL_NO_THREAD_SAFETY_ANALYSIS {
    if (t->mm != nullptr && atomic_dec_and_test(&t->mm->mm_users)) {
      DestroyMm(t->mm, nullptr);
    }
    t->mm = nullptr;
    FreeSignalsLocked(t);
    ReleaseSignalStructs(t);
  });
}

task_struct* Kernel::FindTaskByPid(pid_t nr) const {
  absl::ReaderMutexLock lock(&tasklist_lock_);
  return pids_.FindPid(nr);
}

absl::Status Kernel::SetPidMax(int pid_max) {
  absl::MutexLock lock(&tasklist_lock_);
  return ErrnoError(pids_.numbers().SetPidMax(pid_max),
                    "pid_max: outside 301..4194304");
}

void Kernel::SetVirtPids(bool on) {
  absl::MutexLock lock(&tasklist_lock_);
  virt_pids_ = on;
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
  size_t groups = 0;  // one signal_struct and sighand_struct each
  for (const task_struct* leader : pids_.LeadersAll()) {
    groups += leader->signal != nullptr;
  }
  m.group_bytes = groups * (sizeof(signal_struct) + sizeof(sighand_struct));
  m.pid_table_bytes = pids_.MemoryBytes();
  m.leader_array_bytes = 0;  // counted in the pid table
  return m;
}

ve_struct* Kernel::FindVe(envid_t veid) const {
  absl::ReaderMutexLock lock(&tasklist_lock_);
  return FindVeLocked(veid);
}

ve_struct* Kernel::FindVeLocked(envid_t veid) const { return ves_.Find(veid); }

std::vector<ve_struct*> Kernel::VeListLocked() const {
  const std::vector<VeRecord*>& list = ves_.List();
  return std::vector<ve_struct*>(list.begin(), list.end());
}

absl::StatusOr<new_utsname> Kernel::Uname(const ve_struct* env) {
  if (env == nullptr || env->ve_ns == nullptr) {
    return ErrnoError(-EINVAL, "uname: no VE");
  }
  absl::MutexLock lock(&uts_.lock());
  return env->ve_ns->uts_ns->name;
}

absl::Status Kernel::SetHostname(const ve_struct* env, absl::string_view name) {
  if (env == nullptr || env->ve_ns == nullptr) {
    return ErrnoError(-EINVAL, "sethostname: no VE");
  }
  absl::MutexLock lock(&uts_.lock());
  return ErrnoError(SetUtsField(env->ve_ns->uts_ns->name.nodename, name),
                    "sethostname: longer than 64 bytes");
}

absl::Status Kernel::SetDomainname(const ve_struct* env,
                                   absl::string_view name) {
  if (env == nullptr || env->ve_ns == nullptr) {
    return ErrnoError(-EINVAL, "setdomainname: no VE");
  }
  absl::MutexLock lock(&uts_.lock());
  return ErrnoError(SetUtsField(env->ve_ns->uts_ns->name.domainname, name),
                    "setdomainname: longer than 64 bytes");
}

absl::Status Kernel::SetVirtOsrelease(absl::string_view release) {
  return ErrnoError(uts_.SetVirtOsrelease(release),
                    "virt_osrelease: longer than 64 bytes");
}

void Kernel::ReportBug(absl::string_view file, int line) {
  absl::MutexLock lock(&log_lock_);
  bugs_.push_back(absl::StrCat(file, ":", line));
  host_log_.Append(absl::StrCat("kernel BUG at ", file, ":", line, "!\n"));
}

std::vector<std::string> Kernel::Bugs() const {
  absl::MutexLock lock(&log_lock_);
  return bugs_;
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

absl::Status Kernel::SetControllingTty(task_struct* task, bool has_tty) {
  absl::MutexLock lock(&tasklist_lock_);
  if (task == nullptr || !task_alive(task) || IsIdleTask(task)) {
    return ErrnoError(-ESRCH, "controlling tty: not a live task");
  }
  // signal->tty is shared by the thread group.
  task_struct* leader = task->group_leader;
  task_struct* t = leader;
  do {
    RecordOf(t)->has_tty = has_tty ? 1 : 0;
    t = next_thread(t);
  } while (t != leader);
  return absl::OkStatus();
}

}  // namespace vzsim
