/*
 * include/linux/threads.h: the most CPUs a kernel is built for (the
 * model's limit too).
 */
#ifndef VZSIM_INCLUDE_LINUX_THREADS_H
#define VZSIM_INCLUDE_LINUX_THREADS_H

#define NR_CPUS 256

#endif /* VZSIM_INCLUDE_LINUX_THREADS_H */
