/*
 * The i386 port of the VE / UBC hooks, after the 2.6.18-028stab kernels:
 *
 *   arch/i386/kernel/irq.c        do_IRQ: switches to ve0 / ub0 by hand
 *   arch/i386/kernel/sysenter.c   the vDSO page (read-only)
 *   arch/i386/kernel/ldt.c        the LDT, here a writable VMA built by hand
 *   arch/i386/kernel/process.c    kernel_thread, show_regs
 *   arch/i386/kernel/traps.c      die, show_registers
 *   arch/i386/mm/fault.c          the user segfault report
 *   arch/i386/kernel/ptrace.c     PTRACE_ATTACH
 *   arch/i386/kernel/sys_i386.c   sys_uname (the old uname struct path)
 *   arch/i386/kernel/i386_ksyms.c the exports
 *
 * x86 fixes unaligned user accesses in hardware: there is no unaligned
 * trap to report, so do_unaligned is left out.
 */
#include "arch/i386/i386.h"

#include <cerrno>
#include <csignal>

#include "kernel/irq.h"
#include "kernel/kthread.h"
#include "kernel/mmap.h"
#include "kernel/printk.h"
#include "kernel/sched_debug.h"
#include "kernel/signal.h"
#include "pid/pid.h"
#include "ubc/ub_memory.h"
#include "ubc/ubc.h"
#include "uts/uts.h"
#include "ve/ve.h"

