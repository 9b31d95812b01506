// A ps-like table of tasks as one VE sees them, like `ps -e -o pid,ppid,comm`
// run on the host or inside a container (with an extra VPID and VEID column
// on the host, like `vzps`).
//
// From ve0, every task, with global pids, its virtual pid and its VE. From a
// VE, only that VE's tasks, with virtual pids. Threads are listed too when
// `with_threads` is set. Rows are sorted by pid for a stable display.
//
// Thread safety: takes the Kernel's task-list lock for reading.
#ifndef VZSIM_PROC_PS_H_
#define VZSIM_PROC_PS_H_

#include <string>

#include "kernel/kernel.h"

namespace vzsim {

struct PsOptions {
  bool with_threads = false;
};

std::string RenderPs(Kernel& kernel, ve_struct* viewer,
                     const PsOptions& options = {});

}  // namespace vzsim

#endif  // VZSIM_PROC_PS_H_
