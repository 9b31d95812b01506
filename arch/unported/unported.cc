/*
 * The unported control architecture: arch code written the way vanilla
 * 2.6.18 arch code looks before any porting rule was applied. It compiles
 * only through arch/unported/vanilla.h, which brings back the plain
 * find_task_by_pid / for_each_process / do_each_thread.
 *
 * It is a test fixture, not a product architecture: the conformance suite
 * must find every one of R1 to R10 broken here, each for its own reason. A
 * check that passes on this file has no teeth.
 */
#include "arch/unported/unported.h"

#include <cerrno>
#include <csignal>

#include "arch/unported/vanilla.h"
#include "kernel/irq.h"
#include "kernel/kthread.h"
#include "kernel/mmap.h"
#include "kernel/printk.h"
#include "kernel/signal.h"
#include "uts/uts.h"
#include "ve/ve.h"

namespace {

constexpr unsigned long COMPAT_STACK_TOP = 0xc0000000UL;

/* Its own low-level entry, which never learnt to switch to ve0 (R6). */
void unported_do_IRQ(int irq, pt_regs* regs) {
  (void)regs;
  handle_IRQ_event(irq);
}

/* A compat stack built by hand, never charged (R1). */
int unported_setup_compat_stack(struct mm_struct* mm)
    __must_hold(mm->mmap_sem) {
  struct vm_area_struct* vma = vm_area_alloc(mm);

  vma->vm_start = COMPAT_STACK_TOP - 4 * PAGE_SIZE;
  vma->vm_end = COMPAT_STACK_TOP;
  vma->vm_flags = VM_READ | VM_WRITE | VM_GROWSDOWN | VM_MAYREAD | VM_MAYWRITE;
  vzsim::RecordOf(vma)->name = "[compat stack]";
  if (insert_vma_struct(mm, vma)) {
    vm_area_free(vma);
    return -ENOMEM;
  }
  return 0;
}

/* No check of the exec env (R7). */
long unported_kernel_thread(int (*fn)(void*), void* arg, unsigned long flags) {
  return do_kernel_thread(fn, arg, flags | CLONE_VM);
}

/* No VE id (R8). */
void unported_show_regs(pt_regs* regs) {
  printk("Pid: %d, comm: %20s\n", current->pid, current->comm);
  printk("PC: [<%016lx>] SP: %016lx\n", regs->ip, regs->sp);
}

void unported_die(const char* str, pt_regs* regs, long err) {
  printk("%s: %04lx\n", str, err & 0xffff);
  unported_show_regs(regs);
}

/* Plain printk, no rate limit (R2). */
void unported_do_user_fault(pt_regs* regs, unsigned long address) {
  struct siginfo info = {};

  printk("%s[%d]: segfault at %016lx pc %016lx\n", current->comm, current->pid,
         address, regs->ip);
  info.si_code = SEGV_MAPERR;
  info.si_addr = address;
  read_lock(&tasklist_lock);
  send_sig_info(SIGSEGV, &info, current);
  read_unlock(&tasklist_lock);
}

void unported_do_unaligned(pt_regs* regs, unsigned long addr) {
  printk("%s(%d): unaligned access to 0x%016lx, pc=0x%016lx\n", current->comm,
         current->pid, addr, regs->ip);
}

/* A global lookup (R3). */
long unported_ptrace_attach(pid_t pid, struct task_struct** child) {
  struct task_struct* p;

  *child = nullptr;
  read_lock(&tasklist_lock);
  p = find_task_by_pid(pid);
  read_unlock(&tasklist_lock);
  if (!p) return -ESRCH;
  *child = p;
  return 0;
}

/* Every process of the machine, global pids (R4). */
int unported_list_user_tasks(pid_t* pids, int max) {
  struct task_struct* p;
  int n = 0;

  read_lock(&tasklist_lock);
  for_each_process(p) {
    if (n < max) pids[n++] = p->pid;
  }
  read_unlock(&tasklist_lock);
  return n;
}

void unported_show_state(void) {
  struct task_struct *g, *p;

  read_lock(&tasklist_lock);
  do_each_thread(g, p) { printk("%-13.13s %5d\n", p->comm, p->pid); }
  while_each_thread(g, p);
  read_unlock(&tasklist_lock);
}

/* Global numbers handed to users (R5). */
long unported_getxpid(pt_regs* regs) {
  regs->retval2 = current->group_leader->real_parent
                      ? current->group_leader->real_parent->tgid
                      : 0;
  regs->retval = current->tgid;
  return regs->retval;
}

int unported_send_arch_signal(struct task_struct* target, int sig) {
  struct siginfo info = {};
  int ret;

  info.si_code = SI_KERNEL;
  info.si_pid = current->pid;
  read_lock(&tasklist_lock);
  ret = send_sig_info(sig, &info, target);
  read_unlock(&tasklist_lock);
  return ret;
}

/* The host's names, whoever asks (R9). */
long unported_uname(struct new_utsname* name) {
  if (!name) return -EFAULT;
  *name = system_utsname;
  return 0;
}

/* Neither show_mem nor cpu_khz (R10). */
const char* const unported_ksyms[] = {"dump_stack", nullptr};

}  // namespace

const arch_ops unported_arch_ops = {
    .name = "unported",
    .description =
        "control fixture: vanilla arch code, no porting rule applied",
    .do_IRQ = unported_do_IRQ,
    .setup_arch_mappings = unported_setup_compat_stack,
    .kernel_thread = unported_kernel_thread,
    .show_regs = unported_show_regs,
    .die = unported_die,
    .do_user_fault = unported_do_user_fault,
    .do_unaligned = unported_do_unaligned,
    .ptrace_attach = unported_ptrace_attach,
    .perfmon_load_context = nullptr,
    .list_user_tasks = unported_list_user_tasks,
    .show_state = unported_show_state,
    .sys_getxpid = unported_getxpid,
    .send_arch_signal = unported_send_arch_signal,
    .compat_uname = unported_uname,
    .exports = unported_ksyms,
};
