/*
 * include/linux/spinlock.h: taking a reader/writer lock, as kernel code
 * spells it:
 *
 *	read_lock(&tasklist_lock);
 *	for_each_process_ve(p)
 *		...
 *	read_unlock(&tasklist_lock);
 *
 * The lock functions are the model's (pid/tasklist_lock.cc). On a thread
 * that drives no simulated CPU they do nothing. Interrupts are not masked:
 * the _irq forms are the plain ones.
 */
#ifndef VZSIM_INCLUDE_LINUX_SPINLOCK_H
#define VZSIM_INCLUDE_LINUX_SPINLOCK_H

#include "spinlock_types.h"

#ifdef __cplusplus
extern "C" {
#endif

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

#define read_lock(lock) _read_lock(lock)
#define read_unlock(lock) _read_unlock(lock)
#define write_lock_irq(lock) _write_lock_irq(lock)
#define write_unlock_irq(lock) _write_unlock_irq(lock)

#endif /* VZSIM_INCLUDE_LINUX_SPINLOCK_H */
