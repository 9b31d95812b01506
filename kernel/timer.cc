// Timers (kernel/timer.c): kept per kernel, in jiffies of the simulated
// clock, run from the TIMER_SOFTIRQ, each callback as ve0.
#include <vector>

#include "include/linux/kernel.h"
#include "kernel/irq.h"
#include "kernel/kernel.h"

namespace vzsim {

// run_timer_softirq() / __run_timers(): every timer whose time has come,
// detached before it runs; the callback runs with the exec env set to ve0
// (OpenVZ's change) and must leave the preempt count as it found it.
void RunTimerSoftirq(struct softirq_action*) {
  Kernel* k = this_kernel();
  if (k == nullptr) return;
  const unsigned long now = jiffies;
  std::vector<timer_list*> expired;
  {
    absl::MutexLock lock(&k->timer_lock());
    list_head* head = k->timer_head();
    for (list_head *pos = head->next, *n = pos->next; pos != head;
         pos = n, n = pos->next) {
      timer_list* t = list_entry(pos, timer_list, entry);
      if (static_cast<long>(now - t->expires) >= 0) {
        list_del(&t->entry);
        t->entry.next = nullptr;  // detach_timer(): no longer pending
        expired.push_back(t);
      }
    }
  }
  for (timer_list* t : expired) {
    const int before = preempt_count();
    ve_struct* ve = set_exec_env(k->ve0());
    t->function(t->data);
    (void)set_exec_env(ve);
    if (before != preempt_count()) {
      printk(KERN_WARNING
             "huh, entered %p with preempt_count %08x, exited with %08x?\n",
             reinterpret_cast<void*>(t->function), before, preempt_count());
      BUG();
    }
  }
}

}  // namespace vzsim

extern "C" {

u64 get_jiffies_64(void) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return 0;
  return static_cast<u64>(k->now_ns()) * HZ / 1000000000ULL;
}

void init_timer(struct timer_list* timer) {
  timer->entry.next = nullptr;
  timer->base = timer;
}

void add_timer(struct timer_list* timer) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr || timer == nullptr) return;
  // __mod_timer(): BUG_ON(timer_pending(timer)), BUG_ON(!timer->function)
  if (timer_pending(timer) || timer->function == nullptr) {
    BUG();
    return;
  }
  absl::MutexLock lock(&k->timer_lock());
  list_add_tail(&timer->entry, k->timer_head());
}

int del_timer(struct timer_list* timer) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr || timer == nullptr) return 0;
  absl::MutexLock lock(&k->timer_lock());
  if (!timer_pending(timer)) return 0;
  list_del(&timer->entry);
  timer->entry.next = nullptr;
  return 1;
}

void run_local_timers(void) { raise_softirq(TIMER_SOFTIRQ); }

}  // extern "C"
