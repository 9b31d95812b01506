/*
 * include/ub/beancounter.h: user beancounters, per-container resource
 * accounting. Each beancounter keeps, for each of 24 resources, how much is
 * held now, the extremes seen, a barrier and a limit, and how many charges
 * were refused:
 *
 *	if (charge_beancounter(ub, UB_LOCKEDPAGES, pages, UB_HARD) < 0)
 *		return -ENOMEM;			(refused; failcnt went up)
 *	...
 *	uncharge_beancounter(ub, UB_LOCKEDPAGES, pages);
 *
 * A beancounter lives as long as someone holds a reference
 * (get_beancounter() / put_beancounter()): each task holds three (exec_ub,
 * task_ub, fork_sub), each address space one (mm_ub). The last put takes it
 * out of the table and /proc/user_beancounters (ubc/ub_table.cc).
 *
 * Locking: each field of struct user_beancounter names its lock beside it.
 */
#ifndef VZSIM_INCLUDE_UB_BEANCOUNTER_H
#define VZSIM_INCLUDE_UB_BEANCOUNTER_H

#include "../asm/atomic.h"
#include "../linux/spinlock.h"
#include "../linux/stddef.h"
#include "../linux/types.h"

/* Resource indices. 4 and 20 to 22 are unused ("dummy"). */
#define UB_KMEMSIZE 0	 /* unswappable kernel memory: tasks, page tables */
#define UB_LOCKEDPAGES 1 /* mlock()ed pages */
#define UB_PRIVVMPAGES 2 /* private (potentially) writable pages */
#define UB_SHMPAGES 3	 /* shared memory (tmpfs, SysV, shared anonymous) */
#define UB_DUMMY 4
#define UB_NUMPROC 5	  /* tasks */
#define UB_PHYSPAGES 6	  /* resident pages */
#define UB_VMGUARPAGES 7  /* allocation guarantee */
#define UB_OOMGUARPAGES 8 /* guarantee against the OOM killer */
#define UB_NUMTCPSOCK 9
#define UB_NUMFLOCK 10
#define UB_NUMPTY 11
#define UB_NUMSIGINFO 12
#define UB_TCPSNDBUF 13
#define UB_TCPRCVBUF 14
#define UB_OTHERSOCKBUF 15
#define UB_DGRAMRCVBUF 16
#define UB_NUMOTHERSOCK 17
#define UB_DCACHESIZE 18
#define UB_NUMFILE 19
#define UB_NUMXTENT 23 /* iptables entries ("numiptent") */
#define UB_RESOURCES_COMPAT 24
#define UB_RESOURCES 24

/* Names only (ub_rnames[], warnings): the page counters below. */
#define UB_UNUSEDPRIVVM (UB_RESOURCES + 0)
#define UB_TMPFSPAGES (UB_RESOURCES + 1)
#define UB_SWAPPAGES (UB_RESOURCES + 2)
#define UB_HELDPAGES (UB_RESOURCES + 3)

/* The largest value, which also means "unlimited" (LONG_MAX). */
#define UB_MAXVALUE ((1UL << (sizeof(unsigned long) * 8 - 1)) - 1)

#define UB_MAGIC 0x62756275

/*
 * How hard a charge may push: UB_HARD up to the barrier (and the limit),
 * UB_SOFT up to the limit, UB_FORCE past both.
 */
enum ub_severity { UB_HARD, UB_SOFT, UB_FORCE };

/*
 * A leaky bucket for warnings: `burst` may come at once, then one per
 * `interval` jiffies since the last one let through.
 */
struct ub_rate_info {
	int burst;
	int interval; /* jiffies */
	int bucket;
	unsigned long last; /* jiffies of the last message let through */
};

struct ubparm {
	unsigned long barrier;
	unsigned long limit;
	unsigned long held;
	unsigned long maxheld;
	unsigned long minheld;
	unsigned long failcnt; /* refused charges */
};

/*
 * Page counters, top-level beancounters only. unused_privvmpages: private
 * writable pages mapped but never touched (all of them in the model, which
 * has no page faults); privvmpages.held is recomputed from these and
 * shmpages.held.
 */
