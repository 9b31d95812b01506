// The VE calls (kernel/ve/vecalls.c): real_env_create(), do_env_create(),
// do_env_enter() and ve_move_task(). The list and the checks that look only
// at the VE and the caller are ve/ve_table.h's; here they are carried out,
// since they move the task between task lists, give it virtual pids and new
// namespaces, and print to the host log. The exit of a VE's init, which
// stops the VE, is in exit.cc.
#include <cerrno>
#include <climits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"

namespace vzsim {

void Kernel::VeMoveTaskLocked(task_struct* tsk, ve_struct* ve) {
  // kernel/ve/vecalls.c: ve_move_task(). set_task_ve_caps(): the task
  // keeps only what the VE's bounding set allows.
  cap_mask(tsk->cap_effective, ve->ve_cap_bset);
  cap_mask(tsk->cap_inheritable, ve->ve_cap_bset);
  cap_mask(tsk->cap_permitted, ve->ve_cap_bset);
  ve_struct* old = tsk->ve_task_info.owner_env;
  pids_.MoveLeader(tsk, old, ve);
  tsk->ve_task_info.owner_env = tsk->ve_task_info.exec_env = ve;
  atomic_dec(&old->pcounter);  // a plain decrement: no cleanup from here
  atomic_inc(&ve->pcounter);
  // Its beancounters stay what they were: ve_move_task() touches no
  // charge. A VE's tasks are charged where setluid() put their parent
  // before it forked them (vzctl/vzctl.h).
}

int Kernel::DoEnvCreateLocked(task_struct* tsk, envid_t veid, unsigned flags,
                              uint32_t class_id, bool with_data) {
  // do_env_create(): the caller must be able to become an init. Host init
  // never is: the kernel threads share its process group and session.
  const char* message = "";
  int err = VeTable::CheckNewInit(tsk, pids_, &message);
  if (err == 0 && tsk == init_task_) {
    message = "ERR: CT init is not alone in process group\n";
    err = -EINVAL;
  }
  if (err < 0) {
    if (*message != '\0') Printk(message);
    return err;
  }
  // init_ve_struct() reads the create data (get_ve_features()); without
  // any, the kernel oopses there.
  if (!with_data) {
    ReportBug("kernel/ve/vecalls.c", 1054);
    return -EFAULT;
  }
  // init_ve_struct() and ve_list_add(): from here the VE is listed.
  VeRecord* ve = ves_.Add(veid);
  if (ve == nullptr) return -EEXIST;
  ve->class_id = class_id;
  ve->start_ns = now_ns();
  ve->virt_pids = virt_pids_ ? 1 : 0;
  ve->init_entry = tsk;
  if (flags & VE_LOCK) ve->is_locked = 1;
  // init_ve_sched(): fairsched's node ids are ints (sys_fairsched_mknod()).
  if (veid > static_cast<envid_t>(INT_MAX)) {
    ves_.Remove(ve);
    Printk(absl::StrFormat("<6>CT: %d: failed to start with err=%d\n",
                           static_cast<int>(veid), -EINVAL));
    return -EINVAL;
  }
  // init_ve_namespaces(): a new uts namespace, the release from the
  // kernel.virt_osrelease sysctl.
  ve->ve_ns = uts_.CloneForVe(tsk->nsproxy);
  atomic_dec(&tsk->nsproxy->count);
  tsk->nsproxy = ve->ve_ns;
  atomic_inc(&tsk->nsproxy->count);
  // set_ve_caps(): the creator's effective set, less CAP_SETVEID.
  ve->ve_cap_bset = tsk->cap_effective;
  cap_lower(ve->ve_cap_bset, CAP_SETVEID);
  // alloc_vpid(pid, 1): the caller is 1 inside (a mapping only with
  // virt_pids); ve_move_task(); then its numbers: 1, and its own group
  // and session, globally as well.
  pids_.AllocVpid(tsk, ve, 1);
  VeMoveTaskLocked(tsk, ve);
  tsk->vpid = tsk->vtgid = 1;
  pids_.ChangeGroupIds(tsk, tsk->pid, tsk->pid);
  tsk->vpgrp = tsk->vsession = 1;
  ve->is_running = 1;
  Printk(absl::StrFormat("<6>CT: %d: started\n", static_cast<int>(veid)));
  return static_cast<int>(veid);
}

int Kernel::DoEnvEnterLocked(task_struct* tsk, VeRecord* ve, unsigned flags) {
  if (int err = VeTable::CheckEnter(ve, flags, tsk); err < 0) return err;
  // vzsim: host init stays on the host (the kernel lets it enter, which
  // would leave the host's reaper inside a VE).
  if (tsk == init_task_) return -EPERM;
  // switch_ve_namespaces(), ve_move_task().
  atomic_dec(&tsk->nsproxy->count);
  tsk->nsproxy = ve->ve_ns;
  atomic_inc(&tsk->nsproxy->count);
  VeMoveTaskLocked(tsk, ve);
  // A task alone in its group and session gets a virtual pid; it leads
  // only what it led already. Otherwise it keeps its host numbers.
  if (!IsVirtualPid(virt_pid(tsk), ve) && VeTable::AloneInPgrp(tsk, pids_)) {
    const int vpid = pids_.AllocVpid(tsk, ve, -1);
    if (vpid > 0) {
      tsk->vpid = tsk->vtgid = vpid;
      if (tsk->pgrp == tsk->pid) tsk->vpgrp = vpid;
      if (tsk->session == tsk->pid) tsk->vsession = vpid;
    }
  }
  return static_cast<int>(ve->veid);
}

int Kernel::RealEnvCreateLocked(task_struct* caller, envid_t veid,
                                unsigned flags, uint32_t class_id,
                                bool with_data) {
  if (caller == nullptr || IsIdleTask(caller) || !task_alive(caller)) {
    return -ESRCH;
  }
  // kernel/ve/vecalls.c: real_env_create(), its checks in its order.
  if (flags == 0) return static_cast<int>(VEID(caller->ve_task_info.exec_env));
  if (!__capable(caller, CAP_SETVEID)) return -EPERM;
  if ((flags & VE_TEST) && (flags & (VE_ENTER | VE_CREATE))) return -EINVAL;
  VeRecord* ve = ves_.Find(veid);
  if (ve != nullptr) {
    if (flags & VE_TEST) return 0;
    if (flags & VE_EXCLUSIVE) return -EACCES;
    if (flags & VE_CREATE) flags = (flags & ~VE_CREATE) | VE_ENTER;
  } else if (flags & (VE_TEST | VE_ENTER)) {
    return -ESRCH;
  }
  if (flags & VE_CREATE) {
    return DoEnvCreateLocked(caller, veid, flags, class_id, with_data);
  }
  if (flags & VE_ENTER) return DoEnvEnterLocked(caller, ve, flags);
  return -EINVAL;
}

absl::StatusOr<int> Kernel::RealEnvCreate(task_struct* caller, envid_t veid,
                                          unsigned flags, uint32_t class_id,
                                          bool with_data) {
  absl::MutexLock lock(&tasklist_lock_);
  const int ret = RealEnvCreateLocked(caller, veid, flags, class_id, with_data);
  if (ret >= 0) return ret;
  const char* why;
  switch (-ret) {
    case EPERM:
      why =
          "the caller lacks CAP_SETVEID (no VE task has it), or is host "
          "init entering";
      break;
    case EACCES:
      why = "the veid exists (VE_EXCLUSIVE)";
      break;
    case ESRCH:
      why = "no such VE, or the caller is not a live task";
      break;
    case EBUSY:
      why = "the VE is stopping, or locked";
      break;
    case EFAULT:
      why = "a create without data (the kernel oopses: a BUG is recorded)";
      break;
    default:
      why =
          "bad flags, a threaded caller, one that cannot become an init, "
          "or a veid above INT_MAX";
  }
  return ErrnoError(ret, absl::StrCat("VE ", veid, ": ", why));
}

absl::StatusOr<ve_struct*> Kernel::CreateVe(task_struct* caller, envid_t veid,
                                            const VeCreateOptions& options) {
  const unsigned flags =
      VE_CREATE | VE_EXCLUSIVE | (options.lock ? VE_LOCK : 0);
  absl::StatusOr<int> ret =
      RealEnvCreate(caller, veid, flags, options.class_id);
  if (!ret.ok()) return ret.status();
  return FindVe(veid);
}

absl::Status Kernel::EnterVe(task_struct* caller, envid_t veid) {
  return RealEnvCreate(caller, veid, VE_ENTER).status();
}

}  // namespace vzsim
