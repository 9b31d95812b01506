// Address-space operations: the simulated mm/mmap.c, mm/mlock.c,
// mm/mprotect.c, mm/mremap.c and the stack growth of mm/memory.c, each
// charging the beancounters as the kernel does (kernel/ub/ub_pages.c):
// every mapping's pages to the mm's beancounter (mm->mm_ub) through
// ub_memory_charge() with the strictness the kernel's caller passes, and
// every VMA object to kmemsize of the exec beancounter of the task that
// makes it.
//
// `actor` is the task an operation runs as (current in the kernel); the
// functions named ...Locked need mm->mmap_sem held for writing.
#ifndef VZSIM_KERNEL_MMAP_H_
#define VZSIM_KERNEL_MMAP_H_

#include "include/linux/mm.h"
#include "include/linux/sched.h"
#include "kernel/mm_record.h"
#include "kernel/rwsem.h"
#include "kernel/task_record.h"
#include "ubc/beancounter.h"

// mmap prot / flags (the simulation's subset of <sys/mman.h>).
#include <sys/mman.h>

// The simulated x86_64 user address space.
constexpr unsigned long TASK_SIZE = 0x800000000000UL;
constexpr unsigned long STACK_TOP = 0x7ffffffff000UL;
constexpr unsigned long TASK_UNMAPPED_BASE = 0x7ffff7000000UL;
constexpr unsigned long TASK_START_BRK = 0x0000000000602000UL;
// The boot task's RLIMIT_STACK (8 MiB) and RLIMIT_MEMLOCK in pages
// (include/linux/resource.h: _STK_LIM, MLOCK_LIMIT), which every task
// inherits; the limits themselves are the actor's signal->rlim[]
// (StackLimit(), MlockLimitPages()).
constexpr unsigned long STACK_LIMIT = _STK_LIM;
constexpr unsigned long MLOCK_LIMIT_PAGES = MLOCK_LIMIT >> PAGE_SHIFT;

// RLIMIT_STACK's soft limit of `actor`'s group (acct_stack_growth()), in
// bytes; the boot value without an actor.
inline unsigned long StackLimit(const task_struct* actor) {
  if (actor == nullptr || actor->signal == nullptr) return STACK_LIMIT;
  return actor->signal->rlim[RLIMIT_STACK].rlim_cur;
}
// RLIMIT_MEMLOCK's soft limit of `actor`'s group, in pages (sys_mlock():
// rlim_cur >> PAGE_SHIFT); the boot value without an actor.
inline unsigned long MlockLimitPages(const task_struct* actor) {
  if (actor == nullptr || actor->signal == nullptr) return MLOCK_LIMIT_PAGES;
  return actor->signal->rlim[RLIMIT_MEMLOCK].rlim_cur >> PAGE_SHIFT;
}

// OpenVZ's mmap flag (include/asm-x86_64/mman.h): charge the mapping
// UB_SOFT, as program loaders do. glibc calls the same bit MAP_STACK.
constexpr int MAP_EXECPRIO = 0x20000;
#ifndef PROT_SEM
// mprotect() accepts it (include/asm-generic/mman.h); glibc leaves it out.
constexpr int PROT_SEM = 0x8;
#endif

namespace vzsim {

// exec's mm_alloc() and setup_arg_pages(): a new mm charged to actor's exec
// beancounter (mm_ub), its mm_struct and page directory to kmemsize, with a
// one-page "[stack]" VMA below STACK_TOP (UB_SOFT). Null if refused.
mm_struct* CreateMm(task_struct* actor);
// dup_mm(): a copy of `old` for the forked `child`, in the child's task_ub;
// the objects charged to the parent's (`actor`'s) exec beancounter, each
// VMA's pages UB_HARD without VM_LOCKED. Null if refused (nothing stays).
mm_struct* DupMm(mm_struct* old, task_struct* actor, task_struct* child);
// exit_mmap() + mmdrop(): uncharges every VMA and the mm itself, frees all.
// `actor` (the exiting task; null when the kernel is destroyed) takes the
// freed kmemsize into its reserve.
void DestroyMm(mm_struct* mm, task_struct* actor);

// sys_mmap(): the mapping's address. -EBADF, -EINVAL, -ENOMEM (a refused
// charge, no gap), as the kernel; len 0 maps nothing and gives `addr`.
int MmapLocked(mm_struct* mm, task_struct* actor, unsigned long addr,
               unsigned long len, int prot, int flags, struct file* file,
               unsigned long* out) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);
int MunmapLocked(mm_struct* mm, task_struct* actor, unsigned long addr,
                 unsigned long len) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);
// sys_mlock() / sys_munlock(): left to right, one VMA piece at a time; the
// pieces done before an error stay done. -EAGAIN when lockedpages is
// refused, -ENOMEM for a hole (or a refused split... as -EAGAIN), -EINVAL
// for a wrapping range, -ENOMEM over the actor's RLIMIT_MEMLOCK without
// CAP_IPC_LOCK.
int MlockLocked(mm_struct* mm, task_struct* actor, unsigned long start,
                unsigned long len, bool lock)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);
// sys_mlockall(flags) / sys_munlockall() (flags 0): def_flags, and with
// MCL_CURRENT every VMA, refusals ignored. -EINVAL for bad flags, -ENOMEM
// over the limit without CAP_IPC_LOCK.
int MlockallLocked(mm_struct* mm, task_struct* actor, int flags)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);
// sys_mprotect(): to writable charges privvmpages UB_SOFT, to read-only
// gives it back; left to right, earlier pieces stay changed.
int MprotectLocked(mm_struct* mm, task_struct* actor, unsigned long start,
                   unsigned long len, unsigned long prot)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);
// do_mremap(): the new address, or a negative errno in *out's place.
int MremapLocked(mm_struct* mm, task_struct* actor, unsigned long addr,
                 unsigned long old_len, unsigned long new_len,
                 unsigned long flags, unsigned long new_addr,
                 unsigned long* out)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);
// sys_brk(): returns the new break, or the old one if it cannot move.
unsigned long BrkLocked(mm_struct* mm, task_struct* actor,
                        unsigned long new_brk)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);
// expand_stack(): grows the VM_GROWSDOWN VMA above `addr` down to it, with a
// UB_SOFT charge. -EFAULT if no stack lies above, -ENOMEM if refused.
int ExpandStackLocked(mm_struct* mm, task_struct* actor, unsigned long addr)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);

// The shmem object a shared anonymous mapping is backed by
// (shmem_zero_setup()): its VMAs are file-backed and shared from then on.
extern struct file shmem_zero_file;

}  // namespace vzsim

// ---- Kernel face: building VMAs by hand (rule R1) ------------------------
// insert_vm_struct(), do_munmap(), get_unmapped_area(), protection_map
// (include/linux/mm.h) and the vm_area_cachep slab (include/linux/slab.h)
// are the face's; kernel/mmap.cc implements them.
#include "include/linux/slab.h"

// find_vma() too.

#endif  // VZSIM_KERNEL_MMAP_H_
