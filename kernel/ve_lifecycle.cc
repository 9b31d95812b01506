// VE create / enter / destroy (SPEC.md section 2), the simulated
// counterparts of OpenVZ's real_env_create(), do_env_enter() and
// real_put_ve(). The exit of a VE's init, which stops the VE, is in exit.cc.
#include <cerrno>

#include "absl/strings/str_cat.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"

namespace vzsim {
namespace {

// Create and enter act on one live, single-threaded host task.
// Host init (pid 1) never leaves the host: it reaps the host's orphans.
int CheckMovableCaller(const task_struct* caller, const ve_struct* ve0) {
  if (caller == nullptr || (caller->flags & PF_IDLE) || !task_alive(caller)) {
    return -ESRCH;
  }
  // kernel/ve/vecalls.c: real_env_create() asks for CAP_SETVEID, which no
  // VE task has: every VE's bounding set drops it.
  if (!__capable(const_cast<task_struct*>(caller), CAP_SETVEID)) return -EPERM;
  if (caller == ve0->init_entry) return -EPERM;
  if (!thread_group_leader(caller) || RecordOf(caller)->nr_threads != 1)
    return -EBUSY;
  return 0;
}

}  // namespace

int Kernel::MoveToVeLocked(task_struct* p, ve_struct* ve, int vpid) {
  // Leave ve0's leader array (but not the global one) and ve0's count.
  TaskRecord* rec = RecordOf(p);
  VeRecord* old = RecordOf(p->ve_task_info.owner_env);
  TaskRecord* last = RecordOf(old->leaders.back());
  old->leaders[RecordOf(rec)->ve_index] = last;
  RecordOf(last)->ve_index = RecordOf(rec)->ve_index;
  old->leaders.pop_back();
  atomic_dec(&old->pcounter);

  VeRecord* new_ve = RecordOf(ve);
  // kernel/ve/vecalls.c: set_task_ve_caps(): the task keeps only what the
  // VE's bounding set allows.
  cap_mask(p->cap_effective, ve->ve_cap_bset);
  cap_mask(p->cap_inheritable, ve->ve_cap_bset);
  cap_mask(p->cap_permitted, ve->ve_cap_bset);
  p->ve_task_info.owner_env = p->ve_task_info.exec_env = ve;
  p->vpid = p->vtgid = vpid;  // a single-threaded leader
  new_ve->pidmap.Attach(vpid, p);
  // The task names its own virtual pid; as a VE has no numbers for host
  // groups, its group and session show as init's (1) until it calls setsid.
  p->vpgrp = p->vsession = 1;
  new_ve->pidmap.Get(1);
  new_ve->pidmap.Get(1);
  RecordOf(rec)->ve_index = static_cast<uint32_t>(new_ve->leaders.size());
  new_ve->leaders.push_back(p);
  atomic_inc(&new_ve->pcounter);
  // From now on the task and its address space count against the VE's
  // beancounter, as after the exec that follows vzctl's create / enter.
  MoveChargesLocked(p, new_ve->ub);
  return 0;
}

int Kernel::CreateVeLocked(task_struct* caller, envid_t veid,
                           const VeCreateOptions& options, ve_struct** out) {
  if (int err = CheckMovableCaller(caller, ve0_);
      err == -ESRCH || err == -EPERM) {
    return err;
  } else if (ves_.contains(veid)) {
    return -EEXIST;
  } else if (err < 0) {
    return err;
  }
  if (options.pid_max < PidMap::kPidMaxMin ||
      options.pid_max > PidMap::kPidMaxLimit ||
      options.release.size() > static_cast<size_t>(__NEW_UTS_LEN) ||
      options.class_id < 0) {
    return -EINVAL;
  }

  auto owned = std::make_unique<VeRecord>(veid, options.pid_max);
  VeRecord* ve = owned.get();
  ve->class_id = static_cast<unsigned int>(options.class_id);
  ve->start_ns = now_ns();
  ve->create_seq = ++ve_seq_;
  // kernel/ve/vecalls.c: set_ve_caps(): the creator's effective set, less
  // CAP_SETVEID, bounds the VE.
  ve->ve_cap_bset = caller->cap_effective;
  cap_lower(ve->ve_cap_bset, CAP_SETVEID);
  ve->pidmap.AllocSpecific(1);    // init is virtual pid 1
  ve->ub = GetBeancounter(veid);  // the vzctl convention: ub id == veid
  {
    // ve_utsname: a copy of the host's current values.
    absl::MutexLock uts(&uts_lock_);
    ve->utsname = system_utsname_;
    if (!options.release.empty()) {
      SetUtsField(ve->utsname.release, options.release);
    }
  }
  // Init leads its own session and process group, on the host as well.
  pidmap_.Put(caller->pgrp);
  pidmap_.Put(caller->session);
  caller->pgrp = caller->session = caller->pid;
  pidmap_.Get(caller->pid);
  pidmap_.Get(caller->pid);
  MoveToVeLocked(caller, ve, 1);
  ve->init_entry = caller;
  ves_.emplace(veid, std::move(owned));
  *out = ve;
  return 0;
}

int Kernel::EnterVeLocked(task_struct* caller, envid_t veid) {
  const int err = CheckMovableCaller(caller, ve0_);
  if (err == -ESRCH || err == -EPERM) return err;
  VeRecord* ve = RecordOf(FindVeLocked(veid));
  if (ve == nullptr) return -ESRCH;
  if (ve == ve0_) return -EINVAL;  // the host: nothing to enter
  if (!ve->is_running || err < 0) return -EBUSY;
  const int vpid = ve->pidmap.Alloc();
  if (vpid < 0) return vpid;
  return MoveToVeLocked(caller, ve, vpid);
}

int Kernel::DestroyVeLocked(envid_t veid) {
  if (veid == 0) return -EPERM;
  ve_struct* ve = FindVeLocked(veid);
  if (ve == nullptr) return -ESRCH;
  if (ve->is_running || atomic_read(&ve->pcounter) > 0) return -EBUSY;
  ves_.erase(veid);
  return 0;
}

absl::StatusOr<ve_struct*> Kernel::CreateVe(task_struct* caller, envid_t veid,
                                            const VeCreateOptions& options) {
  absl::MutexLock lock(&tasklist_lock_);
  ve_struct* ve = nullptr;
  const int err = CreateVeLocked(caller, veid, options, &ve);
  if (err < 0) {
    const char* why =
        err == -EPERM    ? "the caller lacks CAP_SETVEID (no VE task has "
                           "it), or is host init"
        : err == -EEXIST ? "the veid is taken"
        : err == -EBUSY  ? "the caller is multi-threaded"
        : err == -EINVAL ? "bad options (pid_max, release longer than 64 "
                           "bytes, or negative class id)"
                         : "the caller is not a live task";
    return ErrnoError(err, absl::StrCat("create VE ", veid, ": ", why));
  }
  return ve;
}

absl::Status Kernel::EnterVe(task_struct* caller, envid_t veid) {
  absl::MutexLock lock(&tasklist_lock_);
  const int err = EnterVeLocked(caller, veid);
  const char* why = err == -EPERM    ? "the caller lacks CAP_SETVEID (no VE "
                                       "task has it), or is host init"
                    : err == -ESRCH  ? "no such VE, or the caller is dead"
                    : err == -EINVAL ? "ve0 is the host"
                    : err == -EBUSY  ? "the VE is stopped, or the caller is "
                                       "multi-threaded"
                                     : "the VE has no free pid";
  return ErrnoError(err, absl::StrCat("enter VE ", veid, ": ", why));
}

absl::Status Kernel::DestroyVe(envid_t veid) {
  absl::MutexLock lock(&tasklist_lock_);
  const int err = DestroyVeLocked(veid);
  const char* why = err == -EPERM   ? "ve0 cannot be destroyed"
                    : err == -ESRCH ? "no such VE"
                                    : "the VE is running or still has tasks";
  return ErrnoError(err, absl::StrCat("destroy VE ", veid, ": ", why));
}

}  // namespace vzsim
