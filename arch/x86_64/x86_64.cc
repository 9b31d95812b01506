/*
 * The x86_64 port of the VE / UBC hooks, with its ia32 compatibility layer,
 * after the 2.6.18-028stab kernels:
 *
 *   arch/x86_64/kernel/irq.c          do_IRQ through irq_enter / irq_exit
 *   arch/x86_64/kernel/vsyscall.c     the vDSO pages (read-only)
 *   arch/x86_64/ia32/ia32_binfmt.c    ia32_setup_arg_pages: the compat stack,
 *                                     a writable VMA built by hand
 *   arch/x86_64/kernel/process.c      kernel_thread (a pt_regs frame for
 *                                     child_rip), __show_regs
 *   arch/x86_64/kernel/traps.c        __die, show_registers
 *   arch/x86_64/mm/fault.c            the user segfault report
 *   arch/x86_64/kernel/ptrace.c       PTRACE_ATTACH
 *   arch/x86_64/ia32/sys_ia32.c       sys32_uname
 *   arch/x86_64/kernel/x8664_ksyms.c  the exports
 *
 * Unaligned user accesses are fixed by the hardware: no do_unaligned.
 */
#include "arch/x86_64/x86_64.h"

#include <cerrno>
#include <csignal>
#include <cstring>

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

constexpr unsigned long VDSO_BASE = 0x7fffffff0000UL;
constexpr unsigned long VDSO_PAGES = 2;
constexpr unsigned long IA32_STACK_TOP = 0xffffe000UL;
constexpr unsigned long IA32_STACK_PAGES = 8; /* MAX_ARG_PAGES, trimmed */

void x86_64_do_IRQ(int irq, pt_regs* regs) {
  (void)regs;
  /* exit_idle(); irq_enter() switches to ve0 / ub0 for the handlers */
  irq_enter();
  handle_IRQ_event(irq);
  irq_exit();
}

/* arch_setup_additional_pages(): the vDSO, read-only: no charge needed */
int x86_64_map_vdso(struct mm_struct* mm) __must_hold(mm->mmap_sem) {
  struct vm_area_struct* vma = vm_area_alloc(mm);

  vma->vm_start = VDSO_BASE;
  vma->vm_end = VDSO_BASE + (VDSO_PAGES << PAGE_SHIFT);
  vma->vm_flags = VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYEXEC;
  vzsim::RecordOf(vma)->name = "[vdso]";
  if (insert_vma_struct(mm, vma)) {
    vm_area_free(vma);
    return -ENOMEM;
  }
  return 0;
}

/* ia32_setup_arg_pages(): the compat stack, charged before insertion */
int ia32_setup_arg_pages(struct mm_struct* mm) __must_hold(mm->mmap_sem) {
  struct vm_area_struct* mpnt;
  unsigned long len = IA32_STACK_PAGES << PAGE_SHIFT;
  unsigned long vm_flags =
      VM_READ | VM_WRITE | VM_GROWSDOWN | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

  if (ub_memory_charge(mm, len, vm_flags, nullptr, UB_SOFT)) return -ENOMEM;
  mpnt = vm_area_alloc(mm);
  mpnt->vm_start = IA32_STACK_TOP - len;
  mpnt->vm_end = IA32_STACK_TOP;
  mpnt->vm_flags = vm_flags;
  vzsim::RecordOf(mpnt)->name = "[ia32 stack]";
  if (insert_vma_struct(mm, mpnt)) {
    ub_memory_uncharge(mm, len, vm_flags, nullptr);
    vm_area_free(mpnt);
    return -ENOMEM;
  }
  return 0;
}

int x86_64_setup_arch_mappings(struct mm_struct* mm) __must_hold(mm->mmap_sem) {
  int ret = x86_64_map_vdso(mm);

  if (ret) return ret;
  ret = ia32_setup_arg_pages(mm);
  if (ret) vzsim::MunmapLocked(mm, VDSO_BASE, VDSO_PAGES << PAGE_SHIFT);
  return ret;
}

long x86_64_kernel_thread(int (*fn)(void*), void* arg, unsigned long flags) {
  /* OpenVZ: no kernel threads on behalf of a container */
  if (!ve_allow_kthreads && !ve_is_super(get_exec_env())) {
    printk("kernel_thread call inside container\n");
    dump_stack();
    return -EPERM;
  }
  /* regs.rdi = fn; regs.rsi = arg; regs.rip = child_rip; ... do_fork() */
  return do_kernel_thread(fn, arg, flags | CLONE_VM);
}

