/*
 * tools/harness/shim/common.h: kernel names every architecture's real
 * functions use that the kernel face leaves out, for the harness. The
 * values are the 2.6.18 kernel's; what the simulation has no machinery
 * for (notifier chains, kexec, a kernel stack, page frames) is a stub
 * whose comment says what it stands for. Read by each <arch>.h.
 */
#ifndef VZSIM_HARNESS_COMMON_H
#define VZSIM_HARNESS_COMMON_H

#include <asm-generic/siginfo.h>

/* include/asm-generic/siginfo.h: the face has the struct only */
typedef struct siginfo siginfo_t;
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define ILL_ILLOPC 1
#define ILL_ILLOPN 2
#define FPE_INTDIV 1

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;

/* include/linux/err.h */
#define IS_ERR_VALUE(x) ((x) >= (unsigned long)-4095)

/* include/linux/notifier.h: return values */
#define NOTIFY_DONE 0x0000
#define NOTIFY_OK 0x0001
#define NOTIFY_STOP_MASK 0x8000
#define NOTIFY_BAD (NOTIFY_STOP_MASK | 0x0002)
#define NOTIFY_STOP (NOTIFY_OK | NOTIFY_STOP_MASK)

/* include/asm-<arch>/kdebug.h: no die notifier is ever registered here, so the
 * chain always answers "done" */
enum die_val {
	DIE_OOPS = 1,
	DIE_INT3,
	DIE_DEBUG,
	DIE_PANIC,
	DIE_NMI,
	DIE_DIE,
	DIE_NMIWATCHDOG,
	DIE_KERNELDEBUG,
	DIE_TRAP,
	DIE_GPF,
	DIE_CALL,
	DIE_NMI_IPI,
	DIE_PAGE_FAULT,
};
#define notify_die(val, str, regs, err, trap, sig) NOTIFY_DONE

/* include/linux/spinlock.h: the harness runs one oops at a time on one
 * simulated CPU; the locks only need to compile. spinlock_t and
 * SPIN_LOCK_UNLOCKED are the face's (linux/spinlock_types.h); its lock
 * calls give way to no-ops here. */
#undef spin_lock_init
#undef spin_lock
#undef spin_unlock
#undef spin_lock_irqsave
#undef spin_unlock_irqrestore
#define DEFINE_SPINLOCK(x) spinlock_t x = SPIN_LOCK_UNLOCKED
#define spin_lock_init(l) ((l)->slock = 0)
#define spin_lock(l) ((void)(l))
#define spin_unlock(l) ((void)(l))
#define spin_lock_irq(l) ((void)(l))
#define spin_unlock_irq(l) ((void)(l))
#define spin_lock_irqsave(l, f) ((void)(l), (f) = 0)
#define spin_trylock(l) ((void)(l), 1)
#define spin_unlock_irqrestore(l, f) ((void)(l), (void)(f))
#define local_save_flags(f) ((f) = 0)
#define local_irq_save(f) ((f) = 0)
#define local_irq_restore(f) ((void)(f))
#define local_irq_enable() ((void)0)
#define local_irq_disable() ((void)0)
#define preempt_disable() ((void)0)
#define preempt_enable() ((void)0)
#define get_cpu() smp_processor_id()
#define put_cpu() ((void)0)

/* kernel/panic.c, lib/bust_spinlocks.c, include/linux/kernel.h: the oops
 * bookkeeping has nothing to do in the simulation */
#define oops_enter() ((void)0)
#define oops_exit() ((void)0)
#define console_verbose() ((void)0)
static inline void bust_spinlocks(int on)
{
	(void)on;
}
static int panic_on_oops;
/* include/linux/kexec.h: no kexec kernel is loaded */
#define kexec_should_crash(task) 0
#define crash_kexec(regs) ((void)(regs))

/* include/linux/sched.h: the CPU a task last ran on */
#define task_cpu(p) smp_processor_id()

/* include/linux/utsname.h: uts_sem guards the utsname copies; the model's
 * copies change only between checks, so a private semaphore does */
static inline struct rw_semaphore *hx_uts_sem(void)
{
	static struct rw_semaphore sem;
	static int ready;

	if (!ready) {
		init_rwsem(&sem);
		ready = 1;
	}
	return &sem;
}
#define uts_sem (*hx_uts_sem())

/* 028stab: kernel/sysctl.c's debug.decode_call_traces, default 1 */
static int decode_call_traces = 1;

/* include/linux/mm.h: the simulation has no page frames: no online node,
 * no page to count; show_mem() prints its header and zero totals */
struct page {
	unsigned long flags;
};
typedef struct pglist_data {
	unsigned long node_spanned_pages;
	unsigned long node_start_pfn;
} pg_data_t;
#define for_each_online_pgdat(pgdat)                                           \
	for ((pgdat) = (pg_data_t *)0; (pgdat); (pgdat) = (pg_data_t *)0)
