// /proc/user_beancounters and /proc/vz/veinfo, byte for byte in the layout
// of the OpenVZ kernels (kernel/ub/ub_proc.c: ub_show_header(),
// ub_show_res(), the 64-bit layout; kernel/ve/vecalls.c: veinfo_seq_show()),
// so that a
// script written for a real OpenVZ host reads them unchanged.
//
// Read from ve0, every VE and every top-level beancounter is listed, newest
// first, the host's (0) last; read from a VE, only its own. Sub-beancounters
// are never listed.
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

std::string RenderUserBeancounters(Kernel& kernel, const ve_struct* viewer);
std::string RenderVeinfo(Kernel& kernel, const ve_struct* viewer);

// The content of a simulated /proc file as `viewer` reads it:
// "/proc/user_beancounters" or "/proc/vz/veinfo". ENOENT for other paths
// (and for /proc/vz/veinfo... never: it exists in every VE), EINVAL for a
// null viewer.
absl::StatusOr<std::string> ReadProcFile(Kernel& kernel,
                                         const ve_struct* viewer,
                                         absl::string_view path);

}  // namespace vzsim

#endif  // VZSIM_PROC_BEANCOUNTERS_H_
