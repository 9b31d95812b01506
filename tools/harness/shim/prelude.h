/*
 * tools/harness/shim/prelude.h: read before every unit the harness
 * compiles from a real kernel tree (after the port's kbuild.h, before the
 * arch's shim). A real file's own #includes are dropped from the unit:
 * the kernel face (include/) stands for all of them, so this header
 * includes the whole face, and stubs the kernel's attributes that the
 * face leaves out. Nothing here is kernel code.
 */
#ifndef VZSIM_HARNESS_PRELUDE_H
#define VZSIM_HARNESS_PRELUDE_H

#include <asm/atomic.h>
#include <asm/current.h>
#include <asm/irq.h>
#include <asm/mmu.h>
#include <asm/page.h>
#include <asm/param.h>
#include <asm/processor.h>
#include <asm/thread_info.h>
#include <asm/uaccess.h>
#include <linux/binfmts.h>
#include <linux/capability.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/hardirq.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/jiffies.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/nsproxy.h>
#include <linux/personality.h>
#include <linux/pid.h>
#include <linux/ptrace.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/spinlock_types.h>
#include <linux/string.h>
#include <linux/sysctl.h>
#include <linux/threads.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <linux/utsname.h>
#include <linux/utsrelease.h>
#include <linux/ve.h>
#include <linux/ve_task.h>
#include <linux/vzcalluser.h>
#include <ub/beancounter.h>
#include <ub/ub_task.h>
#include <ub/ub_vmpages.h>

/* include/linux/init.h, include/linux/kprobes.h, include/linux/cache.h:
 * section placement, which a harness build does not need */
#define __init
#define __initdata
#define __exit
#define __devinit
#define __devinitdata
#define __cpuinit
#define __cpuinitdata
#define __kprobes
#define __read_mostly
#define __cacheline_aligned
#define __cacheline_aligned_in_smp
#define ____cacheline_aligned
#define __always_inline inline
#define noinline __attribute__((noinline))
#define __attribute_used__ __attribute__((used))
#define __must_check
#define __deprecated
#define __iomem
#define __force
#define __kernel
#define __nocast
#define __bitwise
#define __acquires(x)
#define __releases(x)
#define __cold

/* include/linux/kernel.h's ARRAY_SIZE and friends, where the face has none */
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(x) (sizeof(x) / sizeof((x)[0]))
#endif

/* What the harness puts where a tree's function has inline assembly (a
 * read of %cr2 or of a segment register): the simulation runs no kernel
 * instructions, and most would fault in a user process. The statement's
 * first output gets what hx_asm_result() (common.h), given the n input
 * operands, says the instructions would have produced; other outputs
 * stay as they were. */
static unsigned long hx_asm_result(const char *insn, int n, ...);
#define hx_inline_asm(insn, out, ...)                                          \
	((out) = (__typeof__(out))hx_asm_result(insn, __VA_ARGS__))
#define hx_inline_asm0(insn) ((void)(insn))

#include "compat.h"

#endif /* VZSIM_HARNESS_PRELUDE_H */
