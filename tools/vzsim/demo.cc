// `vzsim demo`: the story of the model, one section at a time. Arch code
// runs through the x86_64 port, and once through the unported control
// architecture to show what a porting rule prevents.
#include "tools/vzsim/demo.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_format.h"
#include "arch/conformance/world.h"
#include "arch/registry/registry.h"
#include "kernel/errno_status.h"
#include "kernel/irq.h"
#include "kernel/kernel.h"
#include "kernel/mmap.h"
#include "kernel/printk.h"
#include "kernel/process.h"
#include "pid/pid.h"
#include "proc/beancounters.h"
#include "proc/ps.h"
#include "ubc/beancounter.h"
#include "uts/uts.h"
#include "ve/ve.h"
#include "vzctl/vzctl.h"

namespace vzsim {
namespace {

int KthreadFn(void*) { return 0; }

// VE 101's beancounter limits, as vzctl reads them from its config.
constexpr char kConfig101[] = "  PRIVVMPAGES=\"256:300\"\n";

void Heading(std::ostream& out, const std::string& title) {
  out << "\n== " << title << " ==\n";
}

class Demo {
 public:
  explicit Demo(std::ostream& out) : out_(out) {}

  absl::Status Run() {
    auto cpu = k_.BindCpu(0, k_.init_task());
    if (!cpu.ok()) return cpu.status();
    cpu_ = &*cpu;
    VZ_RETURN_IF_ERROR(Containers());
    VZ_RETURN_IF_ERROR(Lookups());
    VZ_RETURN_IF_ERROR(Unames());
    VZ_RETURN_IF_ERROR(Interrupts());
    VZ_RETURN_IF_ERROR(KernelThreads());
    VZ_RETURN_IF_ERROR(LogFlood());
    VZ_RETURN_IF_ERROR(Beancounters());
    VZ_RETURN_IF_ERROR(HostAdminView());
    return StopVe();
  }

 private:
  absl::StatusOr<task_struct*> Spawn(task_struct* parent, const char* comm) {
    return k_.Fork(parent, comm);
  }

  absl::Status Containers() {
    VZ_RETURN_IF_ERROR(k_.SetHostname(k_.ve0(), "hn.example.org"));
    InstallNic(k_, nullptr);
    Heading(out_, "The host and two containers");
    out_ << "The host is ve0; its first task, init, has pid 1. A container "
            "(VE)\n"
            "is started as vzctl starts it: a host task \"vzctl\" calls\n"
            "setluid(VEID), so that its children are born into beancounter "
            "VEID,\n"
            "sets the limits of the container's config with setublimit, and "
            "forks\n"
            "the VE's init, which creates the VE (virtual pid 1); vzctl "
            "exits.\n"
            "Every task has a global pid; a VE's other tasks see themselves "
            "as\n"
            "their global pid + 1024 (the global allocator never hands out a\n"
            "number with bit 10 set, so the two never meet). VE 101's "
            "config:\n"
         << kConfig101;
    absl::StatusOr<std::vector<UbLimit>> limits = ParseUbConfig(kConfig101);
    if (!limits.ok()) return limits.status();
    // kernel.virt_osrelease: the release a VE reports, copied at create.
    const std::string host_release = k_.VirtOsrelease();
    VZ_RETURN_IF_ERROR(k_.SetVirtOsrelease("2.6.32-042stab"));
    absl::StatusOr<Container> ct = StartContainer(k_, 101, *limits);
    if (!ct.ok()) return ct.status();
    init101_ = ct->init;
    ve101_ = ct->ve;
    VZ_RETURN_IF_ERROR(k_.SetVirtOsrelease(host_release));
    VZ_RETURN_IF_ERROR(k_.SetHostname(ve101_, "ct101.example.org"));
    absl::StatusOr<task_struct*> t;
    if (!(t = Spawn(k_.init_task(), "sshd")).ok()) return t.status();
    if (!(ct = StartContainer(k_, 102, {})).ok()) return ct.status();
    init102_ = ct->init;
    ve102_ = ct->ve;
    VZ_RETURN_IF_ERROR(k_.SetHostname(ve102_, "ct102.example.org"));

    // httpd is forked the kernel-face way: from its parent's CPU.
    VZ_RETURN_IF_ERROR(cpu_->SwitchTo(init101_));
    const pid_t httpd = sys_fork();  // a virtual pid: current is in VE 101
    if (httpd < 0) return ErrnoError(httpd, "fork in VE 101");
    {
      TasklistReadGuard guard;
      httpd_ = find_task_by_pid_ve(httpd);
    }
    VZ_RETURN_IF_ERROR(cpu_->SwitchTo(k_.init_task()));
    VZ_RETURN_IF_ERROR(k_.SetComm(httpd_, "httpd"));
    if (!(t = k_.Fork(httpd_, "httpd", CLONE_THREAD)).ok()) return t.status();
    if (!(t = Spawn(init101_, "mysqld")).ok()) return t.status();
    mysqld_ = *t;
    if (!(t = Spawn(init102_, "master")).ok()) return t.status();
    if (!(t = Spawn(*t, "smtpd")).ok()) return t.status();
    smtpd_ = *t;

    PsOptions threads;
    threads.with_threads = true;
    Heading(out_, "ps on the host (ve0 sees every task, by global pid)");
    out_ << "VPID is the pid the task has inside its own VE; \\_ marks a "
            "thread.\n";
    out_ << RenderPs(k_, k_.ve0(), threads);
    Heading(out_,
            "ps inside VE 101 (init is 1, the rest global pid + 1024;\n"
            "the host and VE 102 are invisible)");
    out_ << RenderPs(k_, ve101_, threads);
    Heading(out_, "ps inside VE 102");
    out_ << RenderPs(k_, ve102_, threads);
    return absl::OkStatus();
  }

