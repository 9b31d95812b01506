// kernel_thread(), SPEC.md section 9: the generic part an architecture's
// kernel_thread() ends in, and the sysctl that decides whether a VE may
// start kernel threads at all.
//
// The porting rule (R7) puts the check in the arch's kernel_thread:
//
//   if (!ve_allow_kthreads && !ve_is_super(get_exec_env())) {
//     printk("kernel_thread call inside container\n");
//     dump_stack();
//     return -EPERM;
//   }
//   return do_kernel_thread(fn, arg, flags);
#ifndef VZSIM_KERNEL_KTHREAD_H_
#define VZSIM_KERNEL_KTHREAD_H_

// The ve_allow_kthreads sysctl of the current CPU's kernel (0 by default).
int vzsim_ve_allow_kthreads();
#define ve_allow_kthreads (vzsim_ve_allow_kthreads())

// do_kernel_thread(): makes a kernel thread (PF_KTHREAD, no address space)
// for the current exec env: from ve0 a child of host init, in ve0; from a VE
// (only reached when the arch allowed it) a child of that VE's init. The
// simulation does not run `fn`; the thread stays until killed. Returns its
// pid as the host sees it, or a negative errno (-ESRCH without a CPU,
// -EINVAL for a null fn, -ENOMEM / -EAGAIN as fork).
long do_kernel_thread(int (*fn)(void*), void* arg, unsigned long flags);

#endif  // VZSIM_KERNEL_KTHREAD_H_
