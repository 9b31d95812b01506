/*
 * include/linux/rwsem.h: reader/writer semaphores, such as an address
 * space's mmap_sem:
 *
 *	down_write(&mm->mmap_sem);
 *	...				(change the VMAs)
 *	up_write(&mm->mmap_sem);
 *
 * The model implements them (kernel/rwsem.cc) with a host mutex it keeps in
 * the semaphore's own storage; C code only ever passes a semaphore's
 * address. Under clang the type is a capability, so that -Wthread-safety
 * checks the code that takes one, C and C++ alike.
 */
#ifndef VZSIM_INCLUDE_LINUX_RWSEM_H
#define VZSIM_INCLUDE_LINUX_RWSEM_H

struct
#ifdef __clang__
    __attribute__((capability("rw_semaphore")))
#endif
    rw_semaphore {
	/* The model's lock word (an absl::Mutex lives here once initialised).
	 */
	long count;
};

#ifdef __cplusplus
extern "C" {
#endif

/* init_rwsem(): makes `sem` an unlocked semaphore; before any other call. */
void init_rwsem(struct rw_semaphore *sem);

void down_read(struct rw_semaphore *sem)
#ifdef __clang__
    __attribute__((acquire_shared_capability(*sem)))
#endif
    ;
void up_read(struct rw_semaphore *sem)
#ifdef __clang__
    __attribute__((release_shared_capability(*sem)))
#endif
    ;
void down_write(struct rw_semaphore *sem)
#ifdef __clang__
    __attribute__((acquire_capability(*sem)))
#endif
    ;
void up_write(struct rw_semaphore *sem)
#ifdef __clang__
    __attribute__((release_capability(*sem)))
#endif
    ;

#ifdef __cplusplus
}
#endif

#endif /* VZSIM_INCLUDE_LINUX_RWSEM_H */
