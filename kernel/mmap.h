// Address-space operations: the simulated mm/mmap.c, mm/mlock.c and the
// stack-growth part of mm/memory.c, each charging the mm's beancounter
// through ub_memory_charge (ubc/ub_memory.h), and the kernel-face calls that
// arch code uses to build VMAs by hand.
//
// The functions named ...Locked need mm->mmap_sem held for writing; the
// sys_* calls act on `current` and take the locks themselves.
//
// A refused charge fails the operation with -ENOMEM and leaves the mm as it
// was (kernel/ub/ub_pages.c).
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
constexpr unsigned long STACK_LIMIT = 8UL << 20;  // RLIMIT_STACK: 8 MiB

// kmemsize charged for one mm_struct (OpenVZ charges the slab object).
constexpr uint64_t MM_KMEM_SIZE = 1024;

namespace vzsim {

// mm_alloc() + the stack set-up of exec: a new mm charged to `ub`
// (MM_KMEM_SIZE of kmemsize, UB_HARD) with a one-page "[stack]" VMA below
// STACK_TOP (UB_SOFT). Null if a charge is refused.
mm_struct* CreateMm(user_beancounter* ub);
// dup_mmap(): a copy of `old` charged to `ub`, each VMA with UB_HARD. Null if
// a charge is refused (nothing stays charged).
mm_struct* DupMm(mm_struct* old, user_beancounter* ub);
// exit_mmap() + mmdrop(): uncharges every VMA and the mm itself, frees all.
void DestroyMm(mm_struct* mm);
// Moves every charge of `mm` from its beancounter to `ub` (UB_FORCE): what
// the exec of a VE's init amounts to for its address space.
void RechargeMm(mm_struct* mm, user_beancounter* ub);

int MmapLocked(mm_struct* mm, unsigned long addr, unsigned long len, int prot,
               int flags, struct file* file, unsigned long* out)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);
int MunmapLocked(mm_struct* mm, unsigned long addr, unsigned long len)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);
int MlockLocked(mm_struct* mm, unsigned long addr, unsigned long len, bool lock)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);
// sys_brk(): returns the new break, or the old one if it cannot move.
unsigned long BrkLocked(mm_struct* mm, unsigned long new_brk)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);
// expand_stack(): grows the VM_GROWSDOWN VMA above `addr` down to it, with a
// UB_SOFT charge. -EFAULT if no stack lies above, -ENOMEM if refused.
int ExpandStackLocked(mm_struct* mm, unsigned long addr)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(mm->mmap_sem);

}  // namespace vzsim

// ---- Kernel face: building VMAs by hand (rule R1) ------------------------
// insert_vm_struct(), do_munmap(), get_unmapped_area(), protection_map
// (include/linux/mm.h) and the vm_area_cachep slab (include/linux/slab.h)
// are the face's; kernel/mmap.cc implements them.
#include "include/linux/slab.h"

// find_vma() too.

#endif  // VZSIM_KERNEL_MMAP_H_
