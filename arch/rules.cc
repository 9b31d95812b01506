#include "arch/rules.h"

namespace vzsim {
namespace {

constexpr PortingRule kRules[] = {
    {"R1", "R1_VmaAccounting", "VMA accounting",
     "A VMA the arch builds by hand at exec (x86_64's ia32 stack, ia64's "
     "register backing store) is invisible to the beancounters unless it is "
     "charged, yet unmapping it uncharges by its flags. A writable private "
     "one lets a container map past privvmpages, and its uncharge at exit "
     "gives back pages that were never charged. A read-only one (i386's "
     "vDSO, x86_64's compat vsyscall page) costs nothing: exec builds it in "
     "a new mm, whose def_flags are empty, so it is never VM_LOCKED.",
     "Charge it with ub_memory_charge(mm, size, vm_flags, NULL, UB_SOFT) "
     "before insert_vm_struct(), with the very flags the VMA gets, and "
     "ub_memory_uncharge() it if the VMA cannot be allocated or inserted. On "
     "a refused charge either fail the exec with -ENOMEM (x86_64) or go on "
     "without that VMA (ia64's register backing store).",
     "exec_setup_pages"},
    {"R2", "R2_NoHostLogFlooding", "no host-log flooding",
     "A container user can trigger fault and unaligned-access reports at "
     "will, from as many processes as it likes. With plain printk each one "
     "lands in the host's log: one container floods the log the host admin "
     "depends on.",
     "Send the report to the VE's own log with ve_printk(VE_LOG, ...), as "
     "x86_64's do_page_fault() does (and leave its exception_trace sysctl "
     "off by default); or keep a host printk under a limiter no looser than "
     "printk_ratelimit() (10, then one per 5 s), as ia64's unaligned report "
     "does with its 5-a-minute window.",
     "user_fault, user_unaligned, fault_report_sysctl"},
    {"R3", "R3_ExplicitLookups", "explicit lookups",
     "A lookup by global pid from a container's syscall lets the container "
     "reach (trace, monitor, signal) tasks of the host or of other "
     "containers by guessing numbers.",
     "Use find_task_by_pid_ve() for pids that come from a user (ia64's "
     "sys_ptrace() and perfmon's pfm_get_task()), under "
     "read_lock(&tasklist_lock); find_task_by_pid_all() is for system "
     "context only.",
     "ptrace_attach, perfmon_get_task"},
    {"R4", "R4_ExplicitIteration", "explicit iteration",
     "A walk over every task on behalf of a container user shows it the "
     "whole host; a system dump that walks only the current exec env's "
     "tasks hides the machine from the admin when it runs in a VE's context "
     "(ia64's INIT handler does not go through irq_enter()).",
     "Walk with do_each_thread_ve / for_each_process_ve when serving one "
     "VE's user (ia64's pfm_check_task_exist()), and with do_each_thread_all "
     "/ for_each_process_all for whole-system work (ia64's "
     "default_monarch_init_process()), under read_lock(&tasklist_lock).",
     "user_task_search, system_task_dump"},
    {"R5", "R5_VirtualPidsToUsers", "virtual pids to users",
     "Inside a container processes are numbered from 1. A global pid handed "
     "to a container user names nothing it can see, or worse, one of its "
     "own tasks that happens to have that virtual number.",
     "Hand users virt_pid() / virt_tgid(): a siginfo the arch fills itself "
     "names the sender with si_pid = virt_pid(current), as ia64's "
     "force_sigsegv_info() does.",
     "self_fault_signal"},
    {"R6", "R6_IrqRunsInVe0", "interrupts run in VE0",
     "An interrupt arrives in whatever task is running. Unless its entry "
     "switches context, its handler's allocations are charged to the "
     "interrupted container and its messages go to that container's log.",
     "Enter every interrupt through irq_enter() and leave through "
     "irq_exit() (NMIs through nmi_enter() / nmi_exit()): the outermost one "
     "saves the task's exec env and exec ub and runs as ve0 / ub0. 028stab's "
     "do_IRQ() is vanilla's; the switch is in the generic entry.",
     "hw_interrupt"},
    {"R7", "R7_NoKernelThreadsInVe", "no kernel threads in a VE",
     "A kernel thread started from a container's context belongs to the "
     "container (its child, on its task list, charged to it), escapes its "
     "limits and outlives its stop.",
     "In kernel_thread() (x86_64: do_fork_kthread()), refuse inside a VE: "
     "if (!ve_allow_kthreads && !ve_is_super(get_exec_env())) { "
     "printk(\"kernel_thread call inside container\\n\"); dump_stack(); "
     "return -EPERM; }. The sysctl defaults to 1; sparc64 refuses whatever "
     "it says.",
     "kernel_thread"},
    {"R8", "R8_VeInRegisterDumps", "VE in register dumps",
     "On a host running hundreds of containers an oops that names only a pid "
     "cannot be traced to the container that caused it.",
     "Print the VE the task belongs to, VEID(VE_TASK_INFO(current)->"
     "owner_env), on the oops path next to the pid: i386's "
     "show_registers() \"(pid: %d, veid: %d, ...\", x86_64's "
     "\"(pid: %d, veid=%d, ...\", sparc64's die_if_kernel() "
     "\"VE:EXCVE %d:%d\". The owner, not the exec env, which is ve0 in an "
     "interrupt.",
     "oops"},
    {"R9", "R9_VirtualUtsname", "virtual utsname",
     "An arch uname path that reads the host's identity tells a container "
     "the host's node name and release instead of its own.",
     "Read utsname(), the caller's namespace (i386's sys_uname(), x86_64's "
     "sys32_uname(), sparc64's sunos_uname(), ia64's SN2 topology file); "
     "keep init_utsname() for host-only output such as the oops banner.",
     "arch_uname"},
    {"R10", "R10_Exports", "exports",
     "The VE watchdog module (vzwdog) calls show_mem(); on an arch that does "
     "not export it the module fails to load (\"Unknown symbol "
     "show_mem\").",
     "EXPORT_SYMBOL(show_mem) in the arch's mm code.", "ksymtab"},
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
