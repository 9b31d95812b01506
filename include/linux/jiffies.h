/*
 * include/linux/jiffies.h: the tick count. The model derives it from the
 * simulated clock of the calling CPU's kernel (HZ ticks per second); 0 on a
 * thread without a CPU.
 */
#ifndef VZSIM_INCLUDE_LINUX_JIFFIES_H
#define VZSIM_INCLUDE_LINUX_JIFFIES_H

#include "../asm/param.h"
#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

u64 get_jiffies_64(void);

#ifdef __cplusplus
}
#endif

#define jiffies ((unsigned long)get_jiffies_64())

#endif /* VZSIM_INCLUDE_LINUX_JIFFIES_H */
