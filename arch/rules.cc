#include "arch/rules.h"

namespace vzsim {
namespace {

constexpr PortingRule kRules[] = {
    {"R1", "R1_VmaAccounting", "VMA accounting",
     "A VMA the arch builds by hand (vDSO, gate page, register backing store, "
     "compat stack, LDT) is invisible to the beancounters unless it is "
     "charged: a container can then map memory past its privvmpages limit, "
     "and when the VMA is unmapped the uncharge drives the counter below "
     "zero.",
     "Charge it with ub_memory_charge(mm, size, vm_flags, file, UB_SOFT) "
     "before insert_vma_struct(), and ub_memory_uncharge() it if the "
     "insertion fails. Read-only VMAs charge nothing and need no change.",
     "setup_arch_mappings"},
    {"R2", "R2_NoHostLogFlooding", "no host-log flooding",
     "A container user can trigger segfault and unaligned-access reports at "
     "will. With plain printk every one lands in the host's log: one "
     "container floods the log the host admin depends on.",
     "Report with ve_printk(VE_LOG, ...) guarded by printk_ratelimit(), so a "
     "VE floods at most its own 4 KiB buffer.",
     "do_user_fault, do_unaligned"},
    {"R3", "R3_ExplicitLookups", "explicit lookups",
     "A lookup by global pid from a container's syscall lets the container "
     "reach (trace, monitor, signal) tasks of the host or of other "
     "containers by guessing numbers.",
     "Use find_task_by_pid_ve() for pids that come from a user (ptrace, "
     "perfmon) and find_task_by_pid_all() only in system context.",
     "ptrace_attach, perfmon_load_context"},
    {"R4", "R4_ExplicitIteration", "explicit iteration",
     "A walk over every task on behalf of a container user shows it the "
     "whole host; a system dump that walks only the current VE's tasks "
     "hides the rest of the machine from the admin reading it.",
     "Use for_each_process_ve / do_each_thread_ve when serving one VE's "
     "user, for_each_process_all / do_each_thread_all for whole-system work "
     "(sysrq, MCA), under read_lock(&tasklist_lock).",
     "list_user_tasks, show_state"},
    {"R5", "R5_VirtualPidsToUsers", "virtual pids to users",
     "Inside a container processes are numbered from 1. A global pid handed "
     "to a container user names nothing it can see, or worse, one of its "
     "own tasks that happens to have that virtual number.",
     "Hand users virt_pid(), virt_tgid() or task_pid_seen_by(); fill "
     "si_pid from the receiver's point of view.",
     "sys_getxpid, send_arch_signal"},
    {"R6", "R6_IrqRunsInVe0", "interrupts run in VE0",
     "An interrupt arrives in whatever task is running. Without a switch, "
     "its handler's allocations are charged to the interrupted container "
     "and its messages go to that container's log.",
     "Enter through irq_enter() / irq_exit() (or set_exec_env(get_ve0()) "
     "and set_exec_ub(get_ub0()), restoring both afterwards).",
     "do_IRQ"},
    {"R7", "R7_NoKernelThreadsInVe", "no kernel threads in a VE",
     "A kernel thread started from a container's context belongs to the "
     "container, escapes its limits and outlives its stop.",
     "At the top of kernel_thread(): if (!ve_allow_kthreads && "
     "!ve_is_super(get_exec_env())) { printk(\"kernel_thread call inside "
     "container\\n\"); dump_stack(); return -EPERM; }",
     "kernel_thread"},
    {"R8", "R8_VeInRegisterDumps", "VE in register dumps",
     "On a host running hundreds of containers an oops that names only a pid "
     "cannot be traced to the container that caused it.",
     "Print the VE id next to the pid: \"Pid: %d, comm: %.20s veid: %d\" "
     "with VEID(VE_TASK_INFO(current)->owner_env).",
     "show_regs, die"},
    {"R9", "R9_VirtualUtsname", "virtual utsname",
     "Compat uname paths that read system_utsname tell a container the "
     "host's name and kernel release instead of its own.",
     "Read utsname() (the exec env's copy); keep system_utsname for "
     "host-only output such as the oops banner.",
     "compat_uname"},
    {"R10", "R10_Exports", "exports",
     "The VE modules (vzmon and its helpers) use show_mem and cpu_khz; on an "
     "arch that does not export them the modules fail to load and no "
     "container can start.",
     "EXPORT_SYMBOL(show_mem) in the arch's mm code and "
     "EXPORT_SYMBOL(cpu_khz) where the clock is calibrated.",
     "exports"},
};

}  // namespace

absl::Span<const PortingRule> PortingRules() { return kRules; }

const PortingRule* FindRule(absl::string_view id) {
  for (const PortingRule& rule : kRules) {
    if (id == rule.id) return &rule;
  }
  return nullptr;
}

}  // namespace vzsim
