/*
 * include/linux/spinlock.h: taking a spinlock or a reader/writer lock, as
 * kernel code spells it:
 *
 *	spin_lock_irqsave(&ub->ub_lock, flags);
 *	...				(several counters change together)
 *	spin_unlock_irqrestore(&ub->ub_lock, flags);
 *
 *	read_lock(&tasklist_lock);
 *	for_each_process_ve(p)
 *		...
 *	read_unlock(&tasklist_lock);
 *
 * Spinlocks work on any thread (kernel/spinlock.cc). The rwlock functions
 * are the model's (pid/tasklist_lock.cc); on a thread that drives no
 * simulated CPU they do nothing. Interrupts are not masked: the _irq and
 * _irqsave forms are the plain ones (`flags` is set to 0).
 */
#ifndef VZSIM_INCLUDE_LINUX_SPINLOCK_H
#define VZSIM_INCLUDE_LINUX_SPINLOCK_H

#include "spinlock_types.h"

#ifdef __cplusplus
extern "C" {
#endif

void _spin_lock(spinlock_t *lock)
#ifdef __clang__
    __attribute__((acquire_capability(*lock)))
#endif
    ;
void _spin_unlock(spinlock_t *lock)
#ifdef __clang__
    __attribute__((release_capability(*lock)))
#endif
    ;

void _read_lock(rwlock_t *lock)
#ifdef __clang__
    __attribute__((acquire_shared_capability(*lock)))
#endif
    ;
void _read_unlock(rwlock_t *lock)
#ifdef __clang__
    __attribute__((release_shared_capability(*lock)))
#endif
    ;
void _write_lock_irq(rwlock_t *lock)
#ifdef __clang__
    __attribute__((acquire_capability(*lock)))
#endif
    ;
void _write_unlock_irq(rwlock_t *lock)
#ifdef __clang__
    __attribute__((release_capability(*lock)))
#endif
    ;

#ifdef __cplusplus
}
#endif

#define spin_lock_init(lock) ((lock)->slock = 0)
#define spin_lock(lock) _spin_lock(lock)
#define spin_unlock(lock) _spin_unlock(lock)
#define spin_lock_irqsave(lock, flags)                                         \
	do {                                                                   \
		(flags) = 0;                                                   \
		_spin_lock(lock);                                              \
	} while (0)
#define spin_unlock_irqrestore(lock, flags)                                    \
	do {                                                                   \
		(void)(flags);                                                 \
		_spin_unlock(lock);                                            \
	} while (0)

#define read_lock(lock) _read_lock(lock)
#define read_unlock(lock) _read_unlock(lock)
#define write_lock_irq(lock) _write_lock_irq(lock)
#define write_unlock_irq(lock) _write_unlock_irq(lock)

#endif /* VZSIM_INCLUDE_LINUX_SPINLOCK_H */
