// Interrupts, softirqs and timers, SPEC.md section 8: whoever was running
// when an interrupt arrived, its handler runs for the host.
//
//   irq_enter();                 // outermost: save exec env/ub, go to ve0/ub0
//   handle_IRQ_event(irq);       // the handlers: charges hit ub0, logs the
//   host irq_exit();                  // softirqs (in ve0), then restore
//
// An architecture's do_IRQ must go through irq_enter() / irq_exit() (rule
// R6). Nested interrupts keep the outermost save slot; NMIs (nmi_enter /
// nmi_exit) do not switch context at all. Softirq actions and timer callbacks
// run with the exec env set to ve0 and the exec ub to ub0.
//
// All of these act on the calling thread's simulated CPU and its `current`;
// on a thread that drives no CPU they do nothing (or return -ESRCH).
#ifndef VZSIM_KERNEL_IRQ_H_
#define VZSIM_KERNEL_IRQ_H_

#include <cstdint>

#include "kernel/cpu.h"

// Out-of-line parts of irq_exit(): an unbalanced call, and pending softirqs.
void vzsim_irq_exit_unbalanced();
void do_softirq();

// irq_enter(): on the outermost hard interrupt, save current's exec env and
// exec ub in this CPU's slot and switch both to the host's. Inline, as in
// the kernel: it runs on every interrupt.
inline void irq_enter() {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu == nullptr || cpu->hardirq_depth++ > 0) return;
  task_struct* t = cpu->curr();
  cpu->irq_saved_env = t->ve_task_info.exec_env;
  cpu->irq_saved_ub = t->task_bc.exec_ub;
  t->ve_task_info.exec_env = cpu->host_env;
  t->task_bc.exec_ub = cpu->host_ub;
}

// irq_exit(): at the end of the outermost interrupt, run pending softirqs
// (still as the host), then restore what irq_enter() saved.
inline void irq_exit() {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  if (cpu == nullptr) return;
  if (cpu->hardirq_depth == 0) {
    vzsim_irq_exit_unbalanced();
    return;
  }
  if (--cpu->hardirq_depth > 0) return;
  if (cpu->softirq_raised) do_softirq();
  task_struct* t = cpu->curr();
  t->ve_task_info.exec_env = cpu->irq_saved_env;
  t->task_bc.exec_ub = cpu->irq_saved_ub;
}

void nmi_enter();
void nmi_exit();
// Nesting depth of hard interrupts / NMIs on this CPU.
int in_irq();
int in_nmi();
inline int in_interrupt() { return in_irq() || in_nmi(); }

// An interrupt handler (irqreturn_t in the kernel: 1 handled, 0 not ours).
using irq_handler_t = int (*)(int irq, void* dev_id);
constexpr int NR_IRQS = 256;

// request_irq(): adds a handler for line `irq` (shared lines allowed).
// -EINVAL for a bad line or a null handler; -ESRCH without a CPU.
int request_irq(int irq, irq_handler_t handler, const char* name, void* dev_id);
// free_irq(): removes the handler registered with `dev_id`.
void free_irq(int irq, void* dev_id);
// handle_IRQ_event(): runs the handlers of `irq` in the current context. An
// arch's do_IRQ calls it between irq_enter() and irq_exit(). Returns how many
// handled it; -EINVAL for a bad line (logged as an unexpected interrupt).
int handle_IRQ_event(int irq);

// raise_softirq(): `action(data)` runs at the end of the outermost interrupt
// (or at the next do_softirq()), in ve0.
void raise_softirq(void (*action)(void* data), void* data);
// do_softirq() (declared above): runs this CPU's pending softirq actions
// in ve0 / ub0 and restores the exec context afterwards.

// Timers: `function(data)` runs once the simulated clock reaches `expires`
// (nanoseconds), from run_timers(), with the exec env set to ve0.
struct timer_list {
  void (*function)(unsigned long data);
  unsigned long data;
  int64_t expires;
};
// add_timer() / del_timer(): -EINVAL for a null timer or function; del
// returns 1 if the timer was pending, else 0.
int add_timer(timer_list* timer);
int del_timer(timer_list* timer);
// run_timers(): the timer softirq: runs every expired timer. Returns how
// many ran.
int run_timers();

#endif  // VZSIM_KERNEL_IRQ_H_
