// The checks of R6 .. R10, and the dispatch of every rule to its check.
// R1 and R2 are in checks_memory.cc, R3 .. R5 in checks_tasks.cc.
#include "arch/conformance/checks.h"

#include <cctype>
#include <cerrno>
#include <csignal>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "arch/conformance/check_util.h"
#include "arch/conformance/world.h"
#include "include/ub/ub_vmpages.h"
#include "kernel/irq.h"

namespace vzsim {
namespace check {

bool NamesVeid(const std::string& dump, unsigned veid) {
  const std::string id = absl::StrCat(veid);
  const std::string lower = absl::AsciiStrToLower(dump);
  for (size_t at = lower.find(id); at != std::string::npos;
       at = lower.find(id, at + 1)) {
    const size_t end = at + id.size();
    if (at > 0 && std::isdigit(static_cast<unsigned char>(lower[at - 1]))) {
      continue;
    }
    if (end < lower.size() &&
        std::isdigit(static_cast<unsigned char>(lower[end]))) {
      continue;
    }
    const std::string before =
        lower.substr(at < 10 ? 0 : at - 10, at < 10 ? at : 10);
    if (before.find("veid") != std::string::npos ||
        before.find("ve:excve") != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace check

namespace {

using check::Held;
using check::Judge;

// ---- R6 ----------------------------------------------------------------

Verdict CheckIrqInVe0(const arch_ops& arch, const PortingRule& rule) {
  if (arch.hw_interrupt == nullptr) return check::NoSite(arch, rule);
  World w(arch);
  auto cpu = w.k.BindCpu(0, w.cgi);
  user_beancounter* ve_ub = w.k.FindBeancounter(101);
  const uint64_t ve_kmem = Held(ve_ub, UB_KMEMSIZE);
  const uint64_t host_kmem = Held(w.k.ub0(), UB_KMEMSIZE);
  const uint64_t mark = w.HostMark();
  arch.hw_interrupt(kNicIrq);
  if (w.nic_interrupts != 1) {
    return Judge(rule, false,
                 absl::StrCat("the interrupt ran the handler ",
                              w.nic_interrupts, " times"));
  }
  if (Held(ve_ub, UB_KMEMSIZE) != ve_kmem ||
      Held(w.k.ub0(), UB_KMEMSIZE) != host_kmem + kNicPacketBytes) {
    return Judge(rule, false,
                 absl::StrCat("the handler's ", kNicPacketBytes,
                              " bytes were charged to VE 101's beancounter, "
                              "not ub0: enter through irq_enter() / "
                              "irq_exit()"));
  }
  if (w.HostLogSince(mark).find("eth0:") == std::string::npos ||
      !w.k.VeLog(w.ve101).empty()) {
    return Judge(rule, false,
                 "the handler's message went to VE 101's log, not the "
                 "host's");
  }
  if (w.cgi->ve_task_info.exec_env != w.ve101 ||
      w.cgi->task_bc.exec_ub != ve_ub || preempt_count() != 0) {
    return Judge(rule, false,
                 "after the interrupt the interrupted task's exec env or "
                 "beancounter was not restored, or the count not dropped");
  }
  return Judge(rule, true,
               "an interrupt in a VE 101 task charged ub0, logged to the "
               "host, and restored VE 101's context");
}

// ---- R7 ----------------------------------------------------------------

int KthreadFn(void*) { return 0; }

Verdict CheckNoKthreadInVe(const arch_ops& arch, const PortingRule& rule) {
  if (arch.kernel_thread == nullptr) return check::NoSite(arch, rule);
  World w(arch);
  const bool saved = Kernel::VeAllowKthreads();
  Kernel::SetVeAllowKthreads(false);
  auto cpu = w.k.BindCpu(0, w.httpd);
  const size_t tasks = w.k.nr_tasks();
  const uint64_t mark = w.HostMark();
  const long r = arch.kernel_thread(KthreadFn, nullptr, CLONE_FS | CLONE_FILES);
  const std::string log = w.HostLogSince(mark);
  Verdict bad;
  if (r != -EPERM || w.k.nr_tasks() != tasks) {
    bad = Judge(rule, false,
                absl::StrCat("with ve_allow_kthreads=0, kernel_thread from VE ",
                             "101 returned ", r, " instead of -EPERM"));
  } else if (log.find("kernel_thread call inside container") ==
             std::string::npos) {
    bad = Judge(rule, false,
                "refused, but without logging \"kernel_thread call inside "
                "container\" to the host");
  }
  if (!bad.explanation.empty()) {
    Kernel::SetVeAllowKthreads(saved);
    return bad;
  }
  (void)cpu->SwitchTo(w.sshd);
  const long host = arch.kernel_thread(KthreadFn, nullptr, 0);
  task_struct* t =
      host > 0 ? w.k.FindTaskByPid(static_cast<pid_t>(host)) : nullptr;
  Kernel::SetVeAllowKthreads(true);
  (void)cpu->SwitchTo(w.httpd);
  const long allowed = arch.kernel_thread(KthreadFn, nullptr, 0);
  Kernel::SetVeAllowKthreads(saved);
  if (t == nullptr || t->real_parent != w.sshd || t->mm != w.sshd->mm) {
    return Judge(rule, false,
                 absl::StrCat("kernel_thread from the host returned ", host,
                              " instead of the pid of a child of the caller "
                              "sharing its mm"));
  }
  if (allowed != -EPERM && allowed <= 0) {
    return Judge(rule, false,
                 absl::StrCat("with ve_allow_kthreads=1, kernel_thread from VE "
                              "101 returned ",
                              allowed));
  }
  return Judge(rule, true,
               absl::StrCat("refused from VE 101 with -EPERM and the host "
                            "log line; allowed from the host; with "
                            "ve_allow_kthreads=1 ",
                            allowed > 0 ? "allowed (the sysctl is honoured)"
                                        : "still refused (always, as on "
                                          "sparc64)"));
}

// ---- R8 ----------------------------------------------------------------

std::string OopsDump(const arch_ops& arch, bool in_interrupt) {
  World w(arch);
  auto cpu = w.k.BindCpu(0, w.cgi);
  const std::string pid = absl::StrCat(w.cgi->pid);
  const uint64_t mark = w.HostMark();
  if (in_interrupt) irq_enter();
  arch.oops("Oops", 2);
  if (in_interrupt) irq_exit();
  const std::string dump = w.HostLogSince(mark);
  const char* where = in_interrupt ? " in an interrupt" : "";
  if (dump.find(pid) == std::string::npos) {
    return absl::StrCat("the oops of VE 101's cgi", where,
                        " did not print its pid ", pid);
  }
  if (!check::NamesVeid(dump, 101)) {
    return absl::StrCat("the oops of VE 101's cgi", where,
                        " named no VE 101 (\"", dump.substr(0, dump.find('\n')),
                        "\"...): print VEID(VE_TASK_INFO(current)->owner_env)");
  }
  return "";
}

Verdict CheckVeInDumps(const arch_ops& arch, const PortingRule& rule) {
  if (arch.oops == nullptr) return check::NoSite(arch, rule);
  for (bool in_interrupt : {false, true}) {
    if (std::string bad = OopsDump(arch, in_interrupt); !bad.empty()) {
      return Judge(rule, false, bad);
    }
  }
  return Judge(rule, true,
               "the oops of a VE 101 task names VE 101 next to the pid in "
               "the host log, also when it happens in an interrupt");
}

// ---- R9 ----------------------------------------------------------------

bool IsPrefix(const char* got, const std::string& of) {
  return got[0] != '\0' && of.compare(0, std::strlen(got), got) == 0;
}

Verdict CheckVirtualUtsname(const arch_ops& arch, const PortingRule& rule) {
  if (arch.arch_uname == nullptr) return check::NoSite(arch, rule);
  World w(arch);
  auto cpu = w.k.BindCpu(0, w.httpd);
  new_utsname u{};
  const long r = arch.arch_uname(&u);
  if (r != 0 || !IsPrefix(u.nodename, "ct101.example.org") ||
      IsPrefix(u.nodename, "hn.example.org")) {
    return Judge(rule, false,
                 absl::StrCat("the arch's uname in VE 101 returned ", r,
                              " with nodename \"", u.nodename,
                              "\": read utsname(), the caller's, not "
                              "init_utsname()"));
  }
  (void)cpu->SwitchTo(w.sshd);
  new_utsname h{};
  if (arch.arch_uname(&h) != 0 || !IsPrefix(h.nodename, "hn.example.org")) {
    return Judge(rule, false,
                 absl::StrCat("the arch's uname on the host gave nodename \"",
                              h.nodename, "\""));
  }
  return Judge(rule, true,
               absl::StrCat("VE 101 is told \"", u.nodename, "\", the host \"",
                            h.nodename, "\""));
}

// ---- R10 ---------------------------------------------------------------

Verdict CheckExports(const arch_ops& arch, const PortingRule& rule) {
  World w(arch);
  auto cpu = w.k.BindCpu(0, w.sshd);
  absl::Status s = w.k.LoadModule("vzwdog", kVzwdogSymbols);
  if (!s.ok()) {
    return Judge(rule, false,
                 absl::StrCat("loading the VE watchdog module failed: ",
                              s.message(), ": EXPORT_SYMBOL(show_mem)"));
  }
  return Judge(rule, true, "vzwdog loads: show_mem is exported");
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
