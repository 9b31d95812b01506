/*
 * The sparc64 port of the VE / UBC hooks: the port the porting rules were
 * written for (2.6.18-028stab):
 *
 *   arch/sparc64/kernel/irq.c        handler_irq through irq_enter/irq_exit
 *   arch/sparc64/kernel/sys_sunos32.c the SunOS emulation's signal
 *                                    trampoline page: read-only, uncharged
 *   arch/sparc64/kernel/process.c    kernel_thread (enters the clone trap
 *                                    with "t 0x6d"), show_regs
 *   arch/sparc64/kernel/traps.c      die_if_kernel
 *   arch/sparc64/mm/fault.c          the user segfault report
 *   arch/sparc64/kernel/unaligned.c  the unaligned-trap message
 *   arch/sparc64/kernel/ptrace.c     PTRACE_ATTACH
 *   arch/sparc64/kernel/sys_sparc.c  sparc64's getpid: the ppid in %o1
 *   arch/sparc64/solaris/misc.c      solaris_utsname / sunos_uname
 *   arch/sparc64/kernel/sparc64_ksyms.c
 */
#include "arch/sparc64/sparc64.h"

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
#include "uts/uts.h"
#include "ve/ve.h"

namespace {

constexpr unsigned long SUNOS_TRAMP_PAGE = 0xeffff000UL;

void handler_irq(int irq, pt_regs* regs) {
  (void)regs;
  irq_enter();
  handle_IRQ_event(irq);
  irq_exit();
}

/*
 * The only VMA sparc64 builds by hand here is read-only: ub_memory_charge
 * would charge nothing for it, so the port leaves it as it was.
 */
int sunos_map_trampoline(struct mm_struct* mm) __must_hold(mm->mmap_sem) {
  struct vm_area_struct* vma = vm_area_alloc(mm);

  vma->vm_start = SUNOS_TRAMP_PAGE;
  vma->vm_end = SUNOS_TRAMP_PAGE + PAGE_SIZE;
  vma->vm_flags = VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYEXEC;
  vzsim::RecordOf(vma)->name = "[sunos tramp]";
  if (insert_vma_struct(mm, vma)) {
    vm_area_free(vma);
    return -ENOMEM;
  }
  return 0;
}

long sparc64_kernel_thread(int (*fn)(void*), void* arg, unsigned long flags) {
  if (!ve_allow_kthreads && !ve_is_super(get_exec_env())) {
    printk("kernel_thread call inside container\n");
    dump_stack();
    return -EPERM;
  }
  /* mov %o1, %g1; mov SYS_clone, %g1; t 0x6d; ... the child calls fn(arg) */
  return do_kernel_thread(fn, arg, flags | CLONE_VM | CLONE_UNTRACED);
}

void sparc64_show_regs(pt_regs* regs) {
  printk("Pid: %d, comm: %s veid: %d\n", current->pid, current->comm,
         VEID(VE_TASK_INFO(current)->owner_env));
  printk("TSTATE: %016lx TPC: %016lx TNPC: %016lx Y: %08x    %s\n", regs->flags,
         regs->ip, regs->ip + 4, 0, "Not tainted");
  printk("g0: %016lx g1: %016lx g2: %016lx g3: %016lx\n", 0UL, regs->gpr[1],
         regs->gpr[2], regs->gpr[3]);
  printk("o6: %016lx\n", regs->sp);
}

/* arch/sparc64/kernel/traps.c */
void die_if_kernel(const char* str, pt_regs* regs, long err) {
  static int die_counter;

  (void)err;
  printk(
      "              \\|/ ____ \\|/\n"
      "              \"@'/ .. \\`@\"\n"
      "              /_| \\__/ |_\\\n"
      "                 \\__U_/\n");
  printk("%s(%d[#%d]): %s [#%d]\n", current->comm, current->pid,
         VEID(VE_TASK_INFO(current)->owner_env), str, ++die_counter);
  sparc64_show_regs(regs);
}

void sparc64_do_user_fault(pt_regs* regs, unsigned long address) {
  struct siginfo info = {};

  if (printk_ratelimit())
    ve_printk(VE_LOG, "%s[%d]: segfault at %016lx tpc %016lx sp %016lx\n",
              current->comm, virt_pid(current), address, regs->ip, regs->sp);
  info.si_code = SEGV_MAPERR;
  info.si_addr = address;
  read_lock(&tasklist_lock);
  send_sig_info(SIGSEGV, &info, current);
  read_unlock(&tasklist_lock);
}

/* arch/sparc64/kernel/unaligned.c: user_unaligned_trap() */
void user_unaligned_trap(pt_regs* regs, unsigned long addr) {
  if (printk_ratelimit())
    ve_printk(VE_LOG, "%s(%d): unaligned trap at %016lx, tpc %016lx\n",
              current->comm, virt_pid(current), addr, regs->ip);
}

long sparc64_ptrace_attach(pid_t pid, struct task_struct** child) {
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

/* the Solaris emulation's /proc scan, for the calling VE only */
int solaris_list_procs(pid_t* pids, int max) {
  struct task_struct* p;
  int n = 0;

  read_lock(&tasklist_lock);
  for_each_process_ve(p) {
    if (n >= max) break;
    pids[n++] = virt_pid(p);
  }
  read_unlock(&tasklist_lock);
  return n;
}

void sparc64_show_state(void) { show_state(); }

/* arch/sparc64/kernel/sys_sparc.c: getpid returns the ppid in %o1 */
long sparc64_getpid(pt_regs* regs) {
  read_lock(&tasklist_lock);
  regs->retval2 = get_task_ppid_ve(current, current->ve_task_info.owner_env);
  read_unlock(&tasklist_lock);
  regs->retval = virt_tgid(current);
  return regs->retval;
}

int sparc64_send_arch_signal(struct task_struct* target, int sig) {
  struct siginfo info = {};
  int ret;

  info.si_code = SI_KERNEL;
  info.si_pid = task_pid_seen_by(current, target);
  read_lock(&tasklist_lock);
  ret = send_sig_info(sig, &info, target);
  read_unlock(&tasklist_lock);
  return ret;
}

/* sunos_uname(): SunOS names itself, but the node is the VE's */
long sunos_uname(struct new_utsname* name) {
  int ret;

  if (!name) return -EFAULT;
  ret = sys_newuname(name); /* utsname(), under uts_sem */
  if (!ret) std::strcpy(name->sysname, "SunOS");
  return ret;
}

const char* const sparc64_ksyms[] = {
    "show_mem",      "cpu_khz",       "dump_stack",
    "kernel_thread", "die_if_kernel", nullptr,
};

}  // namespace

const arch_ops sparc64_arch_ops = {
    .name = "sparc64",
    .description =
        "UltraSPARC: unaligned traps, SunOS/Solaris uname, "
        "die_if_kernel",
    .do_IRQ = handler_irq,
    .setup_arch_mappings = sunos_map_trampoline,
    .kernel_thread = sparc64_kernel_thread,
    .show_regs = sparc64_show_regs,
    .die = die_if_kernel,
    .do_user_fault = sparc64_do_user_fault,
    .do_unaligned = user_unaligned_trap,
    .ptrace_attach = sparc64_ptrace_attach,
    .perfmon_load_context = nullptr,
    .list_user_tasks = solaris_list_procs,
    .show_state = sparc64_show_state,
    .sys_getxpid = sparc64_getpid,
    .send_arch_signal = sparc64_send_arch_signal,
    .compat_uname = sunos_uname,
    .exports = sparc64_ksyms,
};
