/*
 * include/asm/atomic.h: atomic_t, an int that several CPUs update at once.
 *
 * The simulation's CPUs are host threads, so the operations are GCC's
 * __atomic builtins (the same in C and C++, and understood by
 * ThreadSanitizer). Reads and sets are relaxed, as the kernel's plain
 * loads and stores are; the read-modify-writes are full barriers, as the
 * kernel's locked instructions are.
 */
#ifndef VZSIM_INCLUDE_ASM_ATOMIC_H
#define VZSIM_INCLUDE_ASM_ATOMIC_H

typedef struct {
	int counter;
} atomic_t;

#define ATOMIC_INIT(i)                                                         \
	{                                                                      \
		(i)                                                            \
	}

static inline int atomic_read(const atomic_t *v)
{
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);
}

static inline void atomic_set(atomic_t *v, int i)
{
	__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);
}

static inline void atomic_add(int i, atomic_t *v)
{
	__atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline void atomic_sub(int i, atomic_t *v)
{
	__atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline void atomic_inc(atomic_t *v)
{
	atomic_add(1, v);
}

static inline void atomic_dec(atomic_t *v)
{
	atomic_sub(1, v);
}

/* atomic_dec_and_test(): decrements; true when the result is 0. */
static inline int atomic_dec_and_test(atomic_t *v)
{
	return __atomic_sub_fetch(&v->counter, 1, __ATOMIC_SEQ_CST) == 0;
}

#endif /* VZSIM_INCLUDE_ASM_ATOMIC_H */
