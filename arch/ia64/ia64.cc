/*
 * The ia64 port of the VE / UBC hooks, after the 2.6.18-028stab kernels:
 *
 *   arch/ia64/kernel/irq_ia64.c   ia64_handle_irq through irq_enter/irq_exit
 *   arch/ia64/mm/init.c           ia64_init_addr_space: the register backing
 *                                 store (writable, charged) and the NaT page
 *                                 (read-only, never charged)
 *   arch/ia64/kernel/process.c    kernel_thread, show_regs
 *   arch/ia64/kernel/traps.c      die
 *   arch/ia64/mm/fault.c          the user segfault report
 *   arch/ia64/kernel/unaligned.c  the user unaligned-access warning
 *   arch/ia64/kernel/perfmon.c    pfm_get_task, the overflow notification
 *   arch/ia64/kernel/mca.c        the task dump of the MCA handler
 *   arch/ia64/ia32/sys_ia32.c     sys32_newuname
 *   arch/ia64/mm/contig.c,        EXPORT_SYMBOL(show_mem), and the cpu_khz
 *   arch/ia64/kernel/time.c       OpenVZ adds for the VE modules
 */
#include "arch/ia64/ia64.h"

#include <cerrno>
#include <csignal>

#include "kernel/irq.h"
#include "kernel/kthread.h"
#include "kernel/mmap.h"
#include "kernel/printk.h"
#include "kernel/signal.h"
#include "pid/pid.h"
#include "ubc/ub_memory.h"
#include "ubc/ubc.h"
#include "uts/uts.h"
#include "ve/ve.h"