struct page_private {
	unsigned long ubp_unused_privvmpages;
	unsigned long ubp_tmpfs_respages;
	unsigned long ubp_swap_pages;
	unsigned long long ubp_held_pages; /* << UB_PAGE_WEIGHT_SHIFT */
};

/* The fields the model uses, of the kernel's larger structure. */
struct user_beancounter {
	unsigned long ub_magic; /* set when made */
	atomic_t ub_refcount;	/* atomic: no lock */
	spinlock_t ub_lock;	/* guards the fields that name it */
	uid_t ub_uid; /* set when made; a VE's is its veid (vzctl's way) */

	/* "Fatal resource shortage": under ub_lock. */
	struct ub_rate_info ub_limit_rl;

	/*
	 * The page counters and ub_parms below change under ub_lock (the
	 * __..._locked calls expect it held; charge_beancounter() takes it
	 * per level), and are read and written with atomic builtins besides,
	 * so that /proc may read them without the lock.
	 */
	struct page_private ppriv;
#define ub_unused_privvmpages ppriv.ubp_unused_privvmpages
#define ub_tmpfs_respages ppriv.ubp_tmpfs_respages
#define ub_swap_pages ppriv.ubp_swap_pages
#define ub_held_pages ppriv.ubp_held_pages

	struct user_beancounter *parent; /* NULL at the top; set when made */
	int ub_childs; /* sub-beancounters; under the table's ub_hash_lock */

	struct ubparm ub_parms[UB_RESOURCES];
};

/* top_beancounter(): the top of `ub`'s hierarchy (NULL for NULL). */
static inline struct user_beancounter *
top_beancounter(struct user_beancounter *ub)
{
	while (ub != NULL && ub->parent != NULL)
		ub = ub->parent;
	return ub;
}

static inline int ub_barrier_hit(struct user_beancounter *ub, int resource)
{
	struct ubparm *p = &ub->ub_parms[resource];

	return __atomic_load_n(&p->held, __ATOMIC_RELAXED) >
	       __atomic_load_n(&p->barrier, __ATOMIC_RELAXED);
}

static inline int ub_hfbarrier_hit(struct user_beancounter *ub, int resource)
{
	struct ubparm *p = &ub->ub_parms[resource];

	return __atomic_load_n(&p->held, __ATOMIC_RELAXED) >
	       (__atomic_load_n(&p->barrier, __ATOMIC_RELAXED) >> 1);
}

/* Far below the barrier: held <= barrier / 8. */
static inline int ub_barrier_farnr(struct user_beancounter *ub, int resource)
{
	struct ubparm *p = &ub->ub_parms[resource];

	return __atomic_load_n(&p->held, __ATOMIC_RELAXED) <=
	       (__atomic_load_n(&p->barrier, __ATOMIC_RELAXED) >> 3);
}

/* The same, and a barrier of at least 1 MiB. */
static inline int ub_barrier_farsz(struct user_beancounter *ub, int resource)
{
	struct ubparm *p = &ub->ub_parms[resource];

	return ub_barrier_farnr(ub, resource) &&
	       __atomic_load_n(&p->barrier, __ATOMIC_RELAXED) >= 1024 * 1024;
}

/* ub_adjust_maxheld(): maxheld up to held, minheld down to it. */
static inline void ub_adjust_maxheld(struct user_beancounter *ub, int resource)
{
	struct ubparm *p = &ub->ub_parms[resource];
	unsigned long held = __atomic_load_n(&p->held, __ATOMIC_RELAXED);

	if (__atomic_load_n(&p->maxheld, __ATOMIC_RELAXED) < held)
		__atomic_store_n(&p->maxheld, held, __ATOMIC_RELAXED);
	if (__atomic_load_n(&p->minheld, __ATOMIC_RELAXED) > held)
		__atomic_store_n(&p->minheld, held, __ATOMIC_RELAXED);
}

/* get_beancounter(): one more reference (NULL-safe). */
static inline struct user_beancounter *
get_beancounter(struct user_beancounter *ub)
{
	if (ub != NULL)
		atomic_inc(&ub->ub_refcount);
	return ub;
}

