// kernel/ub/ub_sys.c (sys_getluid(), sys_setluid(), do_setublimit()), and
// the kernel-face calls that find the beancounters through the calling CPU:
// get_ub0(), get_beancounter_byuid(), get_subbeancounter_byid(),
// ub_kmemsize_charge().
#include "ubc/ubc.h"

#include <cerrno>

#include "include/linux/capability.h"
#include "include/ub/ub_mem.h"
#include "ubc/ub_task.h"

namespace vzsim {

long UbGetluid(task_struct* tsk) {
  if (tsk == nullptr) return -ESRCH;
  user_beancounter* ub = tsk->task_bc.exec_ub;
  return ub == nullptr ? -EINVAL : static_cast<long>(ub->ub_uid);
}

long UbSetluid(UbTable& table, task_struct* tsk, uid_t uid) {
  if (tsk == nullptr) return -ESRCH;
  if (uid == static_cast<uid_t>(-1)) return -EINVAL;  // no disowning
  if (!__capable(tsk, CAP_SETUID)) return -EPERM;
  // Only from ve0's exec env: a VE cannot leave its beancounter.
  if (!ve_is_super(tsk->ve_task_info.exec_env)) return -EPERM;
  user_beancounter* ub = table.GetByUid(uid, /*create=*/true);
  if (ub == nullptr) return -ENOBUFS;
  // The VIRTINFO_NEWUBC notifiers: none in the tree answers, so both the
  // exec beancounter and the one children are born into change.
  task_beancounter* tbc = &tsk->task_bc;
  put_beancounter(tbc->exec_ub);
  tbc->exec_ub = ub;  // the lookup's reference
  put_beancounter(tbc->fork_sub);
  tbc->fork_sub = get_beancounter(ub);
  return 0;
}

long UbSetublimit(UbTable& table, task_struct* tsk, uid_t uid,
                  unsigned long resource, const unsigned long* limits) {
  if (limits == nullptr) return -EFAULT;  // copy_from_user()
  if (tsk == nullptr) return -ESRCH;
  if (!__capable(tsk, CAP_SYS_RESOURCE)) return -EPERM;
  if (!ve_is_super(tsk->ve_task_info.exec_env)) return -EPERM;
  if (resource >= UB_RESOURCES) return -EINVAL;
  if (limits[0] > UB_MAXVALUE || limits[1] > UB_MAXVALUE) return -EINVAL;
  user_beancounter* ub = table.GetByUid(uid, /*create=*/false);
  if (ub == nullptr) return -ENOENT;
  UbSetLimits(ub, static_cast<int>(resource), limits[0], limits[1]);
  put_beancounter(ub);
  return 0;
}

}  // namespace vzsim

long sys_getluid() { return vzsim::UbGetluid(current); }

long sys_setluid(uid_t uid) {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu == nullptr || cpu->ubs == nullptr) return -ESRCH;
  return vzsim::UbSetluid(*cpu->ubs, current, uid);
}

long sys_setublimit(uid_t uid, unsigned long resource,
                    const unsigned long* limits) {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu == nullptr || cpu->ubs == nullptr) return -ESRCH;
  return vzsim::UbSetublimit(*cpu->ubs, current, uid, resource, limits);
}

extern "C" {

user_beancounter* get_ub0(void) {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  return cpu == nullptr || cpu->ubs == nullptr ? nullptr : cpu->ubs->ub0();
}

user_beancounter* get_beancounter_byuid(uid_t uid, int create) {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu == nullptr || cpu->ubs == nullptr) return nullptr;
  return cpu->ubs->GetByUid(uid, create != 0);
}

user_beancounter* get_subbeancounter_byid(user_beancounter* p, int id,
                                          int create) {
  vzsim::UbTable* table = p == nullptr ? nullptr : vzsim::RecordOf(p)->table;
  if (table == nullptr) return nullptr;
  return table->GetSub(p, static_cast<uid_t>(id), create != 0);
}

int ub_kmemsize_charge(user_beancounter* ub, unsigned long size,
                       ub_severity strict) {
  if (ub == nullptr) return -EINVAL;
  return vzsim::UbKmemCharge(current, ub, size, strict);
}

void ub_kmemsize_uncharge(user_beancounter* ub, unsigned long size) {
  vzsim::UbKmemUncharge(current, ub, size);
}

}  // extern "C"
