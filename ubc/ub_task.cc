// A task's charges: kernel/ub/ub_misc.c (ub_task_charge(),
// ub_file_precharge(), ub_task_uncharge(), ub_task_put()), kernel/ub/
// ub_mem.c (the kmemsize reserve), and where kernel/fork.c, kernel/pid.c
// and kernel/exit.c charge a task's objects.
#include "ubc/ub_task.h"

#include <cerrno>

#include "absl/base/thread_annotations.h"
#include "include/ub/ub_mem.h"
#include "include/ub/ub_misc.h"
#include "kernel/task_record.h"
#include "ubc/beancounter.h"
#include "ubc/kmem_sizes.h"

namespace vzsim {
namespace {

constexpr unsigned long kFileMinQuant = 3;
constexpr unsigned long kFileMaxQuant = 10;
constexpr unsigned long kFileIniQuant = 4;

// The objects of a new process, apart from its task.
constexpr unsigned long kProcessObjects[] = {
    kFilesStructKmem, kFsStructKmem, kSighandStructKmem, kSignalStructKmem};

// ub_file_precharge(): with `top` locked, a batch of 2^file_quant numfile
// (and their kmemsize) for the task, if the beancounter is far enough from
// its numfile barrier and both charges pass; the batch size adapts to how
// often that works. Returns the files precharged (0 if none) and sets
// *kmem to their kmemsize.
unsigned long FilePrecharge(task_beancounter* tbc, user_beancounter* top,
                            unsigned long* kmem)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(top->ub_lock) {
  const unsigned long n = 1UL << tbc->file_quant;
  const bool far =
      UbRead(top->ub_parms[UB_NUMPROC].held) <=
      (UbRead(top->ub_parms[UB_NUMFILE].barrier) >> tbc->file_quant);
  if (far && __charge_beancounter_locked(top, UB_NUMFILE, n, UB_HARD) == 0) {
    if (__charge_beancounter_locked(top, UB_KMEMSIZE, n * kFilpKmem, UB_HARD) ==
        0) {
      tbc->file_precharged += n;
      get_beancounter_batch(tbc->task_ub, static_cast<int>(n));
      if (++tbc->file_count >= tbc->file_quant &&
          tbc->file_quant < kFileMaxQuant) {
        ++tbc->file_quant;
        tbc->file_count = 0;
      }
      *kmem = n * kFilpKmem;
      return n;
    }
    __uncharge_beancounter_locked(top, UB_NUMFILE, n);
  }
  if (tbc->file_quant > kFileMinQuant) --tbc->file_quant;
  tbc->file_count = 0;
  return 0;
}

}  // namespace

int UbKmemCharge(task_struct* actor, user_beancounter* ub, unsigned long size,
                 ub_severity strict) {
  if (ub == nullptr) return 0;
  task_beancounter* tbc = actor != nullptr ? &actor->task_bc : nullptr;
  if (tbc != nullptr && ub == tbc->task_ub && size <= UB_KMEM_QUANT) {
    if (tbc->kmem_precharged >= size) {
      tbc->kmem_precharged -= size;
      return 0;
    }
    // A new quantum; if refused (failcnt counted), the exact size below.
    if (charge_beancounter(ub, UB_KMEMSIZE, UB_KMEM_QUANT, UB_HARD) == 0) {
      tbc->kmem_precharged += UB_KMEM_QUANT - size;
      return 0;
    }
  }
  return charge_beancounter(ub, UB_KMEMSIZE, size, strict);
}

void UbKmemUncharge(task_struct* actor, user_beancounter* ub,
                    unsigned long size) {
  if (ub == nullptr) return;
  task_beancounter* tbc = actor != nullptr ? &actor->task_bc : nullptr;
  if (tbc != nullptr && ub == tbc->task_ub) {
    // Into the reserve; only what passes two quanta goes back.
    tbc->kmem_precharged += size;
    if (tbc->kmem_precharged < 2 * UB_KMEM_QUANT) return;
    size = tbc->kmem_precharged - UB_KMEM_QUANT;
    tbc->kmem_precharged -= size;
  }
  uncharge_beancounter(ub, UB_KMEMSIZE, size);
}

void UbInitBootTask(task_struct* t, user_beancounter* ub0) {
  t->task_bc = task_beancounter{};
  t->task_bc.exec_ub = ub0;
  t->task_bc.task_ub = get_beancounter(ub0);
  spin_lock(&ub0->ub_lock);
  __charge_beancounter_locked(ub0, UB_NUMPROC, 1, UB_FORCE);
  spin_unlock(&ub0->ub_lock);
  t->task_bc.fork_sub = get_beancounter(ub0);
  ub_init_task_bc(&t->task_bc);
}

int UbForkTask(task_struct* parent, task_struct* p) {
  user_beancounter* ub = parent->task_bc.exec_ub;
  // alloc_pid(): a refused pid makes the fork -EAGAIN.
  if (UbKmemCharge(parent, ub, kPidKmem, UB_HARD) != 0) return -EAGAIN;
  // dup_task_struct(): the task_struct, then the stack.
  if (UbKmemCharge(parent, ub, kTaskStructKmem, UB_HARD) != 0) {
    UbKmemUncharge(parent, ub, kPidKmem);
    return -ENOMEM;
  }
  if (UbKmemCharge(parent, ub, THREAD_SIZE, UB_HARD) != 0) {
    UbKmemUncharge(parent, ub, kTaskStructKmem);
    UbKmemUncharge(parent, ub, kPidKmem);
    return -ENOMEM;
  }
  // *tsk = *orig copied the parent's task_bc; ub_task_charge() replaces it.
  if (ub_task_charge(parent, p) != 0) {
    UbKmemUncharge(parent, ub, THREAD_SIZE);
    UbKmemUncharge(parent, ub, kTaskStructKmem);
    UbKmemUncharge(parent, ub, kPidKmem);
    return -ENOMEM;
  }
  RecordOf(p)->kmem_ub = get_beancounter(ub);
  return 0;
}

int UbForkProcess(task_struct* parent, task_struct* p) {
  user_beancounter* ub = RecordOf(p)->kmem_ub;
  // copy_files(), copy_fs(), copy_sighand(), copy_signal(), in this order.
  int done = 0;
  for (unsigned long size : kProcessObjects) {
    if (UbKmemCharge(parent, ub, size, UB_HARD) != 0) break;
    ++done;
  }
  if (done == 4) return 0;
  while (done-- > 0) UbKmemUncharge(parent, ub, kProcessObjects[done]);
  return -ENOMEM;
}

void UbForkUndo(task_struct* parent, task_struct* p, bool process_charged) {
  user_beancounter* ub = RecordOf(p)->kmem_ub;
  if (process_charged) {
    for (int i = 3; i >= 0; --i) UbKmemUncharge(parent, ub, kProcessObjects[i]);
  }
  ub_task_uncharge(p);
  ub_task_put(p);
  UbKmemUncharge(parent, ub, THREAD_SIZE);  // free_task()
  UbKmemUncharge(parent, ub, kTaskStructKmem);
  UbKmemUncharge(parent, ub, kPidKmem);  // free_pid() in do_fork_pid()
  RecordOf(p)->kmem_ub = nullptr;
  put_beancounter(ub);
}

void UbExitFiles(task_struct* t, task_struct* leader) {
  user_beancounter* ub = RecordOf(leader)->kmem_ub;
  UbKmemUncharge(t, ub, kFilesStructKmem);  // exit_files()
  UbKmemUncharge(t, ub, kFsStructKmem);     // exit_fs()
}

void UbReleaseTask(task_struct* reaper, task_struct* p) {
  user_beancounter* ub = RecordOf(p)->kmem_ub;
  if (thread_group_leader(p)) {
    // __exit_signal() of the group's last task: its signal structures.
    UbKmemUncharge(reaper, ub, kSighandStructKmem);
    UbKmemUncharge(reaper, ub, kSignalStructKmem);
  }
  UbKmemUncharge(reaper, ub, kPidKmem);  // detach_pid() -> free_pid()
  ub_task_uncharge(p);
}

void UbFreeTask(task_struct* p) {
  user_beancounter* ub = RecordOf(p)->kmem_ub;
  ub_task_put(p);
  // free_task(): from an RCU callback, so not through anyone's reserve.
  UbKmemUncharge(nullptr, ub, THREAD_SIZE);
  UbKmemUncharge(nullptr, ub, kTaskStructKmem);
  RecordOf(p)->kmem_ub = nullptr;
  put_beancounter(ub);
}

}  // namespace vzsim

