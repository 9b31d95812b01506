// The hook table every simulated architecture fills in: the places where
// arch code meets the VE and UBC subsystems, one per porting rule of
// SPEC.md section 13 (see arch/rules.h).
//
// An architecture lives in arch/<name>/, written the way the kernel's own
// arch code is written (kernel names, negative errno, printk), and exposes
// one `const struct arch_ops`. Registering it is one line in
// arch/registry.cc; from then on the conformance suite (tests/porting_test.cc)
// and `vzsim check --arch <name>` check it against every rule.
//
// Every hook runs on a simulated CPU (kernel/cpu.h): `current` is the task
// the hook runs for, as in the kernel. Hooks a real architecture does not
// have are left null (for example do_unaligned on x86, which fixes unaligned
// user accesses in hardware); the checks then skip that part.
#ifndef VZSIM_ARCH_ARCH_H_
#define VZSIM_ARCH_ARCH_H_

#include "include/linux/mm.h"
#include "include/linux/sched.h"
#include "include/linux/utsname.h"
#include "kernel/task_record.h"

// The registers an interrupt or trap saved, in a shape common to the four
// modelled architectures (each prints them its own way).
struct pt_regs {
  unsigned long ip;      // eip / rip / cr_iip / tpc
  unsigned long sp;      // esp / rsp / r12 / %o6
  unsigned long flags;   // eflags / psr / tstate
  unsigned long gpr[8];  // a few general registers
  long retval;           // first syscall return register
  long retval2;          // second one (%o1 on sparc64, r9 on ia64)
};

struct arch_ops {
  const char* name;         // "sparc64"
  const char* description;  // one line for `vzsim check`

  // --- R6: interrupt entry --------------------------------------------
  // do_IRQ(): the hardware raised `irq` on this CPU while `current` ran.
  // Must dispatch to handle_IRQ_event(irq) in the host's context.
  void (*do_IRQ)(int irq, pt_regs* regs);

  // --- R1: VMAs built by hand -------------------------------------------
  // The mappings the arch adds to a new process image by hand (vDSO, gate
  // page, register backing store, compat stack, LDT ...). Called with
  // mm->mmap_sem held for writing. 0, or a negative errno with nothing of
  // its own left in the mm and nothing left charged.
  int (*setup_arch_mappings)(mm_struct* mm);

  // --- R7: kernel threads -----------------------------------------------
  long (*kernel_thread)(int (*fn)(void*), void* arg, unsigned long flags);

  // --- R8: register dumps and the oops path -----------------------------
  void (*show_regs)(pt_regs* regs);
  void (*die)(const char* str, pt_regs* regs, long err);

  // --- R2: messages a user can trigger ----------------------------------
  // A user-mode access to a bad address (do_page_fault's bad_area path):
  // reports it and sends SIGSEGV to current.
  void (*do_user_fault)(pt_regs* regs, unsigned long address);
  // A user-mode unaligned access the kernel fixed up and warns about.
  // Null on architectures that do not trap on them.
  void (*do_unaligned)(pt_regs* regs, unsigned long address);

  // --- R3: arch syscalls that look tasks up by pid ----------------------
  // ptrace(PTRACE_ATTACH, pid): 0 with *child set, or -ESRCH / -EPERM.
  long (*ptrace_attach)(pid_t pid, task_struct** child);
  // A second lookup path where the arch has one (ia64 perfmon's
  // PFM_LOAD_CONTEXT); null elsewhere.
  long (*perfmon_load_context)(pid_t pid, task_struct** task);

  // --- R4: walks over tasks ---------------------------------------------
  // A walk that serves the calling user (which processes may I monitor?):
  // writes up to `max` pids, as the caller sees them, to `pids`; returns
  // how many.
  int (*list_user_tasks)(pid_t* pids, int max);
  // A whole-system task dump (sysrq-t, ia64's MCA handler): one line per
  // task to the host log, whatever context it is called from.
  void (*show_state)(void);

  // --- R5: pids handed to users -----------------------------------------
  // The arch's two-register pid syscall (sparc64's getpid returns the ppid
  // in %o1; the others model their ptrace event message the same way):
  // pid in regs->retval, parent pid in regs->retval2.
  long (*sys_getxpid)(pt_regs* regs);
  // A signal the arch builds itself (a ptrace / perfmon notification), sent
  // by current to `target`, with si_pid naming current.
  int (*send_arch_signal)(task_struct* target, int sig);

  // --- R9: system identity ----------------------------------------------
  // The compat uname path (sys32_uname, SunOS / Solaris uname ...).
  long (*compat_uname)(new_utsname* name);

  // --- R10: exports -----------------------------------------------------
  // The symbols the arch exports (EXPORT_SYMBOL), null-terminated.
  const char* const* exports;
};

#endif  // VZSIM_ARCH_ARCH_H_
