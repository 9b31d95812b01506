// What each kernel object the model allocates costs in kmemsize, in bytes.
//
// The kernel charges a slab object its "objuse", the slab bytes per object
// (include/ub/ub_mem.h: set_cache_objuse(), CHARGE_SIZE()), and a page
// allocation its pages (CHARGE_ORDER()). Both depend on the architecture,
// the configuration and every structure's size, which the reference tree
// cannot give without a .config; these are approximations for an x86_64
// 2.6.18 kernel with OpenVZ (docs/semantics.md), named once here.
#ifndef VZSIM_UBC_KMEM_SIZES_H_
#define VZSIM_UBC_KMEM_SIZES_H_

namespace vzsim {

// A task: its task_struct (a SLAB_UBC cache) and its kernel stack
// (x86_64: THREAD_SIZE, two pages from __get_free_pages(GFP_KERNEL_UBC)).
inline constexpr unsigned long kTaskStructKmem = 2048;
inline constexpr unsigned long THREAD_SIZE = 8192;
// Its struct pid (kernel/pid.c: alloc_pid() charges it explicitly).
inline constexpr unsigned long kPidKmem = 128;
// What a new process (not a thread) gets of its own: signal_struct,
// sighand_struct (64 handlers), files_struct, fs_struct.
inline constexpr unsigned long kSignalStructKmem = 768;
inline constexpr unsigned long kSighandStructKmem = 2112;
inline constexpr unsigned long kFilesStructKmem = 768;
inline constexpr unsigned long kFsStructKmem = 64;
// An address space: its mm_struct, and its page directory (one page,
// charged UB_SOFT).
inline constexpr unsigned long kMmStructKmem = 1024;
inline constexpr unsigned long kPgdKmem = 4096;
// One mapping.
inline constexpr unsigned long kVmAreaStructKmem = 192;
// One queued signal (charged with numsiginfo).
inline constexpr unsigned long kSigqueueKmem = 192;
// One open file (charged with numfile; the fork precharge counts it).
inline constexpr unsigned long kFilpKmem = 256;

}  // namespace vzsim

#endif  // VZSIM_UBC_KMEM_SIZES_H_