  absl::Status Lookups() {
    Heading(out_, "Looking a pid up from each side");
    const pid_t smtpd = smtpd_->pid;
    VZ_RETURN_IF_ERROR(cpu_->SwitchTo(mysqld_));
    {
      TasklistReadGuard guard;
      task_struct* t = find_task_by_pid_ve(smtpd);
      out_ << absl::StrFormat(
          "from VE 101, find_task_by_pid_ve(%d) -> %s\n", smtpd,
          t == nullptr ? absl::StrFormat("NULL (global pid %d is VE 102's "
                                         "smtpd, which VE 101 cannot reach)",
                                         smtpd)
                       : std::string(t->comm));
      const pid_t mysqld = virt_pid(mysqld_);
      out_ << absl::StrFormat(
          "from VE 101, find_task_by_pid_ve(%d) -> %s (its virtual pid)\n",
          mysqld, find_task_by_pid_ve(mysqld)->comm);
      out_ << absl::StrFormat(
          "from VE 101, find_task_by_pid_ve(%d) -> %s (its global pid: a VE\n"
          "  finds its own tasks by either number)\n",
          mysqld_->pid, find_task_by_pid_ve(mysqld_->pid)->comm);
    }
    VZ_RETURN_IF_ERROR(cpu_->SwitchTo(k_.init_task()));
    {
      TasklistReadGuard guard;
      out_ << absl::StrFormat("from the host, find_task_by_pid_ve(%d) -> %s\n",
                              smtpd, find_task_by_pid_ve(smtpd)->comm);
      const pid_t virt = virt_pid(smtpd_);
      task_struct* none = find_task_by_pid_ve(virt);
      out_ << absl::StrFormat(
          "from the host, find_task_by_pid_ve(%d) -> %s (a virtual number "
          "means\n  nothing on the host)\n",
          virt, none == nullptr ? "NULL" : none->comm);
    }
    return absl::OkStatus();
  }

  std::string UnameLine(ve_struct* ve) {
    absl::StatusOr<new_utsname> u = k_.Uname(ve);
    if (!u.ok()) return u.status().ToString();
    return absl::StrFormat("%s %s %s %s", u->sysname, u->nodename, u->release,
                           u->machine);
  }

  absl::Status Unames() {
    Heading(out_, "uname from each side");
    out_ << "host   : " << UnameLine(k_.ve0()) << "\n";
    out_ << "VE 101 : " << UnameLine(ve101_) << "\n";
    out_ << "VE 102 : " << UnameLine(ve102_) << "\n";
    out_ << "(nodename and release are per VE; sysname and machine are the "
            "host's)\n";
    return absl::OkStatus();
  }

  uint64_t Kmem(user_beancounter* ub) {
    return vzsim::UbRead(ub->ub_parms[UB_KMEMSIZE].held);
  }
  user_beancounter* Ub101() { return k_.FindBeancounter(101); }

