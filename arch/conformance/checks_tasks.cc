// The checks of R3 (lookups), R4 (walks) and R5 (pids handed to users).
// Each judges by which task was reached, never by pid numbers alone: a
// global pid of one task can be the virtual pid of another.
#include <cerrno>
#include <csignal>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "arch/conformance/check_util.h"
#include "arch/conformance/world.h"
#include "include/linux/ptrace.h"

namespace vzsim {
namespace {

using check::Judge;

// ---- R3 ----------------------------------------------------------------

std::string TracedOutside(World& w) {
  for (task_struct* t : w.AllTasks()) {
    if ((t->ptrace & PT_PTRACED) && t->ve_task_info.owner_env != w.ve101) {
      return t->comm;
    }
  }
  return "";
}

void UntraceAll(World& w) {
  for (task_struct* t : w.AllTasks()) t->ptrace = 0;
}

std::string CheckPtrace(const arch_ops& arch) {
  World w(arch);
  auto cpu = w.k.BindCpu(0, w.cgi);
  // Every number of every task outside VE 101, global and virtual: a
  // number VE 101 also uses may reach only VE 101's own task.
  for (task_struct* foreign : {w.postfix, w.sshd, w.crond, w.init102}) {
    for (pid_t nr : {foreign->pid, foreign->vpid}) {
      UntraceAll(w);
      const long r = arch.ptrace_attach(nr);
      if (std::string reached = TracedOutside(w); !reached.empty()) {
        return absl::StrCat("ptrace(PTRACE_ATTACH, ", nr,
                            ") from VE 101 attached to ", reached,
                            " outside it (returned ", r,
                            "): look pids from users up with "
                            "find_task_by_pid_ve()");
      }
    }
  }
  UntraceAll(w);
  const long r = arch.ptrace_attach(virt_pid(w.httpd));
  if (r != 0 || !(w.httpd->ptrace & PT_PTRACED)) {
    return absl::StrCat("ptrace(PTRACE_ATTACH, ", virt_pid(w.httpd),
                        ") from VE 101 returned ", r,
                        " instead of attaching to its own httpd");
  }
  if (arch.ptrace_attach(1) != -EPERM) {
    return "ptrace(PTRACE_ATTACH, 1) from VE 101 was not refused with -EPERM";
  }
  return "";
}

std::string CheckPerfmon(const arch_ops& arch) {
  World w(arch);
  auto cpu = w.k.BindCpu(0, w.cgi);
  for (task_struct* foreign : {w.postfix, w.sshd, w.crond, w.init102}) {
    for (pid_t nr : {foreign->pid, foreign->vpid}) {
      task_struct* found = nullptr;
      const long r = arch.perfmon_get_task(nr, &found);
      if (found != nullptr && found->ve_task_info.owner_env != w.ve101) {
        return absl::StrCat("perfmon's lookup of ", nr, " from VE 101 reached ",
                            found->comm, " outside it (returned ", r,
                            "): use find_task_by_pid_ve()");
      }
    }
  }
  task_struct* found = nullptr;
  const long r = arch.perfmon_get_task(virt_pid(w.httpd), &found);
  if (r != 0 || found != w.httpd) {
    return absl::StrCat(
        "perfmon's lookup of ", virt_pid(w.httpd), " from VE 101 returned ", r,
        " and ", found ? found->comm : "no task", " instead of its own httpd");
  }
  return "";
}

// ---- R4 ----------------------------------------------------------------

std::string CheckUserSearch(const arch_ops& arch) {
  static char foreign_context, own_context;
  World w(arch);
  w.postfix->thread.pfm_context = &foreign_context;
  w.httpd->thread.pfm_context = &own_context;
  auto cpu = w.k.BindCpu(0, w.cgi);
  const int foreign = arch.user_task_search(&foreign_context);
  const int own = arch.user_task_search(&own_context);
  if (foreign != -ESRCH) {
    return absl::StrCat("a search from VE 101 for a context only VE 102's ",
                        "postfix carries returned ", foreign,
                        " instead of -ESRCH: walk with do_each_thread_ve()");
  }
  if (own != 0) {
    return absl::StrCat("a search from VE 101 for its httpd's context ",
                        "returned ", own, " instead of 0");
  }
  return "";
}

// Is `t` named on one line of `dump` by both its comm and its global pid?
bool Listed(const std::string& dump, const task_struct* t) {
  for (absl::string_view line : absl::StrSplit(dump, '\n')) {
    if (line.find(t->comm) == absl::string_view::npos) continue;
    for (absl::string_view word :
         absl::StrSplit(line, absl::ByAnyChar(" ()[]:,"))) {
      int n = 0;
      if (absl::SimpleAtoi(word, &n) && n == t->pid) return true;
    }
  }
  return false;
}

std::string CheckSystemDump(const arch_ops& arch) {
  World w(arch);
  auto cpu = w.k.BindCpu(0, w.cgi);  // no irq_enter(): VE 101's exec env
  const uint64_t mark = w.HostMark();
  arch.system_task_dump();
  const std::string dump = w.HostLogSince(mark);
  std::vector<std::string> missing;
  const std::vector<task_struct*> all = w.AllTasks();
  for (task_struct* t : all) {
    if (!Listed(dump, t)) missing.push_back(t->comm);
  }
  if (!missing.empty()) {
    return absl::StrCat("the system dump taken in VE 101's context listed ",
                        all.size() - missing.size(), " of ", all.size(),
                        " tasks, missing ", absl::StrJoin(missing, ", "),
                        ": whole-system work walks with do_each_thread_all()");
  }
  return "";
}

}  // namespace

Verdict CheckExplicitLookups(const arch_ops& arch, const PortingRule& rule) {
  if (arch.ptrace_attach == nullptr && arch.perfmon_get_task == nullptr) {
    return check::NoSite(arch, rule);
  }
  std::vector<std::string> paths;
  if (arch.ptrace_attach != nullptr) {
    if (std::string bad = CheckPtrace(arch); !bad.empty()) {
      return Judge(rule, false, bad);
    }
    paths.push_back("ptrace");
  }
  if (arch.perfmon_get_task != nullptr) {
    if (std::string bad = CheckPerfmon(arch); !bad.empty()) {
      return Judge(rule, false, bad);
    }
    paths.push_back("perfmon");
  }
  return Judge(rule, true,
               absl::StrCat(absl::StrJoin(paths, " and "),
                            " from VE 101 reach only VE 101's tasks, by "
                            "their virtual pids"));
}

Verdict CheckExplicitIteration(const arch_ops& arch, const PortingRule& rule) {
  if (arch.user_task_search == nullptr && arch.system_task_dump == nullptr) {
    return check::NoSite(arch, rule);
  }
  std::vector<std::string> done;
  if (arch.user_task_search != nullptr) {
    if (std::string bad = CheckUserSearch(arch); !bad.empty()) {
      return Judge(rule, false, bad);
    }
    done.push_back("the walk for a user sees only the caller's VE");
  }
  if (arch.system_task_dump != nullptr) {
    if (std::string bad = CheckSystemDump(arch); !bad.empty()) {
      return Judge(rule, false, bad);
    }
    done.push_back(
        "the system dump from a VE's context lists every task of the host");
  }
  return Judge(rule, true, absl::StrJoin(done, "; "));
}

// ---- R5 ----------------------------------------------------------------

Verdict CheckVirtualPids(const arch_ops& arch, const PortingRule& rule) {
  if (arch.self_fault_signal == nullptr) return check::NoSite(arch, rule);
  World w(arch);
  (void)w.k.SetSignalHandler(w.cgi, SIGSEGV, true);
  (void)w.k.SetSignalHandler(w.sshd, SIGSEGV, true);
  auto cpu = w.k.BindCpu(0, w.cgi);
  arch.self_fault_signal(0x1000);
  const siginfo inside = w.k.DequeueSignal(w.cgi);
  if (inside.si_signo != SIGSEGV || inside.si_pid != virt_pid(w.cgi)) {
    return Judge(
        rule, false,
        absl::StrCat("the arch's siginfo to cgi (pid ", w.cgi->pid, ", ",
                     virt_pid(w.cgi), " in VE 101) named sender ",
                     inside.si_pid, ": fill si_pid with virt_pid(current)"));
  }
  (void)cpu->SwitchTo(w.sshd);
  arch.self_fault_signal(0x1000);
  const siginfo host = w.k.DequeueSignal(w.sshd);
  if (host.si_signo != SIGSEGV || host.si_pid != w.sshd->pid) {
    return Judge(rule, false,
                 absl::StrCat("the arch's siginfo to the host's sshd named "
                              "sender ",
                              host.si_pid, " instead of ", w.sshd->pid));
  }
  return Judge(rule, true,
               "the siginfo the arch fills names the sender by its pid in "
               "its own VE (virtual inside VE 101, global on the host)");
}

}  // namespace vzsim
