// Interrupt lines and __do_IRQ() (kernel/irq/handle.c); irq_enter() and
// irq_exit() are inline in the face (include/linux/hardirq.h).
#include "kernel/irq.h"

#include <cerrno>

#include "kernel/errno_status.h"
#include "kernel/kernel.h"

extern "C" {

int request_irq(unsigned int irq,
                irqreturn_t (*handler)(int, void*, struct pt_regs*),
                unsigned long irqflags, const char* devname, void* dev_id) {
  (void)irqflags;
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  return -vzsim::ErrnoOf(
      k->RequestIrq(static_cast<int>(irq),
                    {handler, devname == nullptr ? "" : devname, dev_id}));
}

void free_irq(unsigned int irq, void* dev_id) {
  if (vzsim::Kernel* k = vzsim::this_kernel()) {
    k->FreeIrq(static_cast<int>(irq), dev_id);
  }
}

// kernel/irq/handle.c: __do_IRQ(). A line with no handler is what the
// x86 ack_bad_irq() reports.
unsigned int __do_IRQ(unsigned int irq, struct pt_regs* regs) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return 1;
  const auto actions = k->IrqActions(static_cast<int>(irq));
  if (actions.empty()) {
    printk("unexpected IRQ trap at vector %02x\n", irq);
    return 1;
  }
  for (const auto& action : actions) {
    action.handler(static_cast<int>(irq), action.dev_id, regs);
  }
  return 1;
}

}  // extern "C"

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