  // Rule R6, once through the x86_64 port and once through the unported
  // control architecture.
  absl::Status Interrupts() {
    Heading(out_, "An interrupt arrives while a VE 101 task runs (rule R6)");
    out_ << "The network card's handler allocates 512 bytes (kmemsize) and "
            "logs\n"
            "a line. Whose beancounter pays, and whose log gets the line?\n";
    for (const char* name : {"x86_64", "unported"}) {
      const arch_ops* arch = FindArch(name);
      const uint64_t ve_before = Kmem(Ub101());
      const uint64_t host_before = Kmem(k_.ub0());
      VZ_RETURN_IF_ERROR(cpu_->SwitchTo(mysqld_));
      arch->hw_interrupt(kNicIrq);
      VZ_RETURN_IF_ERROR(cpu_->SwitchTo(k_.init_task()));
      out_ << absl::StrFormat(
          "  %-8s interrupt: ub0 +%u bytes, VE 101 +%u bytes; log line in %s\n",
          name, Kmem(k_.ub0()) - host_before, Kmem(Ub101()) - ve_before,
          k_.VeLog(ve101_).empty() ? "the host's log" : "VE 101's log");
    }
    out_ << "The port enters through irq_enter()/irq_exit(), which run the\n"
            "handler as the host (ve0, ub0) and restore VE 101's context "
            "after.\n"
            "The unported arch lets VE 101 pay for the host's interrupt.\n";
    return absl::OkStatus();
  }

  absl::Status KernelThreads() {
    Heading(out_, "kernel_thread from inside a VE (rule R7)");
    const arch_ops* arch = FindArch("x86_64");
    out_ << "With the kernel.ve_allow_kthreads sysctl at 0 (its default is "
            "1):\n";
    const bool saved = Kernel::VeAllowKthreads();
    Kernel::SetVeAllowKthreads(false);
    VZ_RETURN_IF_ERROR(cpu_->SwitchTo(mysqld_));
    const long in_ve = arch->kernel_thread(KthreadFn, nullptr, 0);
    VZ_RETURN_IF_ERROR(cpu_->SwitchTo(k_.init_task()));
    const long on_host = arch->kernel_thread(KthreadFn, nullptr, 0);
    Kernel::SetVeAllowKthreads(saved);
    const bool logged =
        k_.HostLog().find("kernel_thread call inside container") !=
        std::string::npos;
    out_ << absl::StrFormat(
        "  from VE 101's mysqld: %s\n  from the host: pid %d\n",
        in_ve == -EPERM && logged
            ? "-EPERM, and the host log says \"kernel_thread call inside "
              "container\""
            : absl::StrFormat("%d", in_ve),
        on_host);
    return absl::OkStatus();
  }

  absl::Status LogFlood() {
    Heading(out_, "A VE floods the log with segfaults (rule R2)");
    out_ << "50 processes of VE 101 each read an unmapped address and die of "
            "it,\n"
            "with the segfault report turned on (exception_trace=1):\n";
    std::string first;
    for (const char* name : {"x86_64", "unported"}) {
      const arch_ops* arch = FindArch(name);
      const int saved = *arch->fault_report_sysctl;
      *arch->fault_report_sysctl = 1;
      const uint64_t mark = k_.HostLogBytesWritten();
      const uint64_t ve_before = k_.VeLogBytesWritten(ve101_);
      for (int i = 0; i < 50; ++i) {
        absl::StatusOr<task_struct*> segv = k_.Fork(httpd_, "segv");
        VZ_RETURN_IF_ERROR(segv.status());
        VZ_RETURN_IF_ERROR(k_.GetMm(*segv).status());
        VZ_RETURN_IF_ERROR(cpu_->SwitchTo(*segv));
        arch->user_fault(0x10 + 8 * i);
        VZ_RETURN_IF_ERROR(cpu_->SwitchTo(k_.init_task()));
        k_.DeliverFatalSignals();
        VZ_RETURN_IF_ERROR(k_.Wait(httpd_, -1).status());  // reap it
      }
      *arch->fault_report_sysctl = saved;
      const std::string host = k_.HostLogSince(mark);
      out_ << absl::StrFormat(
          "  %-8s %d lines in the host log, %u bytes in VE 101's own\n", name,
          std::count(host.begin(), host.end(), '\n'),
          k_.VeLogBytesWritten(ve101_) - ve_before);
    }
    const std::string ve_log = k_.VeLog(ve101_);
    const size_t at = ve_log.find("segv[");
    out_ << "x86_64's report goes to the VE's 4 KiB log (ve_printk(VE_LOG));\n"
            "vanilla's to the host's. The oldest VE 101's log still holds:\n  "
         << (at == std::string::npos
                 ? "(none)"
                 : ve_log.substr(ve_log.rfind('<', at),
                                 ve_log.find('\n', at) - ve_log.rfind('<', at)))
         << "\n";
    return absl::OkStatus();
  }