extern "C" {

void ub_init_task_bc(task_beancounter* tbc) {
  tbc->file_precharged = 0;
  tbc->file_quant = vzsim::kFileIniQuant;
  tbc->file_count = 0;
  tbc->kmem_precharged = 0;
}

int ub_task_charge(task_struct* parent, task_struct* task) {
  if (parent == nullptr || task == nullptr) return -EINVAL;
  user_beancounter* ub = parent->task_bc.fork_sub;
  if (ub == nullptr) return -EINVAL;
  task_beancounter* tbc = &task->task_bc;
  tbc->task_ub = get_beancounter(ub);
  tbc->exec_ub = get_beancounter(ub);
  user_beancounter* top = top_beancounter(ub);
  spin_lock(&top->ub_lock);
  // numproc: enforced on the top beancounter only.
  if (__charge_beancounter_locked(top, UB_NUMPROC, 1, UB_HARD) < 0) {
    spin_unlock(&top->ub_lock);
    __put_beancounter_batch(ub, 2);
    tbc->task_ub = tbc->exec_ub = nullptr;
    return -ENOMEM;
  }
  ub_init_task_bc(tbc);
  unsigned long kmem = 0;
  const unsigned long files = vzsim::FilePrecharge(tbc, top, &kmem);
  spin_unlock(&top->ub_lock);
  charge_beancounter_notop(ub, UB_NUMPROC, 1);
  if (files != 0) {
    charge_beancounter_notop(ub, UB_NUMFILE, files);
    charge_beancounter_notop(ub, UB_KMEMSIZE, kmem);
  }
  // init_task_sub(): the child's children are born where it was.
  tbc->fork_sub = get_beancounter(parent->task_bc.fork_sub);
  return 0;
}

void ub_task_uncharge(task_struct* task) {
  if (task == nullptr || task->task_bc.task_ub == nullptr) return;
  task_beancounter* tbc = &task->task_bc;
  user_beancounter* top = top_beancounter(tbc->task_ub);
  const unsigned long files = tbc->file_precharged;
  const unsigned long kmem = files * vzsim::kFilpKmem;
  spin_lock(&top->ub_lock);
  __uncharge_beancounter_locked(top, UB_NUMPROC, 1);
  if (files != 0) __uncharge_beancounter_locked(top, UB_NUMFILE, files);
  tbc->file_precharged = 0;
  if (kmem != 0) __uncharge_beancounter_locked(top, UB_KMEMSIZE, kmem);
  spin_unlock(&top->ub_lock);
  uncharge_beancounter_notop(tbc->task_ub, UB_NUMPROC, 1);
  if (files != 0) {
    uncharge_beancounter_notop(tbc->task_ub, UB_NUMFILE, files);
    __put_beancounter_batch(tbc->task_ub, static_cast<int>(files));
  }
  if (kmem != 0) uncharge_beancounter_notop(tbc->task_ub, UB_KMEMSIZE, kmem);
}

void ub_task_put(task_struct* task) {
  if (task == nullptr || task->task_bc.task_ub == nullptr) return;
  task_beancounter* tbc = &task->task_bc;
  user_beancounter* top = top_beancounter(tbc->task_ub);
  spin_lock(&top->ub_lock);
  const unsigned long kmem = tbc->kmem_precharged;
  tbc->kmem_precharged = 0;
  if (kmem != 0) __uncharge_beancounter_locked(top, UB_KMEMSIZE, kmem);
  spin_unlock(&top->ub_lock);
  if (kmem != 0) uncharge_beancounter_notop(tbc->task_ub, UB_KMEMSIZE, kmem);
  put_beancounter(tbc->exec_ub);
  put_beancounter(tbc->task_ub);
  put_beancounter(tbc->fork_sub);
  tbc->exec_ub = tbc->task_ub = tbc->fork_sub = nullptr;
}

}  // extern "C"