void x86_64_show_regs(pt_regs* regs) {
  printk("\n");
  printk("Pid: %d, comm: %.20s %s %s veid: %d\n", current->pid, current->comm,
         "Not tainted", system_utsname.release,
         VEID(VE_TASK_INFO(current)->owner_env));
  printk("RIP: %04lx:[<%016lx>]\n", 0x10UL, regs->ip);
  printk("RSP: %04lx:%016lx  EFLAGS: %08lx\n", 0x18UL, regs->sp, regs->flags);
  printk("RAX: %016lx RBX: %016lx RCX: %016lx\n", regs->gpr[0], regs->gpr[1],
         regs->gpr[2]);
}

void x86_64_die(const char* str, pt_regs* regs, long err) {
  static int die_counter;

  printk("%s: %04lx [%u] SMP \n", str, err & 0xffff, ++die_counter);
  printk("CPU %d \n", vzsim::this_cpu()->id());
  x86_64_show_regs(regs);
  printk("Process %s (pid: %d, veid: %d, threadinfo %016lx)\n", current->comm,
         current->pid, VEID(VE_TASK_INFO(current)->owner_env),
         regs->sp & ~0x1fffUL);
}

void x86_64_do_user_fault(pt_regs* regs, unsigned long address) {
  struct task_struct* tsk = current;
  struct siginfo info = {};

  if (printk_ratelimit())
    ve_printk(VE_LOG,
              "%s[%d]: segfault at %016lx rip %016lx rsp %016lx "
              "error %lx\n",
              tsk->comm, virt_pid(tsk), address, regs->ip, regs->sp, 4UL);
  info.si_code = SEGV_MAPERR;
  info.si_addr = address;
  read_lock(&tasklist_lock);
  send_sig_info(SIGSEGV, &info, tsk);
  read_unlock(&tasklist_lock);
}

long x86_64_ptrace_attach(pid_t pid, struct task_struct** child) {
  struct task_struct* p;

  *child = nullptr;
  if (pid == virt_pid(current)) return -EPERM;
  read_lock(&tasklist_lock);
  p = find_task_by_pid_ve(pid);
  read_unlock(&tasklist_lock);
  if (!p) return -ESRCH;
  *child = p;
  return 0;
}

/* the I/O-bitmap users scan (ioperm), as the caller's VE sees it */
int x86_64_list_user_tasks(pid_t* pids, int max) {
  struct task_struct* p;
  int n = 0;

  read_lock(&tasklist_lock);
  for_each_process_ve(p) {
    if (n == max) break;
    pids[n++] = virt_tgid(p);
  }
  read_unlock(&tasklist_lock);
  return n;
}

void x86_64_show_state(void) { show_state(); }

/* sys32_getppid fast path of the ia32 layer: pid and parent together */
long x86_64_sys_getxpid(pt_regs* regs) {
  read_lock(&tasklist_lock);
  regs->retval2 = get_task_ppid_ve(current, get_exec_env());
  read_unlock(&tasklist_lock);
  return regs->retval = get_task_tgid_ve(current, get_exec_env());
}

int x86_64_send_arch_signal(struct task_struct* target, int sig) {
  struct siginfo info = {};
  int ret;

  info.si_code = SI_KERNEL;
  info.si_pid = task_pid_seen_by(current, target);
  read_lock(&tasklist_lock);
  ret = send_sig_info(sig, &info, target);
  read_unlock(&tasklist_lock);
  return ret;
}

/* arch/x86_64/ia32/sys_ia32.c: sys32_uname */
long sys32_uname(struct new_utsname* name) {
  int err;

  if (!name) return -EFAULT;
  err = sys_newuname(name);
  if (!err) std::strcpy(name->machine, "i686"); /* personality(PER_LINUX32) */
  return err;
}

const char* const x8664_ksyms[] = {
    "dump_stack", "kernel_thread",        "show_mem",
    "cpu_khz",    "ia32_setup_arg_pages", nullptr,
};

}  // namespace

const arch_ops x86_64_arch_ops = {
    .name = "x86_64",
    .description = "64-bit x86 with the ia32 layer: vDSO + ia32 compat stack",
    .do_IRQ = x86_64_do_IRQ,
    .setup_arch_mappings = x86_64_setup_arch_mappings,
    .kernel_thread = x86_64_kernel_thread,
    .show_regs = x86_64_show_regs,
    .die = x86_64_die,
    .do_user_fault = x86_64_do_user_fault,
    .do_unaligned = nullptr,
    .ptrace_attach = x86_64_ptrace_attach,
    .perfmon_load_context = nullptr,
    .list_user_tasks = x86_64_list_user_tasks,
    .show_state = x86_64_show_state,
    .sys_getxpid = x86_64_sys_getxpid,
    .send_arch_signal = x86_64_send_arch_signal,
    .compat_uname = sys32_uname,
    .exports = x8664_ksyms,
};
