// Softirqs (kernel/softirq.c): a pending bitmask per CPU, 32 vectors per
// kernel, run by __do_softirq() as ve0, with ub0 around each pass.
#include <cstdint>

#include "kernel/irq.h"
#include "kernel/kernel.h"

namespace {

// kernel/softirq.c: MAX_SOFTIRQ_RESTART.
constexpr int kMaxSoftirqRestart = 10;

// __do_softirq(): the exec env is ve0 for the whole run, restarts
// included; the exec ub is ub0 around each pass over the vectors only.
// What is still pending after the last pass stays pending: 028stab wakes
// ksoftirqd only with the debug.ksoftirqd sysctl set.
void DoSoftirqPasses(vzsim::Cpu* cpu) {
  vzsim::Kernel* k = cpu->kernel();
  ve_struct* envid = set_exec_env(k->ve0());
  add_preempt_count(SOFTIRQ_OFFSET);  // __local_bh_disable()
  int max_restart = kMaxSoftirqRestart;
  uint32_t pending = cpu->area().__softirq_pending;
  do {
    cpu->area().__softirq_pending = 0;
    user_beancounter* ub = set_exec_ub(k->ub0());
    softirq_action* h = k->softirq_vec();
    for (uint32_t bits = pending; bits != 0; bits >>= 1, ++h) {
      if ((bits & 1) && h->action != nullptr) h->action(h);
    }
    (void)set_exec_ub(ub);
    pending = cpu->area().__softirq_pending;
  } while (pending != 0 && --max_restart > 0);
  (void)set_exec_env(envid);
  sub_preempt_count(SOFTIRQ_OFFSET);  // _local_bh_enable()
}

}  // namespace

extern "C" {

void do_softirq(void) {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu == nullptr || in_interrupt()) return;
  if (cpu->area().__softirq_pending != 0) DoSoftirqPasses(cpu);
}

unsigned int local_softirq_pending(void) {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  return cpu == nullptr ? 0 : cpu->area().__softirq_pending;
}

void open_softirq(int nr, void (*action)(struct softirq_action*), void* data) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr || nr < 0 || nr >= 32) return;
  k->softirq_vec()[nr] = {action, data};
}

// Marks `nr` pending. Outside an interrupt the kernel would wake ksoftirqd,
// which 028stab does only with debug.ksoftirqd set: the vector waits for
// the next irq_exit(), local_bh_enable() or do_softirq().
void raise_softirq_irqoff(unsigned int nr) {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu == nullptr || nr >= 32) return;
  cpu->area().__softirq_pending |= 1U << nr;
}

void raise_softirq(unsigned int nr) { raise_softirq_irqoff(nr); }

void local_bh_disable(void) {
  if (get_current() != nullptr) add_preempt_count(SOFTIRQ_OFFSET);
}

void local_bh_enable(void) {
  if (get_current() == nullptr) return;
  sub_preempt_count(SOFTIRQ_OFFSET);
  if (!in_interrupt() && local_softirq_pending()) do_softirq();
}

}  // extern "C"
