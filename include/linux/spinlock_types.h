/*
 * include/linux/spinlock_types.h: spinlock_t and rwlock_t.
 *
 * A spinlock_t is a lock word in the structure it guards (a beancounter's
 * ub_lock), taken by spinning (kernel/spinlock.cc). The simulation's
 * reader/writer locks are the model's own (an absl::Mutex for each
 * simulated kernel); a C rwlock_t names which one, and the model
 * (pid/tasklist_lock.cc) takes it. Under clang both types are capabilities,
 * so that -Wthread-safety checks code that takes them, C and C++ alike.
 */
#ifndef VZSIM_INCLUDE_LINUX_SPINLOCK_TYPES_H
#define VZSIM_INCLUDE_LINUX_SPINLOCK_TYPES_H

typedef struct
#ifdef __clang__
    __attribute__((capability("spinlock")))
#endif
{
	unsigned int slock; /* 0: free; 1: held */
} spinlock_t;

#define SPIN_LOCK_UNLOCKED                                                     \
	{                                                                      \
		0                                                              \
	}

typedef struct
#ifdef __clang__
    __attribute__((capability("rwlock")))
#endif
{
	/* Unused by the model; a C struct needs a member. */
	unsigned int raw_lock;
} rwlock_t;

#endif /* VZSIM_INCLUDE_LINUX_SPINLOCK_TYPES_H */
