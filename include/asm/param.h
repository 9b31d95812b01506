/*
 * include/asm/param.h: HZ, the timer interrupt's rate. 028stab's
 * kernel/Kconfig.hz defaults to 250.
 */
#ifndef VZSIM_INCLUDE_ASM_PARAM_H
#define VZSIM_INCLUDE_ASM_PARAM_H

#define HZ 250

#endif /* VZSIM_INCLUDE_ASM_PARAM_H */
