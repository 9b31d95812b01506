// Interrupts, softirqs and timers: the generic parts 028stab has in
// include/linux/hardirq.h, kernel/softirq.c, kernel/timer.c and
// kernel/irq/handle.c, on the kernel face (include/linux/hardirq.h,
// include/linux/interrupt.h, include/linux/irq.h, include/linux/timer.h).
//
//   irq_enter();               // outermost: save exec env/ub in the task,
//   __do_IRQ(irq, regs);       //   run as ve0 / ub0; the handlers
//   irq_exit();                // restore, uncount, then pending softirqs
//
// The nesting count is the preempt count of the running task's thread_info;
// NMIs enter and leave the same way (nmi_enter() is irq_enter()) but never
// run softirqs on the way out. An architecture's do_IRQ must go through
// irq_enter() / irq_exit() (rule R6).
//
// All of these act on the calling thread's simulated CPU and its `current`;
// on a thread that drives no CPU they do nothing (request_irq: -ESRCH).
#ifndef VZSIM_KERNEL_IRQ_H_
#define VZSIM_KERNEL_IRQ_H_

#include "include/linux/hardirq.h"
#include "include/linux/interrupt.h"
#include "include/linux/irq.h"
#include "include/linux/timer.h"
#include "kernel/cpu.h"

#endif  // VZSIM_KERNEL_IRQ_H_
