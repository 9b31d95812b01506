// The calling thread's simulated CPU (kernel/cpu.h) and `current` for C
// code (include/asm/current.h).
#include "kernel/cpu.h"

namespace vzsim {
namespace internal {
__thread Cpu* t_cpu __attribute__((tls_model("initial-exec"))) = nullptr;
}  // namespace internal
}  // namespace vzsim

task_struct* get_current(void) { return current.get(); }