namespace {

/* region 3 in the real address map; scaled into the simulated 47 bits */
constexpr unsigned long IA64_RBS_BOT = 0x600000000000UL;
constexpr unsigned long VM_DATA_DEFAULT_FLAGS =
    VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

void ia64_handle_irq(int vector, pt_regs* regs) {
  (void)regs;
  irq_enter();
  handle_IRQ_event(vector); /* __do_IRQ(local_vector_to_irq(vector)) */
  irq_exit();
}

/* arch/ia64/mm/init.c */
int ia64_init_addr_space(struct mm_struct* mm) __must_hold(mm->mmap_sem) {
  struct vm_area_struct* vma;

  /*
   * The register backing store grows up from IA64_RBS_BOT. OpenVZ charges
   * it like any private writable mapping, and gives the charge back if the
   * VMA cannot be inserted.
   */
  if (ub_memory_charge(mm, PAGE_SIZE, VM_DATA_DEFAULT_FLAGS, nullptr, UB_SOFT))
    return -ENOMEM;
  vma = vm_area_alloc(mm);
  vma->vm_start = IA64_RBS_BOT;
  vma->vm_end = vma->vm_start + PAGE_SIZE;
  vma->vm_flags = VM_DATA_DEFAULT_FLAGS;
  vzsim::RecordOf(vma)->name = "[rbs]";
  if (insert_vma_struct(mm, vma)) {
    ub_memory_uncharge(mm, PAGE_SIZE, VM_DATA_DEFAULT_FLAGS, nullptr);
    vm_area_free(vma);
    return -ENOMEM;
  }

  /* The NaT page at 0: read-only, so there is nothing to charge. */
  vma = vm_area_alloc(mm);
  vma->vm_start = 0;
  vma->vm_end = PAGE_SIZE;
  vma->vm_flags = VM_READ | VM_MAYREAD | VM_RESERVED | VM_DONTEXPAND;
  vzsim::RecordOf(vma)->name = "[NaT page]";
  if (insert_vma_struct(mm, vma)) {
    vm_area_free(vma);
    vzsim::MunmapLocked(mm, IA64_RBS_BOT, PAGE_SIZE); /* uncharges it */
    return -ENOMEM;
  }
  return 0;
}

long ia64_kernel_thread(int (*fn)(void*), void* arg, unsigned long flags) {
  if (!ve_allow_kthreads && !ve_is_super(get_exec_env())) {
    printk("kernel_thread call inside container\n");
    dump_stack();
    return -EPERM;
  }
  /* regs.pt.cr_iip = helper_fptr[0]; regs.pt.r1 = helper_fptr[1]; ... */
  return do_kernel_thread(fn, arg, flags | CLONE_VM | CLONE_UNTRACED);
}

void ia64_show_regs(pt_regs* regs) {
  printk("\nPid: %d, CPU %d, comm: %20s veid: %d\n", current->pid,
         vzsim::this_cpu()->id(), current->comm,
         VEID(VE_TASK_INFO(current)->owner_env));
  printk("psr : %016lx ifs : %016lx ip  : [<%016lx>]    %s\n", regs->flags,
         0x8000000000000000UL, regs->ip, system_utsname.release);
  printk("r12 : %016lx r13 : %016lx r8  : %016lx\n", regs->sp, regs->gpr[0],
         regs->gpr[1]);
}

void ia64_die(const char* str, pt_regs* regs, long err) {
  static int die_counter;

  printk("%s[%d]: %s %ld [%d]\n", current->comm, current->pid, str, err,
         ++die_counter);
  ia64_show_regs(regs);
}

void ia64_do_user_fault(pt_regs* regs, unsigned long address) {
  struct siginfo si = {};

  if (printk_ratelimit())
    ve_printk(VE_LOG, "%s[%d]: segfault at %016lx ip %016lx\n", current->comm,
              virt_pid(current), address, regs->ip);
  si.si_code = SEGV_MAPERR;
  si.si_addr = address;
  read_lock(&tasklist_lock);
  send_sig_info(SIGSEGV, &si, current);
  read_unlock(&tasklist_lock);
}

/* arch/ia64/kernel/unaligned.c: a user access the kernel emulated */
void ia64_handle_unaligned(pt_regs* regs, unsigned long ifa) {
  if (printk_ratelimit())
    ve_printk(VE_LOG,
              "%s(%d): unaligned access to 0x%016lx, "
              "ip=0x%016lx\n",
              current->comm, virt_pid(current), ifa, regs->ip);
}

long ia64_ptrace_attach(pid_t pid, struct task_struct** child) {
  struct task_struct* p;

  *child = nullptr;
  read_lock(&tasklist_lock);
  p = find_task_by_pid_ve(pid);
  read_unlock(&tasklist_lock);
  if (!p) return -ESRCH;
  *child = p;
  return 0;
}

/* arch/ia64/kernel/perfmon.c: pfm_get_task() for PFM_LOAD_CONTEXT */
long pfm_load_context(pid_t pid, struct task_struct** task) {
  struct task_struct* p = current;

  *task = nullptr;
  if (pid != virt_pid(current)) {
    read_lock(&tasklist_lock);
    p = find_task_by_pid_ve(pid);
    read_unlock(&tasklist_lock);
  }
  if (!p) return -ESRCH;
  *task = p;
  return 0;
}

/* perfmon: the processes of my VE a context could be loaded on */
int pfm_list_tasks(pid_t* pids, int max) {
  struct task_struct* p;
  int n = 0;

  read_lock(&tasklist_lock);
  for_each_process_ve(p) {
    if (n < max) pids[n++] = virt_pid(p);
  }
  read_unlock(&tasklist_lock);
  return n;
}

/* arch/ia64/kernel/mca.c: every task, whatever context the MCA hit */
void ia64_mca_show_tasks(void) {
  struct task_struct *g, *t;

  printk("MCA: processes at the time of the MCA:\n");
  read_lock(&tasklist_lock);
  do_each_thread_all(g, t) {
    printk("  %s[%d] veid %d\n", t->comm, t->pid,
           VEID(VE_TASK_INFO(t)->owner_env));
  }
  while_each_thread_all(g, t);
  read_unlock(&tasklist_lock);
}

/* the ia32 layer's getppid, which returns the parent in r9 as well */
long ia64_sys_getxpid(pt_regs* regs) {
  read_lock(&tasklist_lock);
  regs->retval2 = get_task_ppid_ve(current, current->ve_task_info.owner_env);
  read_unlock(&tasklist_lock);
  regs->retval = virt_tgid(current);
  return regs->retval;
}

/* pfm_notify_user(): the overflow notification perfmon builds itself */
int pfm_notify_user(struct task_struct* target, int sig) {
  struct siginfo si = {};
  int ret;

  si.si_code = SI_KERNEL;
  si.si_pid = task_pid_seen_by(current, target);
  read_lock(&tasklist_lock);
  ret = send_sig_info(sig, &si, target);
  read_unlock(&tasklist_lock);
  return ret;
}

long sys32_newuname(struct new_utsname* name) {
  if (!name) return -EFAULT;
  return sys_newuname(name);
}

const char* const ia64_ksyms[] = {
    "show_mem", "cpu_khz", "dump_stack", "kernel_thread", "ia64_mca_show_tasks",
    nullptr,
};

}  // namespace

const arch_ops ia64_arch_ops = {
    .name = "ia64",
    .description = "Itanium: register backing store + NaT page, perfmon, MCA",
    .do_IRQ = ia64_handle_irq,
    .setup_arch_mappings = ia64_init_addr_space,
    .kernel_thread = ia64_kernel_thread,
    .show_regs = ia64_show_regs,
    .die = ia64_die,
    .do_user_fault = ia64_do_user_fault,
    .do_unaligned = ia64_handle_unaligned,
    .ptrace_attach = ia64_ptrace_attach,
    .perfmon_load_context = pfm_load_context,
    .list_user_tasks = pfm_list_tasks,
    .show_state = ia64_mca_show_tasks,
    .sys_getxpid = ia64_sys_getxpid,
    .send_arch_signal = pfm_notify_user,
    .compat_uname = sys32_newuname,
    .exports = ia64_ksyms,
};
