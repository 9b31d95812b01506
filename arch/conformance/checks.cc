// One check per porting rule. Each builds a fresh World, drives the arch's
// hooks as the kernel would, and looks at what a container host would see.
#include "arch/conformance/checks.h"

#include <algorithm>
#include <cerrno>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "arch/conformance/world.h"
#include "kernel/irq.h"
#include "kernel/mmap.h"
#include "kernel/signal.h"
#include "ubc/ub_memory.h"

namespace vzsim {
namespace {

Verdict Judge(const PortingRule& rule, bool pass, const std::string& detail) {
  return {pass, absl::StrCat(rule.id, " ", rule.title, ": ", detail)};
}

Verdict MissingHook(const PortingRule& rule, const char* hook) {
  return Judge(rule, false, absl::StrCat("the arch has no ", hook, " hook"));
}

uint64_t Held(user_beancounter* ub, int res) {
  return vzsim::UbRead(ub->ub_parms[res].held);
}

// ---- R1 ----------------------------------------------------------------

struct VmaInfo {
  unsigned long start, end, flags;
  std::string name;
};

std::map<unsigned long, VmaInfo> Snapshot(mm_struct* mm) {
  vzsim::RwsemReadLock lock(&mm->mmap_sem);
  std::map<unsigned long, VmaInfo> out;
  for (vm_area_struct* v = mm->mmap; v != nullptr; v = v->vm_next) {
    const char* name = vzsim::RecordOf(v)->name;
    out[v->vm_start] = {v->vm_start, v->vm_end, v->vm_flags,
                        name != nullptr ? name : "[anon]"};
  }
  return out;
}

int SetUp(const arch_ops& arch, mm_struct* mm) {
  vzsim::RwsemWriteLock lock(&mm->mmap_sem);
  return arch.setup_arch_mappings(mm);
}

// The failure path of R1: with privvmpages full, the set-up must fail and
// leave neither a writable VMA nor a charge behind.
Verdict CheckVmaRefusal(const arch_ops& arch, const PortingRule& rule,
                        const std::map<unsigned long, VmaInfo>& before) {
  World f(arch);
  auto fcpu = f.k.BindCpu(0, f.httpd);
  user_beancounter* fub = vzsim::RecordOf(f.ve101)->ub;
  mm_struct* fmm = *f.k.GetMm(f.httpd);
  const uint64_t full = Held(fub, UB_PRIVVMPAGES);
  (void)f.k.SetUbLimit(f.k.init_task(), 101, UB_PRIVVMPAGES, full, full);
  const int err = SetUp(arch, fmm);
  bool writable_left = false;
  for (const auto& [start, v] : Snapshot(fmm)) {
    if (!before.count(start) && ub_vm_private_writable(v.flags, nullptr)) {
      writable_left = true;
    }
  }
  if (err == 0 || writable_left || Held(fub, UB_PRIVVMPAGES) != full ||
      vzsim::RecordOf(fub)->underflowed.load()) {
    return Judge(rule, false,
                 absl::StrCat("with privvmpages at its limit the set-up ",
                              err == 0 ? "succeeded" : "failed",
                              writable_left ? " but left a writable VMA" : "",
                              ": a refused charge must fail it and give back "
                              "what was charged"));
  }
  return Judge(rule, true, "");
}

Verdict CheckVmaAccounting(const arch_ops& arch, const PortingRule& rule) {
  if (arch.setup_arch_mappings == nullptr) {
    return MissingHook(rule, "setup_arch_mappings");
  }
  World w(arch);
  auto cpu = w.k.BindCpu(0, w.httpd);
  user_beancounter* ub = vzsim::RecordOf(w.ve101)->ub;
  mm_struct* mm = *w.k.GetMm(w.httpd);
  const auto before = Snapshot(mm);
  const uint64_t held0 = Held(ub, UB_PRIVVMPAGES);
  if (int err = SetUp(arch, mm); err != 0) {
    return Judge(rule, false,
                 absl::StrCat("setup_arch_mappings failed (", err,
                              ") with no limit set"));
  }
  uint64_t writable = 0;
  std::vector<std::string> names;
  for (const auto& [start, v] : Snapshot(mm)) {
    if (before.count(start)) continue;
    const uint64_t pages = (v.end - v.start) >> PAGE_SHIFT;
    if (ub_vm_private_writable(v.flags, nullptr)) {
      writable += pages;
      names.push_back(absl::StrCat(v.name, " (", pages, " writable)"));
    } else {
      names.push_back(absl::StrCat(v.name, " (", pages, " read-only)"));
    }
  }
  const uint64_t grew = Held(ub, UB_PRIVVMPAGES) - held0;
  const std::string built =
      names.empty() ? "no VMA" : absl::StrJoin(names, ", ");
  if (grew != writable) {
    return Judge(rule, false,
                 absl::StrCat("the arch built ", built,
                              " by hand, but "
                              "privvmpages grew by ",
                              grew, " instead of ", writable,
                              ": charge each with ub_memory_charge() "
                              "before insert_vma_struct()"));
  }
  // Exit gives everything back: an uncharged VMA would now underflow.
  (void)w.k.ExitGroup(w.httpd, 0);
  if (vzsim::RecordOf(ub)->underflowed.load() ||
      Held(ub, UB_PRIVVMPAGES) != 0) {
    return Judge(rule, false,
                 "unmapping the arch's VMAs at exit underflowed privvmpages");
  }
  if (writable > 0) {
    Verdict refused = CheckVmaRefusal(arch, rule, before);
    if (!refused.pass) return refused;
  }
  if (writable == 0) {
    return Judge(rule, true,
                 absl::StrCat("builds only read-only VMAs by hand (", built,
                              "): nothing to charge, nothing left at exit"));
  }
  return Judge(rule, true,
               absl::StrCat("built ", built, "; the ", writable,
                            " writable pages are charged to privvmpages, "
                            "refused at the limit without a trace, and given "
                            "back at exit"));
}

// ---- R2 ----------------------------------------------------------------

Verdict CheckNoHostLogFlooding(const arch_ops& arch, const PortingRule& rule) {
  if (arch.do_user_fault == nullptr) return MissingHook(rule, "do_user_fault");
  World w(arch);
  (void)w.k.SetSignalHandler(w.cgi, SIGSEGV, true);
  (void)w.k.SetSignalHandler(w.cgi, SIGBUS, true);
  auto cpu = w.k.BindCpu(0, w.cgi);
  const std::string host_before = w.k.HostLog();
  constexpr int kFlood = 1000;
  pt_regs regs{};
  regs.ip = 0x400a10;
  regs.sp = 0x7ffffffde000;
  for (int i = 0; i < kFlood; ++i) {
    arch.do_user_fault(&regs, 0xdead0000UL + 8 * i);
    if (arch.do_unaligned != nullptr) {
      arch.do_unaligned(&regs, 0x601001UL + 8 * i);
    }
  }
  const std::string leaked = w.HostLogSince(host_before);
  if (!leaked.empty()) {
    return Judge(rule, false,
                 absl::StrCat(std::count(leaked.begin(), leaked.end(), '\n'),
                              " lines reached the host log from VE 101's "
                              "faults, starting with \"",
                              leaked.substr(0, leaked.find('\n')),
                              "\": use ve_printk(VE_LOG, ...)"));
  }
  const uint64_t written = w.k.VeLogBytesWritten(w.ve101);
  if (written == 0) {
    return Judge(rule, false,
                 "the faults were reported nowhere; VE 101's "
                 "own log should have them");
  }
  if (written > LogRing::kVeSize) {
    return Judge(rule, false,
                 absl::StrCat(written, " bytes of reports for ", kFlood,
                              " faults: not rate-limited (guard with "
                              "printk_ratelimit())"));
  }
  return Judge(rule, true,
               absl::StrCat(kFlood, " faults",
                            arch.do_unaligned ? " and "
                                                "unaligned accesses"
                                              : "",
                            " from VE 101: ", written,
                            " bytes in VE 101's log, none in the "
                            "host's"));
}

// ---- R3 ----------------------------------------------------------------

Verdict CheckLookupHook(World& w, const PortingRule& rule, const char* name,
                        long (*hook)(pid_t, task_struct**)) {
  auto cpu = w.k.BindCpu(0, w.cgi);
  // Guess the global and virtual pids of every task outside VE 101: from
  // inside VE 101 none of them may be found (kernel/pid.c:
  // find_task_by_pid_type_ve() filters by VE).
  for (task_struct* foreign : {w.postfix, w.sshd, w.crond, w.init102}) {
    for (pid_t nr : {foreign->pid, foreign->vpid}) {
      if (nr == 1) continue;  // VE 101's own init
      task_struct* found = nullptr;
      const long r = hook(nr, &found);
      const bool reached_out =
          found != nullptr && found->ve_task_info.owner_env != w.ve101;
      if (!reached_out && r == -ESRCH) continue;
      return Judge(rule, false,
                   absl::StrCat(name, "(", nr, ") from VE 101 ",
                                found ? absl::StrCat("reached ", found->comm)
                                      : absl::StrCat("returned ", r),
                                " instead of -ESRCH: look pids up with "
                                "find_task_by_pid_ve()"));
    }
  }
  task_struct* found = nullptr;
  const pid_t httpd = virt_pid(w.httpd);
  const long r = hook(httpd, &found);
  if (r != 0 || found != w.httpd) {
    return Judge(
        rule, false,
        absl::StrCat(name, "(", httpd, ") from VE 101 ",
                     found ? absl::StrCat("found ", found->comm)
                           : absl::StrCat("returned ", r),
                     " instead of its own httpd (virtual pid ", httpd, ")"));
  }
  return Judge(rule, true, "");
}

Verdict CheckExplicitLookups(const arch_ops& arch, const PortingRule& rule) {
  if (arch.ptrace_attach == nullptr) return MissingHook(rule, "ptrace_attach");
  std::vector<std::string> paths = {"ptrace_attach"};
  {
    World w(arch);
    Verdict v = CheckLookupHook(w, rule, "ptrace_attach", arch.ptrace_attach);
    if (!v.pass) return v;
  }
  if (arch.perfmon_load_context != nullptr) {
    World w(arch);
    Verdict v = CheckLookupHook(w, rule, "perfmon_load_context",
                                arch.perfmon_load_context);
    if (!v.pass) return v;
    paths.push_back("perfmon_load_context");
  }
  return Judge(rule, true,
               absl::StrCat(absl::StrJoin(paths, " and "),
                            " from VE 101 reach only VE 101's tasks, by "
                            "virtual pid"));
}

// ---- R4 ----------------------------------------------------------------

Verdict CheckExplicitIteration(const arch_ops& arch, const PortingRule& rule) {
  if (arch.list_user_tasks == nullptr) {
    return MissingHook(rule, "list_user_tasks");
  }
  if (arch.show_state == nullptr) return MissingHook(rule, "show_state");
  World w(arch);
  {
    auto cpu = w.k.BindCpu(0, w.cgi);
    pid_t pids[64];
    const int n = arch.list_user_tasks(pids, 64);
    std::set<pid_t> got(pids, pids + std::max(0, std::min(n, 64)));
    const std::set<pid_t> want = {1, virt_pid(w.httpd), virt_pid(w.cgi)};
    if (got != want) {
      return Judge(
          rule, false,
          absl::StrCat("list_user_tasks from VE 101 returned {",
                       absl::StrJoin(got, ", "), "} instead of VE 101's own {",
                       absl::StrJoin(want, ", "),
                       "}: walk with for_each_process_ve()"));
    }
  }
  // A system dump from an NMI that hit a VE task (NMIs do not switch to
  // ve0) must still show the whole machine.
  auto cpu = w.k.BindCpu(0, w.cgi);
  const std::string before = w.k.HostLog();
  nmi_enter();
  arch.show_state();
  nmi_exit();
  const std::string dump = w.HostLogSince(before);
  std::vector<std::string> missing;
  const std::vector<task_struct*> all = w.AllTasks();
  for (task_struct* t : all) {
    if (dump.find(t->comm) == std::string::npos) missing.push_back(t->comm);
  }
  if (!missing.empty()) {
    return Judge(rule, false,
                 absl::StrCat("show_state() from VE 101's context listed ",
                              all.size() - missing.size(), " of ", all.size(),
                              " tasks, missing ", absl::StrJoin(missing, ", "),
                              ": whole-system dumps walk with "
                              "do_each_thread_all()"));
  }
  return Judge(rule, true,
               absl::StrCat("user walks see only the caller's VE; the system "
                            "dump lists all ",
                            all.size(), " tasks"));
}

// ---- R5 ----------------------------------------------------------------

Verdict CheckVirtualPids(const arch_ops& arch, const PortingRule& rule) {
  if (arch.sys_getxpid == nullptr) return MissingHook(rule, "sys_getxpid");
  if (arch.send_arch_signal == nullptr) {
    return MissingHook(rule, "send_arch_signal");
  }
  World w(arch);
  auto cpu = w.k.BindCpu(0, w.cgi);
  pt_regs regs{};
  const long pid = arch.sys_getxpid(&regs);
  if (pid != virt_tgid(w.cgi) || regs.retval2 != virt_tgid(w.httpd)) {
    return Judge(
        rule, false,
        absl::StrCat("sys_getxpid in VE 101 gave pid ", pid, ", ppid ",
                     regs.retval2, " instead of ", virt_tgid(w.cgi), " and ",
                     virt_tgid(w.httpd), ": hand users virt_tgid()"));
  }
  (void)w.k.SetSignalHandler(w.httpd, SIGUSR2, true);
  if (int err = arch.send_arch_signal(w.httpd, SIGUSR2); err != 0) {
    return Judge(rule, false,
                 absl::StrCat("send_arch_signal failed (", err, ")"));
  }
  w.k.DeliverFatalSignals();
  const siginfo info = w.k.DequeueSignal(w.httpd);
  if (info.si_signo != SIGUSR2 || info.si_pid != virt_tgid(w.cgi)) {
    return Judge(rule, false,
                 absl::StrCat("the arch's siginfo from cgi (virtual pid ",
                              virt_tgid(w.cgi), ") to httpd carried si_pid ",
                              info.si_pid,
                              ": fill it with task_pid_seen_by() or "
                              "virt_pid()"));
  }
  // From the host, the same paths speak global pids.
  (void)cpu->SwitchTo(w.crond);
  pt_regs host_regs{};
  if (arch.sys_getxpid(&host_regs) != w.crond->pid || host_regs.retval2 != 1) {
    return Judge(rule, false, "sys_getxpid on the host must give global pids");
  }
  return Judge(rule, true,
               "getxpid and arch-built siginfo give VE 101's "
               "virtual pids inside it, global ones on the host");
}

// ---- R6 ----------------------------------------------------------------

Verdict CheckIrqInVe0(const arch_ops& arch, const PortingRule& rule) {
  if (arch.do_IRQ == nullptr) return MissingHook(rule, "do_IRQ");
  World w(arch);
  auto cpu = w.k.BindCpu(0, w.cgi);
  user_beancounter* ve_ub = vzsim::RecordOf(w.ve101)->ub;
  const uint64_t ve_kmem = Held(ve_ub, UB_KMEMSIZE);
  const uint64_t host_kmem = Held(w.k.ub0(), UB_KMEMSIZE);
  const std::string before = w.k.HostLog();
  pt_regs regs{};
  arch.do_IRQ(kNicIrq, &regs);
  if (w.nic_interrupts != 1) {
    return Judge(
        rule, false,
        absl::StrCat("do_IRQ ran the handler ", w.nic_interrupts, " times"));
  }
  if (Held(ve_ub, UB_KMEMSIZE) != ve_kmem ||
      Held(w.k.ub0(), UB_KMEMSIZE) != host_kmem + kNicPacketBytes) {
    return Judge(rule, false,
                 absl::StrCat("the handler's ", kNicPacketBytes,
                              " bytes were charged to VE 101's beancounter, "
                              "not ub0: enter through irq_enter()/irq_exit()"));
  }
  if (w.HostLogSince(before).find("eth0:") == std::string::npos ||
      !w.k.VeLog(w.ve101).empty()) {
    return Judge(rule, false,
                 "the handler's message went to VE 101's log, "
                 "not the host's");
  }
  if (w.cgi->ve_task_info.exec_env != w.ve101 ||
      w.cgi->task_bc.exec_ub != ve_ub || in_irq()) {
    return Judge(rule, false,
                 "after do_IRQ the interrupted task's exec env "
                 "or beancounter was not restored");
  }
  return Judge(rule, true,
               "an interrupt in a VE 101 task charged ub0, "
               "logged to the host, and restored VE 101's "
               "context");
}

// ---- R7 ----------------------------------------------------------------

int KthreadFn(void*) { return 0; }

Verdict CheckNoKthreadInVe(const arch_ops& arch, const PortingRule& rule) {
  if (arch.kernel_thread == nullptr) return MissingHook(rule, "kernel_thread");
  World w(arch);
  auto cpu = w.k.BindCpu(0, w.httpd);
  const size_t tasks = w.k.nr_tasks();
  const std::string before = w.k.HostLog();
  const long r = arch.kernel_thread(KthreadFn, nullptr, CLONE_FS | CLONE_FILES);
  if (r != -EPERM || w.k.nr_tasks() != tasks) {
    return Judge(rule, false,
                 absl::StrCat("kernel_thread from VE 101 returned ", r,
                              " instead of -EPERM: refuse when the exec env "
                              "is not ve0"));
  }
  if (w.HostLogSince(before).find("kernel_thread call inside container") ==
      std::string::npos) {
    return Judge(rule, false,
                 "refused, but without logging \"kernel_thread "
                 "call inside container\" to the host");
  }
  (void)cpu->SwitchTo(w.sshd);
  const long host = arch.kernel_thread(KthreadFn, nullptr, 0);
  task_struct* t =
      host > 0 ? w.k.FindTaskByPid(static_cast<pid_t>(host)) : nullptr;
  if (t == nullptr || !(t->flags & PF_KTHREAD) ||
      t->ve_task_info.owner_env != w.k.ve0()) {
    return Judge(rule, false,
                 absl::StrCat("kernel_thread from the host "
                              "returned ",
                              host));
  }
  w.k.SetVeAllowKthreads(true);
  (void)cpu->SwitchTo(w.httpd);
  if (arch.kernel_thread(KthreadFn, nullptr, 0) <= 0) {
    return Judge(rule, false, "ve_allow_kthreads=1 did not lift the ban");
  }
  return Judge(rule, true,
               "refused from VE 101 with -EPERM and a host log "
               "line; allowed from the host and by the sysctl");
}

// ---- R8 ----------------------------------------------------------------

Verdict CheckVeInDumps(const arch_ops& arch, const PortingRule& rule) {
  if (arch.show_regs == nullptr) return MissingHook(rule, "show_regs");
  if (arch.die == nullptr) return MissingHook(rule, "die");
  World w(arch);
  auto cpu = w.k.BindCpu(0, w.cgi);
  pt_regs regs{};
  regs.ip = 0xffffffff81234567UL;
  const std::string pid = absl::StrCat(w.cgi->pid);
  for (int pass = 0; pass < 2; ++pass) {
    const std::string before = w.k.HostLog();
    if (pass == 0) {
      arch.show_regs(&regs);
    } else {
      arch.die("Oops", &regs, 2);
    }
    const std::string dump = w.HostLogSince(before);
    const char* what = pass == 0 ? "show_regs" : "die";
    if (dump.find(pid) == std::string::npos) {
      return Judge(rule, false, absl::StrCat(what, " did not print the pid"));
    }
    if (dump.find("veid: 101") == std::string::npos &&
        dump.find("VEID: 101") == std::string::npos) {
      return Judge(
          rule, false,
          absl::StrCat(what, " printed \"", dump.substr(0, dump.find('\n')),
                       "\" with no \"veid: 101\": print "
                       "VEID(VE_TASK_INFO(current)->owner_env)"));
    }
  }
  return Judge(rule, true,
               "show_regs and die name VE 101 next to the pid, "
               "in the host log");
}

// ---- R9 ----------------------------------------------------------------

Verdict CheckVirtualUtsname(const arch_ops& arch, const PortingRule& rule) {
  if (arch.compat_uname == nullptr) return MissingHook(rule, "compat_uname");
  World w(arch);
  auto cpu = w.k.BindCpu(0, w.httpd);
  new_utsname u{};
  const long r = arch.compat_uname(&u);
  if (r != 0 || std::string(u.nodename) != "ct101.example.org") {
    return Judge(
        rule, false,
        absl::StrCat("compat_uname in VE 101 returned ", r, " with nodename \"",
                     u.nodename, "\", release \"", u.release,
                     "\": read utsname(), not system_utsname"));
  }
  (void)cpu->SwitchTo(w.sshd);
  new_utsname h{};
  if (arch.compat_uname(&h) != 0 ||
      std::string(h.nodename) != "hn.example.org") {
    return Judge(rule, false,
                 "compat_uname on the host did not report the "
                 "host's nodename");
  }
  return Judge(rule, true,
               "VE 101 sees its own nodename ct101.example.org, "
               "the host sees its own");
}

// ---- R10 ---------------------------------------------------------------

Verdict CheckExports(const arch_ops& arch, const PortingRule& rule) {
  World w(arch);
  absl::Status s = w.k.LoadModule("vzmon", kVeModuleSymbols);
  if (!s.ok()) {
    return Judge(rule, false,
                 absl::StrCat("loading the VE modules failed: ", s.message()));
  }
  return Judge(rule, true, "vzmon loads: show_mem and cpu_khz are exported");
}

using CheckFn = Verdict (*)(const arch_ops&, const PortingRule&);

const std::map<std::string, CheckFn>& Checks() {
  static const auto* checks = new std::map<std::string, CheckFn>{
      {"R1", CheckVmaAccounting},   {"R2", CheckNoHostLogFlooding},
      {"R3", CheckExplicitLookups}, {"R4", CheckExplicitIteration},
      {"R5", CheckVirtualPids},     {"R6", CheckIrqInVe0},
      {"R7", CheckNoKthreadInVe},   {"R8", CheckVeInDumps},
      {"R9", CheckVirtualUtsname},  {"R10", CheckExports},
  };
  return *checks;
}

}  // namespace

Verdict CheckRule(const arch_ops& arch, const PortingRule& rule) {
  auto it = Checks().find(rule.id);
  if (it == Checks().end()) {
    return {false, absl::StrCat(rule.id, ": no check is written for it")};
  }
  return it->second(arch, rule);
}

std::vector<RuleResult> CheckArch(const arch_ops& arch) {
  std::vector<RuleResult> results;
  for (const PortingRule& rule : PortingRules()) {
    results.push_back({&rule, CheckRule(arch, rule)});
  }
  return results;
}

}  // namespace vzsim
