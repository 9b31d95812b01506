/*
 * include/linux/spinlock_types.h: rwlock_t.
 *
 * The simulation's reader/writer locks are the model's own (an absl::Mutex
 * for each simulated kernel); a C rwlock_t names which one, and the model
 * (pid/tasklist_lock.cc) takes it. Under clang the type is a capability,
 * so that -Wthread-safety checks code that takes it, C and C++ alike.
 */
#ifndef VZSIM_INCLUDE_LINUX_SPINLOCK_TYPES_H
#define VZSIM_INCLUDE_LINUX_SPINLOCK_TYPES_H

typedef struct
#ifdef __clang__
    __attribute__((capability("rwlock")))
#endif
{
	/* Unused by the model; a C struct needs a member. */
	unsigned int raw_lock;
} rwlock_t;

#endif /* VZSIM_INCLUDE_LINUX_SPINLOCK_TYPES_H */