#define pgdat_resize_lock(p, f) ((void)(p), *(f) = 0)
#define pgdat_resize_unlock(p, f) ((void)(p), (void)(f))
#define pgdat_page_nr(p, i) ((struct page *)0 + (i))
#define PageHighMem(page) 0
#define PageReserved(page) 0
#define PageSwapCache(page) 0
#define page_count(page) 0
#define show_free_areas() ((void)0)
#define nr_swap_pages 0L
#define num_physpages 0L
#define max_mapnr 0UL
#define mem_map ((struct page *)0)
#define pgtable_quicklist_total_size() 0L
#define nr_free_pages() 0U
enum zone_stat_item {
	NR_ANON_PAGES,
	NR_FILE_MAPPED,
	NR_FILE_PAGES,
	NR_SLAB,
	NR_PAGETABLE,
	NR_FILE_DIRTY,
	NR_WRITEBACK,
	NR_UNSTABLE_NFS,
	NR_BOUNCE,
	NR_VM_ZONE_STAT_ITEMS
};
#define global_page_state(item) 0UL
#define get_page(page) ((void)(page))
#define pfn_to_page(pfn) ((struct page *)0 + (pfn))
#define pfn_valid(pfn) 0
#define virt_to_page(addr) ((struct page *)0)
#define get_zeroed_page(gfp) 0UL

/* include/linux/mm.h (2.6.18): a special mapping's operations */
struct vm_operations_struct {
	void (*open)(struct vm_area_struct *area);
	void (*close)(struct vm_area_struct *area);
	struct page *(*nopage)(struct vm_area_struct *area,
			       unsigned long address, int *type);
	int (*populate)(struct vm_area_struct *area, unsigned long address,
			unsigned long len, pgprot_t prot, unsigned long pgoff,
			int nonblock);
	int (*page_mkwrite)(struct vm_area_struct *vma, struct page *page);
};

/* include/asm/uaccess.h: the face's __get_user() reads no kernel text;
 * nor does a copy: nothing is copied */
#define __copy_from_user(to, from, n)                                          \
	((void)(to), (void)(from), (unsigned long)(n))
#define __strnlen_user(s, n) 0L
#define put_user(x, ptr) __put_user((x), (ptr))
#define get_user(x, ptr) __get_user((x), (ptr))
#define copy_from_user(to, from, n) __copy_from_user((to), (from), (n))

/* include/linux/sched.h: send a signal the task cannot block; give up
 * the CPU (one simulated CPU runs the fault: nothing to yield to) */
static inline int hx_force_sig(int sig, struct task_struct *p)
{
	struct siginfo si;

	memset(&si, 0, sizeof(si));
	si.si_signo = sig;
	si.si_code = SI_KERNEL;
	return force_sig_info(sig, &si, p);
}
#define force_sig(sig, p) hx_force_sig((sig), (p))
#define yield() ((void)0)

/* include/linux/kernel.h, include/linux/limits.h */
#define PATH_MAX 4096
#define touch_nmi_watchdog() ((void)0)
#define in_atomic() (in_interrupt() != 0)
/* include/linux/rwsem.h: the model's semaphores have no try; a fault
 * path's down_read_trylock() takes it */
#define down_read_trylock(sem) (down_read(sem), 1)
/* include/linux/prefetch.h */
#define prefetch(x) ((void)(x))
#define prefetchw(x) ((void)(x))

/* include/asm-generic/sections.h: no kernel image: empty text */
static char _stext[1], _etext[1], _text[1], _end[1];

/* kernel/extable.c: no kernel text in the simulation, no fixups */
struct exception_table_entry {
	unsigned long insn, fixup;
};
#define search_exception_tables(addr) ((const struct exception_table_entry *)0)
#define __kernel_text_address(addr) 0
#define kernel_text_address(addr) 0

/* The value an inline assembly statement would have read (prelude.h):
 * %cr2 is the faulting address, which the glue leaves in
 * current->thread.cr2 as the model's read_cr2() does; a segment register
 * reads the kernel's data selector; anything else (a control register, a
 * timestamp) reads 0. */
static int hx_insn_has(const char *insn, const char *what)
{
	const char *a, *b;

	for (; *insn; insn++) {
		for (a = insn, b = what; *b && *a == *b; a++, b++)
			;
		if (!*b)
			return 1;
	}
	return 0;
}

static unsigned long hx_asm_result(const char *insn, int n, ...)
{
	unsigned long in[8] = {0};
	__builtin_va_list ap;
	int i;

	__builtin_va_start(ap, n);
	for (i = 0; i < n && i < 8; i++)
		in[i] = __builtin_va_arg(ap, unsigned long);
	__builtin_va_end(ap);
#ifdef HX_CLONE_TRAP
	/* sparc64's kernel_thread(): the clone() trap with the flags in its
	 * second input; the parent gets the child's pid */
	if (hx_insn_has(insn, HX_CLONE_TRAP))
		return do_fork(in[1], 0, NULL, 0, NULL, NULL);
#endif
	(void)in;
	if (hx_insn_has(insn, "cr2"))
		return current->thread.cr2;
#ifdef __KERNEL_DS
	if (hx_insn_has(insn, "%%ds") || hx_insn_has(insn, "%%es") ||
	    hx_insn_has(insn, "%%ss"))
		return __KERNEL_DS;
#endif
	return 0;
}

#endif /* VZSIM_HARNESS_COMMON_H */
