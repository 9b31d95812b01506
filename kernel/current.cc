// The calling thread's simulated CPU (kernel/cpu.h) and `current` for C
// code (include/asm/current.h).
#include "kernel/cpu.h"

namespace vzsim {
namespace internal {
__thread Cpu* t_cpu __attribute__((tls_model("initial-exec"))) = nullptr;
}  // namespace internal
}  // namespace vzsim

// The C face's view of the same CPU (include/asm/current.h); CpuBinding
// sets both.
extern "C" {
__thread vzsim_cpu_area* vzsim_this_cpu_area
    __attribute__((tls_model("initial-exec"))) = nullptr;
}
