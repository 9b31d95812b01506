// The kernel face of the kernel log (SPEC.md section 7).
//
//   printk("eth0: link up\n");                          // the host's log
//   if (printk_ratelimit())
//     ve_printk(VE_LOG, "%s[%d]: segfault at %lx\n",    // the VE's own log
//               current->comm, virt_pid(current), addr);
//
// On a thread that drives no CPU these write nothing and return -ESRCH.
#ifndef VZSIM_KERNEL_PRINTK_H_
#define VZSIM_KERNEL_PRINTK_H_

#include "kernel/kernel.h"  // VE0_LOG, VE_LOG, VE_LOG_BOTH

// printk(): formats and appends to the host log. Returns the length written.
int printk(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
// ve_printk(): as printk, to the destination `dst` as seen from the current
// exec env (from ve0 always once to the host log). -EINVAL for a bad `dst`.
int ve_printk(int dst, const char* fmt, ...)
    __attribute__((format(printf, 2, 3)));
// printk_ratelimit(): 1 for at most 10 calls per 5 s of simulated time.
int printk_ratelimit();
// dump_stack(): a (simulated) call trace of current, to the host log.
void dump_stack();

#endif  // VZSIM_KERNEL_PRINTK_H_
