/*
 * include/ub/beancounter.h: user beancounters, per-container resource
 * accounting. Each beancounter keeps, for each of 24 resources, how much is
 * held now, the extremes since the last accounting period, a barrier and a
 * limit, and how many charges were refused:
 *
 *	if (charge_beancounter(ub, UB_PRIVVMPAGES, pages, UB_HARD) < 0)
 *		return -ENOMEM;			(refused; failcnt went up)
 *	...
 *	uncharge_beancounter(ub, UB_PRIVVMPAGES, pages);
 *
 * Charges take no lock: every ubparm field is read and written with atomic
 * builtins (ubc/beancounter.cc), so any number of CPUs may charge at once.
 * The model keeps its own bookkeeping (where warnings go, the rate limit of
 * shortage messages) in a C++ record around this struct (ubc/beancounter.h).
 */
#ifndef VZSIM_INCLUDE_UB_BEANCOUNTER_H
#define VZSIM_INCLUDE_UB_BEANCOUNTER_H

#include "../linux/stddef.h"
#include "../linux/types.h"

/* Resource indices. 4 and 20 to 22 are unused. */
#define UB_KMEMSIZE 0	 /* unswappable kernel memory: tasks, page tables */
#define UB_LOCKEDPAGES 1 /* mlock()ed pages */
#define UB_PRIVVMPAGES 2 /* private (potentially) writable pages */
#define UB_SHMPAGES 3	 /* IPC shared memory */
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
#define UB_RESOURCES 24

/* The largest value, which also means "unlimited". */
#define UB_MAXVALUE ((1UL << (sizeof(unsigned long) * 8 - 1)) - 1)

/* How hard a charge may push: up to the barrier, the limit, or past both. */
enum ub_severity { UB_HARD, UB_SOFT, UB_FORCE };

struct ubparm {
	unsigned long barrier;
	unsigned long limit;
	unsigned long held;
	unsigned long maxheld; /* since the last accounting period */
	unsigned long minheld;
	unsigned long failcnt; /* refused charges */
};

/* The fields the model uses, of the kernel's larger structure. */
struct user_beancounter {
	uid_t ub_uid;			 /* the id; a VE's is its veid */
	struct user_beancounter *parent; /* NULL at the top */
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

#ifdef __cplusplus
extern "C" {
#endif

/*
 * charge_beancounter(): adds `val` of `resource` to `ub` and each of its
 * parents. 0; -ENOMEM when a level refuses (nothing stays charged, that
 * level's failcnt goes up); -EINVAL for a bad resource or val > UB_MAXVALUE.
 */
int charge_beancounter(struct user_beancounter *ub, int resource,
		       unsigned long val, enum ub_severity strict);
/*
 * uncharge_beancounter(): takes `val` back at every level; never fails. Going
 * below 0 clamps at 0 and logs a warning.
 */
void uncharge_beancounter(struct user_beancounter *ub, int resource,
			  unsigned long val);

#ifdef __cplusplus
}
#endif

#endif /* VZSIM_INCLUDE_UB_BEANCOUNTER_H */
