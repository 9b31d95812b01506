// The model's records of address spaces and mappings: the C structs
// mm_struct (include/linux/sched.h) and vm_area_struct (include/linux/mm.h),
// which kernel-style code sees, plus what only the C++ model uses: an index
// of the VMAs by address, and a display name for a VMA.
//
// Every mm and VMA the model makes is such a record (kernel/mmap.cc,
// vm_area_alloc()), so vzsim::RecordOf() turns a C pointer back into it.
//
// Locking: each field names its lock beside it, as the C structs' fields do
// (include/linux/sched.h, include/linux/mm.h).
#ifndef VZSIM_KERNEL_MM_RECORD_H_
#define VZSIM_KERNEL_MM_RECORD_H_

#include <map>

#include "include/linux/mm.h"
#include "include/linux/sched.h"
#include "kernel/rwsem.h"

// A mapped file (include/linux/fs.h in the kernel). The simulation needs
// only its identity: a mapping is anonymous when its file is null.
struct file {
  const char* f_name;
};

namespace vzsim {

struct VmaRecord : vm_area_struct {
  const char* name = nullptr;  // "[vdso]", "[stack]", ... for display
  // Where this vm_area_struct was charged (kmemsize, ubc/kmem_sizes.h),
  // with a reference; null if nothing was. Set once, at creation.
  user_beancounter* kmem_ub = nullptr;
};

struct MmRecord : mm_struct {
  // An empty address space used by one task.
  MmRecord() : mm_struct{} {
    init_rwsem(&mmap_sem);
    atomic_set(&mm_users, 1);
  }
  ~MmRecord() { DestroyRwsem(&mmap_sem); }
  MmRecord(const MmRecord&) = delete;
  MmRecord& operator=(const MmRecord&) = delete;

  // The VMAs by start address, the same ones as on the mm->mmap list; the
  // mm owns them. Guarded by mmap_sem: kernel/vma.cc changes it together
  // with the list.
  std::map<unsigned long, vm_area_struct*> vmas;
  // Where the mm_struct and its page directory were charged (kmemsize),
  // with a reference. Set once, at creation.
  user_beancounter* kmem_ub = nullptr;
};

inline VmaRecord* RecordOf(vm_area_struct* vma) {
  return static_cast<VmaRecord*>(vma);
}
inline const VmaRecord* RecordOf(const vm_area_struct* vma) {
  return static_cast<const VmaRecord*>(vma);
}
inline MmRecord* RecordOf(mm_struct* mm) { return static_cast<MmRecord*>(mm); }

}  // namespace vzsim

#endif  // VZSIM_KERNEL_MM_RECORD_H_
