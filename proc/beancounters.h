// /proc/user_beancounters and /proc/vz/veinfo, byte for byte in the layout
// of the OpenVZ kernels (kernel/ub/ub_proc.c: ub_show_header(),
// ub_show_res(), the 64-bit layout; kernel/ve/vecalls.c: veinfo_seq_show()),
// so that a script written for a real OpenVZ host reads them unchanged.
//
// /proc/user_beancounters lists the top-level beancounters newest first, the
// host's (0) last, each with its 24 rows; which ones depends on the reader's
// exec beancounter, not its VE (kernel/ub/ub_proc.c: ub_accessible()): a
// reader charged to ub0 sees all, any other only its own. Opening it needs
// CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (ub_open(): -EACCES).
// Sub-beancounters are never listed.
//
// Thread safety: safe to call while other CPUs charge (values are read
// atomically, one field at a time, as the kernel's seq_file does).
#ifndef VZSIM_PROC_BEANCOUNTERS_H_
#define VZSIM_PROC_BEANCOUNTERS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "kernel/kernel.h"

namespace vzsim {

// What `reader` reads from /proc/user_beancounters once it is open (the
// header alone for a null reader).
std::string RenderUserBeancounters(Kernel& kernel, const task_struct* reader);
std::string RenderVeinfo(Kernel& kernel, const ve_struct* viewer);

// The content of a simulated /proc file as `reader` reads it:
// "/proc/user_beancounters" (EACCES without both DAC capabilities), or
// "/proc/vz/veinfo" as the reader's exec env sees it. ENOENT for other
// paths, ESRCH for a null reader.
absl::StatusOr<std::string> ReadProcFile(Kernel& kernel,
                                         const task_struct* reader,
                                         absl::string_view path);

}  // namespace vzsim

#endif  // VZSIM_PROC_BEANCOUNTERS_H_
