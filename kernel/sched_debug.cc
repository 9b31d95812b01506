#include "kernel/sched_debug.h"

#include "kernel/cpu.h"
#include "kernel/kernel.h"
#include "kernel/printk.h"

void show_state() {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return;
  printk("  task             PC       pid  veid\n");
  absl::ReaderMutexLock lock(&k->tasklist_lock());
  k->ForEachTaskLocked([](task_struct* t) {
    printk("%-13.13s %c %5d %5u\n", t->comm,
           t->exit_state == EXIT_ZOMBIE ? 'Z' : 'R', t->pid,
           t->ve_task_info.owner_env->veid);
  });
}
