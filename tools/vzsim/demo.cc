#include "tools/vzsim/demo.h"

#include <string>

#include "absl/strings/str_format.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "kernel/mmap.h"
#include "kernel/process.h"
#include "pid/pid.h"
#include "proc/beancounters.h"
#include "proc/ps.h"
#include "uts/uts.h"
#include "ve/ve.h"

namespace vzsim {
namespace {

void Heading(std::ostream& out, const std::string& title) {
  out << "\n== " << title << " ==\n";
}

std::string UnameLine(Kernel& k, ve_struct* ve) {
  absl::StatusOr<new_utsname> u = k.Uname(ve);
  if (!u.ok()) return u.status().ToString();
  return absl::StrFormat("%s %s %s %s", u->sysname, u->nodename, u->release,
                         u->machine);
}

}  // namespace

absl::Status RunDemo(std::ostream& out) {
  Kernel k;
  auto cpu = k.BindCpu(0, k.init_task());
  if (!cpu.ok()) return cpu.status();
  VZ_RETURN_IF_ERROR(k.SetHostname(k.ve0(), "hn.example.org"));

  Heading(out, "Boot");
  out << "The host is ve0. Its first task, init, has pid 1. Every task has a\n"
         "global pid on the host; a task inside a container (VE) also has a\n"
         "virtual pid, counted from 1 inside that VE.\n";

  // Two containers, each started by a host task that becomes its init.
  auto vzctl101 = k.Fork(k.init_task(), "init");
  if (!vzctl101.ok()) return vzctl101.status();
  VeCreateOptions options;
  options.release = "2.6.32-042stab";
  auto ve101 = k.CreateVe(*vzctl101, 101, options);
  if (!ve101.ok()) return ve101.status();
  VZ_RETURN_IF_ERROR(k.SetHostname(*ve101, "ct101.example.org"));

  auto host_sshd = k.Fork(k.init_task(), "sshd");
  if (!host_sshd.ok()) return host_sshd.status();

  auto vzctl102 = k.Fork(k.init_task(), "init");
  if (!vzctl102.ok()) return vzctl102.status();
  auto ve102 = k.CreateVe(*vzctl102, 102);
  if (!ve102.ok()) return ve102.status();
  VZ_RETURN_IF_ERROR(k.SetHostname(*ve102, "ct102.example.org"));

  // Tasks forked inside each VE, the kernel-face way: from its CPU.
  VZ_RETURN_IF_ERROR(cpu->SwitchTo(*vzctl101));
  const pid_t httpd = sys_fork();  // a virtual pid: current is in VE 101
  if (httpd < 0) return ErrnoError(httpd, "fork in VE 101");
  task_struct* httpd_task;
  {
    TasklistReadGuard guard;
    httpd_task = find_task_by_pid_ve(httpd);
  }
  k.SetComm(httpd_task, "httpd");
  auto worker = k.Fork(httpd_task, "httpd", CLONE_THREAD);
  if (!worker.ok()) return worker.status();
  auto mysqld = k.Fork(*vzctl101, "mysqld");
  if (!mysqld.ok()) return mysqld.status();
  auto postfix = k.Fork(*vzctl102, "master");
  if (!postfix.ok()) return postfix.status();
  auto smtpd = k.Fork(*postfix, "smtpd");
  if (!smtpd.ok()) return smtpd.status();

  Heading(out, "Containers");
  out << "VE 101 and VE 102 were created by host tasks, which became their\n"
         "init (virtual pid 1). Each VE numbers its own tasks.\n";

  PsOptions threads;
  threads.with_threads = true;
  Heading(out, "ps on the host (ve0 sees every task, by global pid)");
  out << "VPID is the pid the task has inside its own VE; \\_ marks a thread.\n";
  out << RenderPs(k, k.ve0(), threads);
  Heading(out, "ps inside VE 101 (virtual pids; the host and VE 102 are invisible)");
  out << RenderPs(k, *ve101, threads);
  Heading(out, "ps inside VE 102");
  out << RenderPs(k, *ve102, threads);

  Heading(out, "Looking a pid up from each side");
  const pid_t smtpd_global = (*smtpd)->pid;
  VZ_RETURN_IF_ERROR(cpu->SwitchTo(*mysqld));
  {
    TasklistReadGuard guard;
    task_struct* t = find_task_by_pid_ve(smtpd_global);
    out << absl::StrFormat(
        "from VE 101, find_task_by_pid_ve(%d) -> %s\n", smtpd_global,
        t == nullptr ? absl::StrFormat("NULL (global pid %d is VE 102's smtpd, "
                                       "which VE 101 cannot reach)",
                                       smtpd_global)
                     : std::string(t->comm));
    out << absl::StrFormat(
        "from VE 101, find_task_by_pid_ve(2) -> %s (virtual pid 2 of VE 101)\n",
        find_task_by_pid_ve(2)->comm);
  }
  VZ_RETURN_IF_ERROR(cpu->SwitchTo(*host_sshd));
  {
    TasklistReadGuard guard;
    out << absl::StrFormat("from the host, find_task_by_pid_ve(%d) -> %s\n",
                           smtpd_global,
                           find_task_by_pid_ve(smtpd_global)->comm);
  }

  Heading(out, "uname from each side");
  out << "host   : " << UnameLine(k, k.ve0()) << "\n";
  out << "VE 101 : " << UnameLine(k, *ve101) << "\n";
  out << "VE 102 : " << UnameLine(k, *ve102) << "\n";
  out << "(nodename and release are per VE; sysname and machine are the host's)\n";

  Heading(out, "Beancounters: VE 101 hits its privvmpages limit");
  out << "Each VE is charged to the beancounter whose id is its veid. The host\n"
         "admin limits VE 101's private writable memory to a barrier of 256\n"
         "pages and a limit of 300 (setublimit). Ordinary mmap charges are\n"
         "UB_HARD: they may not pass the barrier.\n";
  VZ_RETURN_IF_ERROR(
      k.SetUbLimit(k.init_task(), 101, UB_PRIVVMPAGES, 256, 300));
  out << "\n/proc/user_beancounters inside VE 101, before:\n";
  out << RenderUserBeancounters(k, *ve101);
  out << "\nhttpd maps 100 pages at a time:\n";
  for (int i = 1; i <= 4; ++i) {
    auto addr = k.Mmap(httpd_task, 0, 100 * PAGE_SIZE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS);
    const ubparm& priv = (*ve101)->ub->ub_parms[UB_PRIVVMPAGES];
    out << absl::StrFormat(
        "  mmap #%d: %-32s privvmpages held %3u, failcnt %u\n", i,
        addr.ok() ? "ok" : "refused: -ENOMEM (over barrier)",
        priv.held.load(), priv.failcnt.load());
  }
  out << "\n/proc/user_beancounters inside VE 101, after (see privvmpages):\n";
  out << RenderUserBeancounters(k, *ve101);
  out << "\n/proc/vz/veinfo on the host (veid, class, tasks):\n";
  out << RenderVeinfo(k, k.ve0());

  Heading(out, "Stopping VE 102");
  out << "When a VE's init exits, the VE stops: its other tasks are killed\n"
         "and no new task may start in it.\n";
  VZ_RETURN_IF_ERROR(k.Exit(*vzctl102, 0));
  out << absl::StrFormat("VE 102 running: %s, tasks left: %d\n",
                         (*ve102)->is_running ? "yes" : "no",
                         (*ve102)->pcounter);
  VZ_RETURN_IF_ERROR(k.DestroyVe(102));
  out << "VE 102 destroyed.\n";
  Heading(out, "ps on the host afterwards");
  out << RenderPs(k, k.ve0());
  return absl::OkStatus();
}

}  // namespace vzsim
