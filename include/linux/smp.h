/*
 * include/linux/smp.h: the number of the CPU running the caller (the
 * simulated CPU the calling thread drives; 0 without one).
 */
#ifndef VZSIM_INCLUDE_LINUX_SMP_H
#define VZSIM_INCLUDE_LINUX_SMP_H

#ifdef __cplusplus
extern "C" {
#endif

int smp_processor_id(void);

#ifdef __cplusplus
}
#endif

#define raw_smp_processor_id() smp_processor_id()

#endif /* VZSIM_INCLUDE_LINUX_SMP_H */
