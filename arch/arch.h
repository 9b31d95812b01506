/*
 * arch/arch.h: the hook table every simulated architecture fills in, one
 * group of hooks per porting rule (arch/rules.cc). The conformance checks
 * (arch/conformance/) drive an architecture only through it.
 *
 * An architecture lives in arch/<name>/ as kernel C (-std=gnu89, against
 * the kernel face in include/): files at the real kernel's paths
 * (kernel/process.c, kernel/traps.c, mm/fault.c, ...) with the real
 * functions, and one glue file, hooks.c, that fills this table by calling
 * them as the real entry path would (building a struct pt_regs, a
 * struct linux_binprm, a vector number). The glue holds no modelled
 * behaviour; the modelled functions hold no glue. The hooks' own arguments
 * are arch-neutral, so the checks and the mutation matrix can swap one
 * architecture's hooks for another's (arch/conformance/mutants.h).
 *
 * A hook is NULL where the architecture has no such site; when all the
 * hooks of a rule are NULL, no_site[rule] says why, and the rule's check
 * passes as "not applicable on <arch>: <why>".
 *
 * Every hook runs on a simulated CPU: `current` is the task it runs for.
 */
#ifndef VZSIM_ARCH_ARCH_H_
#define VZSIM_ARCH_ARCH_H_

#ifdef __cplusplus
#include "include/linux/module.h"
#include "include/linux/types.h"
#include "include/linux/utsname.h"
#else
#include <linux/module.h>
#include <linux/types.h>
#include <linux/utsname.h>
#endif

struct task_struct;

#define ARCH_NR_RULES 10

struct arch_ops {
  const char *name;        /* "sparc64" */
  const char *description; /* one line for `vzsim check` */

  /* R1 VMAs built by hand: exec's set-up of a new image for current
   * (current->mm). 0 or -errno. */
  int (*exec_setup_pages)(void);

  /* R2 messages a user can trigger: a user-mode access to an unmapped
   * address, and a user-mode unaligned access the kernel fixed up. The
   * arch's sysctl that turns the report on (x86_64 exception_trace), or
   * NULL. */
  void (*user_fault)(unsigned long address);
  void (*user_unaligned)(unsigned long address);
  int *fault_report_sysctl;

  /* R3 lookups of a pid a user gave: ptrace(PTRACE_ATTACH, pid), 0 or
   * -errno; a second path (ia64 perfmon's pfm_get_task()) that hands
   * back the task found. */
  long (*ptrace_attach)(pid_t pid);
  long (*perfmon_get_task)(pid_t pid, struct task_struct **task);

  /* R4 walks: one serving the calling user (ia64 perfmon: does a task
   * of the caller's carry this context? 0 or -ESRCH), one whole-system
   * dump from a context that did not switch to ve0 (ia64 INIT). */
  int (*user_task_search)(void *context);
  void (*system_task_dump)(void);

  /* R5 pids handed to users: a fault the arch reports to current with
   * a siginfo it fills itself. */
  void (*self_fault_signal)(unsigned long address);

  /* R6 interrupt entry: the hardware raised `irq` while current ran. */
  void (*hw_interrupt)(int irq);

  /* R7 kernel threads: the arch's kernel_thread(). */
  long (*kernel_thread)(int (*fn)(void *), void *arg, unsigned long flags);

  /* R8 the oops path: a kernel-mode fault in current, reported and
   * current killed (die(), die_if_kernel()). */
  void (*oops)(const char *str, long err);

  /* R9 system identity: the arch's own uname path, its answer spread
   * into a new_utsname (fields it has no room for are left empty). */
  long (*arch_uname)(struct new_utsname *name);

  /* R10 exports: the arch's __ksymtab section (EXPORT_SYMBOL). */
  const struct kernel_symbol *ksymtab_start;
  const struct kernel_symbol *ksymtab_stop;

  /* Why a rule has no site on this arch, by rule number (R1 = [1]);
   * NULL where it has one. */
  const char *no_site[ARCH_NR_RULES + 1];
};

#endif /* VZSIM_ARCH_ARCH_H_ */
