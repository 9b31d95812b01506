// printk and friends for the model's C++ code: the kernel face's own
// declarations (include/linux/kernel.h), implemented in kernel/printk.cc.
//
//   printk(KERN_WARNING "eth0: link down\n");           // the host's log
//   ve_printk(VE_LOG, "%s[%d]: segfault at %lx\n",      // the VE's own log
//             current->comm, virt_pid(current), addr);
//
// On a thread that drives no CPU these write nothing and return -ESRCH.
#ifndef VZSIM_KERNEL_PRINTK_H_
#define VZSIM_KERNEL_PRINTK_H_

#include "include/linux/kernel.h"
#include "kernel/kernel.h"

#endif  // VZSIM_KERNEL_PRINTK_H_