namespace {

constexpr unsigned long VDSO_PAGE = 0xb7fff000UL;
constexpr unsigned long LDT_BASE = 0xb7ff0000UL;
constexpr unsigned long LDT_PAGES = 2; /* LDT_ENTRIES * LDT_ENTRY_SIZE */

/* arch/i386/kernel/irq.c */
void i386_do_IRQ(int irq, pt_regs* regs) {
  struct ve_struct* envid;
  struct user_beancounter* ub;

  (void)regs;
  irq_enter();
  /*
   * irq_enter() already runs us as the host; the 028stab i386 entry also
   * switched by hand, and restores the interrupted context on the way out.
   */
  envid = set_exec_env(get_ve0());
  ub = set_exec_ub(get_ub0());
  handle_IRQ_event(irq);
  (void)set_exec_ub(ub);
  (void)set_exec_env(envid);
  irq_exit();
}

/* A VMA built by hand, charged before it is inserted (rule R1). */
int i386_install_special(struct mm_struct* mm, unsigned long addr,
                         unsigned long pages, unsigned long vm_flags,
                         const char* name) __must_hold(mm->mmap_sem) {
  struct vm_area_struct* vma;
  unsigned long len = pages << PAGE_SHIFT;

  if (ub_memory_charge(mm, len, vm_flags, nullptr, UB_SOFT)) return -ENOMEM;
  vma = vm_area_alloc(mm);
  vma->vm_start = addr;
  vma->vm_end = addr + len;
  vma->vm_flags = vm_flags;
  vzsim::RecordOf(vma)->name = name;
  if (insert_vma_struct(mm, vma)) {
    ub_memory_uncharge(mm, len, vm_flags, nullptr);
    vm_area_free(vma);
    return -ENOMEM;
  }
  return 0;
}

/* arch_setup_additional_pages() + write_ldt()'s LDT */
int i386_setup_arch_mappings(struct mm_struct* mm) __must_hold(mm->mmap_sem) {
  int err;

  err = i386_install_special(
      mm, VDSO_PAGE, 1, VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYEXEC, "[vdso]");
  if (err) return err;
  err = i386_install_special(mm, LDT_BASE, LDT_PAGES,
                             VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE,
                             "[ldt]");
  if (err) {
    /* undo the vDSO; it charged nothing, so unmapping gives nothing back */
    vzsim::MunmapLocked(mm, VDSO_PAGE, PAGE_SIZE);
    return err;
  }
  return 0;
}

/* arch/i386/kernel/process.c: the child starts in kernel_thread_helper */
long i386_kernel_thread(int (*fn)(void*), void* arg, unsigned long flags) {
  if (!ve_allow_kthreads && !ve_is_super(get_exec_env())) {
    printk("kernel_thread call inside container\n");
    dump_stack();
    return -EPERM;
  }
  /* regs.ebx = fn; regs.edx = arg; regs.eip = kernel_thread_helper; */
  return do_kernel_thread(fn, arg, flags | CLONE_VM);
}

void i386_show_regs(pt_regs* regs) {
  printk("\n");
  printk("Pid: %d, comm: %20s veid: %d\n", current->pid, current->comm,
         VEID(VE_TASK_INFO(current)->owner_env));
  printk("EIP: %04x:[<%08lx>] CPU: %d\n", 0x60, regs->ip & 0xffffffffUL,
         vzsim::this_cpu()->id());
  printk(" ESP: %04x:%08lx", 0x7b, regs->sp & 0xffffffffUL);
  printk(" EFLAGS: %08lx    (%s)\n", regs->flags, system_utsname.release);
  printk("EAX: %08lx EBX: %08lx ECX: %08lx EDX: %08lx\n", regs->gpr[0],
         regs->gpr[1], regs->gpr[2], regs->gpr[3]);
}

/* arch/i386/kernel/traps.c: die() -> show_registers() */
void i386_die(const char* str, pt_regs* regs, long err) {
  static int die_counter;

  printk("%s: %04lx [#%d]\n", str, err & 0xffff, ++die_counter);
  printk("CPU:    %d\nEIP:    0060:[<%08lx>]    Not tainted VLI\n",
         vzsim::this_cpu()->id(), regs->ip & 0xffffffffUL);
  printk("EFLAGS: %08lx   (%s)\n", regs->flags, system_utsname.release);
  printk("Process %.*s (pid: %d, veid: %d, ti=%08lx)\n", TASK_COMM_LEN,
         current->comm, current->pid, VEID(VE_TASK_INFO(current)->owner_env),
         regs->sp & ~0x1fffUL & 0xffffffffUL);
}

/* arch/i386/mm/fault.c, bad_area_nosemaphore for a user-mode access */
void i386_do_user_fault(pt_regs* regs, unsigned long address) {
  struct task_struct* tsk = current;
  struct siginfo info = {};

  if (printk_ratelimit())
    ve_printk(VE_LOG,
              "%s[%d]: segfault at %08lx eip %08lx esp %08lx "
              "error %x\n",
              tsk->comm, virt_pid(tsk), address, regs->ip & 0xffffffffUL,
              regs->sp & 0xffffffffUL, 4);
  info.si_code = SEGV_MAPERR;
  info.si_addr = address;
  read_lock(&tasklist_lock);
  send_sig_info(SIGSEGV, &info, tsk);
  read_unlock(&tasklist_lock);
}

/* arch/i386/kernel/ptrace.c: ptrace_get_task_struct() */
long i386_ptrace_attach(pid_t pid, struct task_struct** child) {
  struct task_struct* p;

  *child = nullptr;
  read_lock(&tasklist_lock);
  p = find_task_by_pid_ve(pid);
  read_unlock(&tasklist_lock);
  if (!p) return -ESRCH;
  if (p == current.get()) return -EPERM;
  *child = p;
  return 0;
}

/* the vm86 IRQ-owner scan: which of my VE's processes hold vm86 IRQs */
int i386_list_user_tasks(pid_t* pids, int max) {
  struct task_struct* p;
  int n = 0;

  read_lock(&tasklist_lock);
  for_each_process_ve(p) {
    if (n < max) pids[n++] = virt_pid(p);
  }
  read_unlock(&tasklist_lock);
  return n;
}

/* sysrq-t lands in the generic show_state(), which walks _all */
void i386_show_state(void) { show_state(); }

/* getpid with the parent in %edx, as the old ptrace event message does */
long i386_sys_getxpid(pt_regs* regs) {
  read_lock(&tasklist_lock);
  regs->retval2 = get_task_ppid_ve(current, current->ve_task_info.owner_env);
  read_unlock(&tasklist_lock);
  regs->retval = virt_tgid(current);
  return regs->retval;
}

/* ptrace_notify() / send_sigtrap(): a siginfo the arch fills itself */
int i386_send_arch_signal(struct task_struct* target, int sig) {
  struct siginfo info = {};
  int ret;

  info.si_code = SI_KERNEL;
  info.si_pid = task_pid_seen_by(current, target);
  read_lock(&tasklist_lock);
  ret = send_sig_info(sig, &info, target);
  read_unlock(&tasklist_lock);
  return ret;
}

/* arch/i386/kernel/sys_i386.c: sys_uname() */
long i386_uname(struct new_utsname* name) {
  if (!name) return -EFAULT;
  return sys_newuname(name); /* utsname() of the exec env, under uts_sem */
}

const char* const i386_ksyms[] = {
    "dump_stack", "kernel_thread", "show_mem", "cpu_khz", nullptr,
};

}  // namespace

const arch_ops i386_arch_ops = {
    .name = "i386",
    .description = "32-bit x86: do_IRQ switches by hand, vDSO + LDT VMAs",
    .do_IRQ = i386_do_IRQ,
    .setup_arch_mappings = i386_setup_arch_mappings,
    .kernel_thread = i386_kernel_thread,
    .show_regs = i386_show_regs,
    .die = i386_die,
    .do_user_fault = i386_do_user_fault,
    .do_unaligned = nullptr,
    .ptrace_attach = i386_ptrace_attach,
    .perfmon_load_context = nullptr,
    .list_user_tasks = i386_list_user_tasks,
    .show_state = i386_show_state,
    .sys_getxpid = i386_sys_getxpid,
    .send_arch_signal = i386_send_arch_signal,
    .compat_uname = i386_uname,
    .exports = i386_ksyms,
};
