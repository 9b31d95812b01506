#include "ve/ve.h"

#include "kernel/cpu.h"

// include/linux/ve_task.h: get_ve0(), the host VE of the calling CPU's
// kernel (each CPU keeps it for interrupt entry).
ve_struct* get_ve0(void) {
  vzsim::Cpu* cpu = vzsim::this_cpu();
  return cpu == nullptr ? nullptr : cpu->area().ve0;
}