static inline void get_beancounter_batch(struct user_beancounter *ub, int n)
{
	atomic_add(n, &ub->ub_refcount);
}

/* Drops n references that cannot be the last. */
static inline void __put_beancounter_batch(struct user_beancounter *ub, int n)
{
	atomic_sub(n, &ub->ub_refcount);
}

#ifdef __cplusplus
extern "C" {
#endif

/* The resource names, then the four page counters' (28 in all). */
extern const char *ub_rnames[];

/*
 * get_beancounter_byuid(): the top-level beancounter `uid`, with a
 * reference; made (syslimits, at the head of the list) when `create` and
 * none exists. NULL if none exists and !create, or on a thread that drives
 * no simulated CPU.
 */
struct user_beancounter *get_beancounter_byuid(uid_t uid, int create);
/*
 * get_subbeancounter_byid(): the same for sub-beancounter `id` of `p`
 * (unlimited; it holds a reference on `p`). NULL for a NULL `p`.
 */
struct user_beancounter *get_subbeancounter_byid(struct user_beancounter *p,
						 int id, int create);
/*
 * __put_beancounter(): drops a reference. The last one releases the
 * beancounter: it leaves the table, a warning is logged for every counter
 * it still holds, and its parent loses the reference it held. ub0 is never
 * released.
 */
void __put_beancounter(struct user_beancounter *ub);
/* print_ub_uid(): "101", or "101.3" for a sub-beancounter. */
int print_ub_uid(struct user_beancounter *ub, char *buf, int size);

/*
 * __charge_beancounter_locked(): one level, ub_lock held. 0, or -ENOMEM
 * (failcnt + 1; for UB_SOFT a rate-limited "Fatal resource shortage"
 * line). -EINVAL for a bad resource; a bad severity is a kernel BUG.
 */
int __charge_beancounter_locked(struct user_beancounter *ub, int resource,
				unsigned long val, enum ub_severity strict)
#ifdef __clang__
    __attribute__((requires_capability(ub->ub_lock)))
#endif
    ;
/* Takes back at most what is held; more is logged, then clamped. */
void __uncharge_beancounter_locked(struct user_beancounter *ub, int resource,
				   unsigned long val)
#ifdef __clang__
    __attribute__((requires_capability(ub->ub_lock)))
#endif
    ;
/*
 * charge_beancounter(): `ub` and every level above it, each under its own
 * lock; a refusal gives the lower levels back. 0, -ENOMEM, or -EINVAL (a
 * NULL ub, a bad resource, val > UB_MAXVALUE).
 */
int charge_beancounter(struct user_beancounter *ub, int resource,
		       unsigned long val, enum ub_severity strict);
void uncharge_beancounter(struct user_beancounter *ub, int resource,
			  unsigned long val);
/* Every level but the top, with UB_FORCE (the top was charged apart). */
void __charge_beancounter_notop(struct user_beancounter *ub, int resource,
				unsigned long val);
void __uncharge_beancounter_notop(struct user_beancounter *ub, int resource,
				  unsigned long val);
/* "Uncharging too much ..." for `resource` (or a page counter). */
void uncharge_warn(struct user_beancounter *ub, int resource, unsigned long val,
		   unsigned long held);

#ifdef __cplusplus
}
#endif

/* put_beancounter(): __put_beancounter(), NULL-safe. */
static inline void put_beancounter(struct user_beancounter *ub)
{
	if (ub != NULL)
		__put_beancounter(ub);
}

static inline void put_beancounter_batch(struct user_beancounter *ub, int n)
{
	if (n > 1)
		__put_beancounter_batch(ub, n - 1);
	__put_beancounter(ub);
}

static inline void charge_beancounter_notop(struct user_beancounter *ub,
					    int resource, unsigned long val)
{
	if (ub != NULL && ub->parent != NULL)
		__charge_beancounter_notop(ub, resource, val);
}

static inline void uncharge_beancounter_notop(struct user_beancounter *ub,
					      int resource, unsigned long val)
{
	if (ub != NULL && ub->parent != NULL)
		__uncharge_beancounter_notop(ub, resource, val);
}

#endif /* VZSIM_INCLUDE_UB_BEANCOUNTER_H */