  absl::Status Beancounters() {
    Heading(out_, "Beancounters: VE 101 hits its privvmpages limit");
    out_ << "VE 101's tasks were born into beancounter 101, and its config "
            "gave\n"
            "privvmpages (private writable memory, in pages) a barrier of 256 "
            "and\n"
            "a limit of 300. Ordinary mmap charges are UB_HARD: they may not "
            "pass\n"
            "the barrier. (httpd's first mmap also makes its address space, "
            "whose\n"
            "one-page stack counts too.)\n";
    out_ << "httpd maps 100 pages at a time:\n";
    for (int i = 1; i <= 4; ++i) {
      auto addr = k_.Mmap(httpd_, 0, 100 * PAGE_SIZE, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS);
      const ubparm& priv = Ub101()->ub_parms[UB_PRIVVMPAGES];
      out_ << absl::StrFormat(
          "  mmap #%d: %-32s privvmpages held %3u, failcnt %u\n", i,
          addr.ok() ? "ok" : "refused: -ENOMEM (over barrier)",
          vzsim::UbRead(priv.held), vzsim::UbRead(priv.failcnt));
    }
    out_ << "\n/proc/user_beancounters read by httpd: only its own "
            "beancounter\n(see privvmpages):\n";
    out_ << RenderUserBeancounters(k_, httpd_);
    return absl::OkStatus();
  }

  absl::Status HostAdminView() {
    Heading(out_, "What the host admin sees");
    out_ << "/proc/vz/veinfo (veid, class, tasks):\n";
    out_ << RenderVeinfo(k_, k_.ve0());
    out_ << "\n/proc/user_beancounters (every beancounter, newest first, ub0 "
            "last):\n";
    out_ << RenderUserBeancounters(k_, k_.init_task());
    return absl::OkStatus();
  }

  absl::Status StopVe() {
    Heading(out_, "Stopping VE 102");
    out_ << "When a VE's init exits, the VE stops (do_initproc_exit()): no "
            "task\n"
            "may enter it, its other tasks get SIGKILL, and once they are "
            "gone\n"
            "the init is reparented to host init, which reaps it. With the "
            "last\n"
            "task gone the VE leaves the list and its id is free again; "
            "there\n"
            "is no destroy call.\n";
    VZ_RETURN_IF_ERROR(k_.Exit(init102_, 0));
    out_ << absl::StrFormat("VE 102 still listed: %s\n",
                            k_.FindVe(102) == nullptr ? "no" : "yes");
    const std::string log = k_.HostLog();
    for (const char* line : {"<6>CT: 101: started", "<6>CT: 102: stopped"}) {
      out_ << absl::StrFormat(
          "host log has \"%s\": %s\n", line,
          log.find(line) != std::string::npos ? "yes" : "no");
    }
    out_ << absl::StrFormat(
        "Its last task gone, nothing holds beancounter 102 any more: it has "
        "left\n/proc/user_beancounters (%s), and the limits set on it went "
        "with it.\n",
        k_.FindBeancounter(102) == nullptr ? "released" : "still listed");
    Heading(out_, "ps on the host afterwards");
    out_ << RenderPs(k_, k_.ve0());
    out_ << "\nNext: vzsim rules (the porting rules), vzsim check --arch "
            "sparc64,\n"
            "vzsim run examples/two_containers.vzs (docs/scenarios.md).\n";
    return absl::OkStatus();
  }

  std::ostream& out_;
  Kernel k_;
  CpuBinding* cpu_ = nullptr;
  task_struct* init101_ = nullptr;
  task_struct* init102_ = nullptr;
  task_struct* httpd_ = nullptr;
  task_struct* mysqld_ = nullptr;
  task_struct* smtpd_ = nullptr;
  ve_struct* ve101_ = nullptr;
  ve_struct* ve102_ = nullptr;
};

}  // namespace

absl::Status RunDemo(std::ostream& out) { return Demo(out).Run(); }

}  // namespace vzsim
