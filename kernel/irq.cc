// Generic interrupt entry and exit (kernel/softirq.c's irq_enter / irq_exit
// with OpenVZ's context switch to ve0 / ub0), softirqs and timers.
#include "kernel/irq.h"

#include <cerrno>
#include <vector>

#include "absl/strings/str_format.h"
#include "kernel/cpu.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"

namespace {

// Runs `fn` with current's exec env and ub set to the host's, then restores
// them: what softirq processing and timer callbacks do.
template <typename Fn>
void RunInVe0(vzsim::Kernel* k, Fn fn) {
  task_struct* t = current;
  ve_struct* old_env = t->ve_task_info.exec_env;
  user_beancounter* old_ub = t->task_bc.exec_ub;
  t->ve_task_info.exec_env = k->ve0();
  t->task_bc.exec_ub = k->ub0();
  fn();
  t->ve_task_info.exec_env = old_env;
  t->task_bc.exec_ub = old_ub;
}

}  // namespace

void vzsim_irq_exit_unbalanced() {
  if (vzsim::Kernel* k = vzsim::this_kernel()) {
    k->Printk("BUG: irq_exit() without irq_enter()\n");
  }
}

void nmi_enter() {
  if (vzsim::Cpu* cpu = vzsim::this_cpu()) ++cpu->nmi_depth;
}

void nmi_exit() {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu != nullptr && cpu->nmi_depth > 0) --cpu->nmi_depth;
}

int in_irq() {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  return cpu == nullptr ? 0 : cpu->hardirq_depth;
}

int in_nmi() {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  return cpu == nullptr ? 0 : cpu->nmi_depth;
}

int request_irq(int irq, irq_handler_t handler, const char* name,
                void* dev_id) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  return -vzsim::ErrnoOf(
      k->RequestIrq(irq, {handler, name == nullptr ? "" : name, dev_id}));
}

void free_irq(int irq, void* dev_id) {
  if (vzsim::Kernel* k = vzsim::this_kernel()) k->FreeIrq(irq, dev_id);
}

int handle_IRQ_event(int irq) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  if (irq < 0 || irq >= NR_IRQS) {
    k->Printk(absl::StrFormat("unexpected IRQ trap at vector %d\n", irq));
    return -EINVAL;
  }
  int handled = 0;
  for (const auto& action : k->IrqActions(irq)) {
    handled += action.handler(irq, action.dev_id) != 0;
  }
  return handled;
}

void raise_softirq(void (*action)(void* data), void* data) {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu == nullptr || action == nullptr) return;
  cpu->softirq_pending.push_back({action, data});
  cpu->softirq_raised = 1;
  if (cpu->hardirq_depth == 0) do_softirq();  // not in an interrupt: now
}

void do_softirq() {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu == nullptr || cpu->softirq_pending.empty()) return;
  RunInVe0(cpu->kernel(), [cpu] {
    // Actions may raise more; run until none is left.
    while (!cpu->softirq_pending.empty()) {
      std::vector<vzsim::Cpu::SoftirqWork> work;
      work.swap(cpu->softirq_pending);
      cpu->softirq_raised = 0;
      for (const auto& w : work) w.action(w.data);
    }
  });
}

int add_timer(timer_list* timer) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  if (timer == nullptr || timer->function == nullptr) return -EINVAL;
  absl::MutexLock lock(&k->timer_lock());
  k->timers().push_back(timer);
  return 0;
}

int del_timer(timer_list* timer) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr || timer == nullptr) return 0;
  absl::MutexLock lock(&k->timer_lock());
  auto& timers = k->timers();
  for (auto it = timers.begin(); it != timers.end(); ++it) {
    if (*it == timer) {
      timers.erase(it);
      return 1;
    }
  }
  return 0;
}

int run_timers() {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return 0;
  std::vector<timer_list*> expired;
  {
    absl::MutexLock lock(&k->timer_lock());
    auto& timers = k->timers();
    for (auto it = timers.begin(); it != timers.end();) {
      if ((*it)->expires <= k->now_ns()) {
        expired.push_back(*it);
        it = timers.erase(it);
      } else {
        ++it;
      }
    }
  }
  RunInVe0(k, [&] {
    for (timer_list* t : expired) t->function(t->data);
  });
  return static_cast<int>(expired.size());
}

namespace vzsim {

absl::Status Kernel::RequestIrq(int irq, IrqAction action) {
  if (irq < 0 || irq >= NR_IRQS || action.handler == nullptr) {
    return ErrnoError(-EINVAL, "request_irq: bad line or no handler");
  }
  absl::MutexLock lock(&irq_lock_);
  if (irq_actions_.empty()) irq_actions_.resize(NR_IRQS);
  irq_actions_[irq].push_back(std::move(action));
  return absl::OkStatus();
}

void Kernel::FreeIrq(int irq, void* dev_id) {
  absl::MutexLock lock(&irq_lock_);
  if (irq < 0 || irq >= static_cast<int>(irq_actions_.size())) return;
  auto& list = irq_actions_[irq];
  for (auto it = list.begin(); it != list.end(); ++it) {
    if (it->dev_id == dev_id) {
      list.erase(it);
      return;
    }
  }
}

std::vector<Kernel::IrqAction> Kernel::IrqActions(int irq) const {
  absl::MutexLock lock(&irq_lock_);
  if (irq < 0 || irq >= static_cast<int>(irq_actions_.size())) return {};
  return irq_actions_[irq];
}

}  // namespace vzsim
