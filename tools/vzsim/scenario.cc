// The scenario interpreter: parses one line at a time and drives a fresh
// Kernel through its C++ face, with this thread acting as CPU 0 and the
// task a command names as `current`.
#include "tools/vzsim/scenario.h"

#include <cerrno>
#include <csignal>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "arch/conformance/world.h"
#include "arch/registry/registry.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "kernel/mmap.h"
#include "pid/pid.h"
#include "proc/beancounters.h"
#include "proc/ps.h"
#include "ubc/beancounter.h"
#include "vzctl/vzctl.h"

namespace vzsim {
namespace {

int KthreadFn(void*) { return 0; }

// Interrupts and kernel threads go through a ported architecture's hooks,
// as in a real kernel.
const arch_ops& Arch() { return *FindArch("x86_64"); }

class Interpreter {
 public:
  Interpreter(absl::string_view file, std::ostream& out)
      : file_(file), out_(out) {
    InstallNic(k_, nullptr);
    names_["init"] = 1;
  }
  ~Interpreter() { Kernel::SetVeAllowKthreads(saved_allow_kthreads_); }
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  absl::Status Run(absl::string_view text) {
    auto cpu = k_.BindCpu(0, k_.init_task());
    if (!cpu.ok()) return cpu.status();
    cpu_ = &*cpu;
    int line_no = 0;
    for (absl::string_view raw : absl::StrSplit(text, '\n')) {
      ++line_no;
      absl::string_view line = raw.substr(0, raw.find('#'));
      line = absl::StripAsciiWhitespace(line);
      if (line.empty()) continue;
      std::vector<std::string> w =
          absl::StrSplit(line, ' ', absl::SkipWhitespace());
      out_ << "> " << absl::StrJoin(w, " ") << "\n";
      absl::Status s;
      line_no_ = line_no;
      error_.clear();
      Dispatch(w, &s);
      if (!error_.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat(file_, ":", line_no, ": ", error_));
      }
      if (!s.ok()) return s;
      (void)cpu_->SwitchTo(k_.init_task());
    }
    return absl::OkStatus();
  }

 private:
  // A line that cannot run: the first problem found is the one reported.
  // Every helper below returns an empty value after Fail(), and every
  // command returns as soon as a helper comes back empty.
  void Fail(const std::string& what) {
    if (error_.empty()) error_ = what;
  }

  bool Arity(const std::vector<std::string>& w, size_t min, size_t max,
             const char* usage) {
    if (w.size() >= min && w.size() <= max) return true;
    Fail(absl::StrCat("'", w[0], "' takes ", usage));
    return false;
  }

  std::optional<int64_t> Number(const std::string& word, int64_t lo,
                                int64_t hi) {
    int64_t v;
    if (absl::SimpleAtoi(word, &v) && v >= lo && v <= hi) return v;
    Fail(absl::StrCat("'", word, "' is not a number in [", lo, ", ", hi, "]"));
    return std::nullopt;
  }

  std::optional<uint64_t> BigNumber(const std::string& word) {
    if (word == "unlimited") return UB_MAXVALUE;
    uint64_t v;
    if (absl::SimpleAtoi(word, &v)) return v;
    Fail(absl::StrCat("'", word, "' is not a number (or 'unlimited')"));
    return std::nullopt;
  }

  std::optional<uint32_t> Id(const std::string& word) {
    auto v = Number(word, 0, 4294967295LL);
    if (!v) return std::nullopt;
    return static_cast<uint32_t>(*v);
  }

  task_struct* Task(const std::string& name) {
    auto it = names_.find(name);
    if (it == names_.end()) {
      Fail(absl::StrCat("no task named '", name, "'"));
      return nullptr;
    }
    task_struct* t = k_.FindTaskByPid(it->second);
    if (t == nullptr) Fail(absl::StrCat("task '", name, "' has been reaped"));
    return t;
  }

  ve_struct* Ve(const std::string& word) {
    auto id = Id(word);
    if (!id) return nullptr;
    ve_struct* ve = k_.FindVe(*id);
    if (ve == nullptr) Fail(absl::StrCat("no VE ", *id));
    return ve;
  }

  std::optional<int> Resource(const std::string& word) {
    for (int r = 0; r < UB_RESOURCES; ++r) {
      if (word == ub_resource_name(r) && word != "dummy") return r;
    }
    Fail(absl::StrCat("no resource named '", word, "'"));
    return std::nullopt;
  }

  std::optional<int> Signal(const std::string& word) {
    static const auto* kNames = new std::map<std::string, int>{
        {"SIGHUP", SIGHUP},   {"SIGINT", SIGINT},   {"SIGKILL", SIGKILL},
        {"SIGUSR1", SIGUSR1}, {"SIGUSR2", SIGUSR2}, {"SIGTERM", SIGTERM},
        {"SIGSTOP", SIGSTOP}, {"SIGCHLD", SIGCHLD}, {"SIGSEGV", SIGSEGV}};
    auto it = kNames->find(word);
    if (it != kNames->end()) return it->second;
    auto v = Number(word, 0, KERNEL_NSIG);
    if (!v) return std::nullopt;
    return static_cast<int>(*v);
  }

  // Prints a kernel result and remembers its errno for `expect error`.
  void Report(const absl::Status& s, const std::string& ok_text) {
    last_errno_ = ErrnoOf(s);
    if (s.ok()) {
      if (!ok_text.empty()) out_ << "  " << ok_text << "\n";
    } else {
      out_ << "  error: -" << ErrnoName(last_errno_) << " (" << s.message()
           << ")\n";
    }
  }

  void Dispatch(const std::vector<std::string>& w, absl::Status* status) {
    const std::string& cmd = w[0];
    if (cmd == "fork") return Fork(w);
    if (cmd == "ve") return VeCommand(w);
    if (cmd == "exit") return ExitCommand(w);
    if (cmd == "wait") return WaitCommand(w);
    if (cmd == "kill") return KillCommand(w);
    if (cmd == "sethostname") return SetHostname(w);
    if (cmd == "mmap") return MmapCommand(w);
    if (cmd == "ublimit") return UbLimitCommand(w);
    if (cmd == "setluid") return SetLuid(w);
    if (cmd == "vzctl") return Vzctl(w);
    if (cmd == "irq") return Irq(w);
    if (cmd == "kthread") return Kthread(w);
    if (cmd == "sysctl") return Sysctl(w);
    if (cmd == "clock") return Clock(w);
    if (cmd == "print") return Print(w);
    if (cmd == "expect") return Expect(w, status);
    if (cmd == "echo") {
      out_ << "  " << absl::StrJoin(w.begin() + 1, w.end(), " ") << "\n";
      return;
    }
    Fail(absl::StrCat("unknown command '", cmd, "'"));
  }

  // clock SECONDS
  void Clock(const std::vector<std::string>& w) {
    if (!Arity(w, 2, 2, "one argument: SECONDS")) return;
    if (auto secs = Number(w[1], 0, 1000000)) {
      k_.AdvanceClock(*secs * 1000000000LL);
    }
  }

  // fork NAME [from PARENT] [thread]
  void Fork(const std::vector<std::string>& w) {
    if (!Arity(w, 2, 5, "NAME [from PARENT] [thread]")) return;
    const std::string& name = w[1];
    if (names_.count(name)) {
      return Fail(absl::StrCat("a task is already named '", name, "'"));
    }
    task_struct* parent = k_.init_task();
    bool thread = false;
    for (size_t i = 2; i < w.size(); ++i) {
      if (w[i] == "from" && i + 1 < w.size()) {
        if ((parent = Task(w[++i])) == nullptr) return;
      } else if (w[i] == "thread") {
        thread = true;
      } else {
        return Fail(absl::StrCat("unexpected '", w[i],
                                 "' (fork NAME [from PARENT] [thread])"));
      }
    }
    auto child = k_.Fork(parent, name, thread ? CLONE_THREAD : 0);
    if (!child.ok()) return Report(child.status(), "");
    const task_struct* c = *child;
    names_[name] = c->pid;
    Report(absl::OkStatus(),
           c->ve_task_info.owner_env->veid == 0
               ? absl::StrFormat("%s: pid %d on the host", name, c->pid)
               : absl::StrFormat("%s: pid %d, virtual pid %d in VE %u", name,
                                 c->pid, c->vpid,
                                 c->ve_task_info.owner_env->veid));
  }

  // ve create VEID by TASK [class N] [lock] | ve enter VEID TASK [skiplock]
  // | ve test VEID by TASK
  void VeCommand(const std::vector<std::string>& w) {
    if (!Arity(w, 3, 8,
               "create VEID by TASK [class N] [lock], enter VEID TASK "
               "[skiplock], or test VEID by TASK")) {
      return;
    }
    auto id = Id(w[2]);
    if (!id) return;
    if (w[1] == "create" || w[1] == "test") {
      if (w.size() < 5 || w[3] != "by") {
        return Fail("usage: ve create|test VEID by TASK ...");
      }
      task_struct* t = Task(w[4]);
      if (t == nullptr) return;
      unsigned flags = w[1] == "test" ? VE_TEST : VE_CREATE | VE_EXCLUSIVE;
      uint32_t class_id = 0;
      for (size_t i = 5; i < w.size(); ++i) {
        if (w[1] == "create" && w[i] == "class" && i + 1 < w.size()) {
          auto n = Number(w[++i], 0, 4294967295LL);
          if (!n) return;
          class_id = static_cast<uint32_t>(*n);
        } else if (w[1] == "create" && w[i] == "lock") {
          flags |= VE_LOCK;
        } else {
          return Fail(absl::StrCat("unexpected '", w[i], "'"));
        }
      }
      auto r = k_.RealEnvCreate(t, *id, flags, class_id);
      Report(r.status(),
             w[1] == "test"
                 ? absl::StrFormat("VE %u exists", *id)
                 : absl::StrFormat("VE %u created; %s is its init", *id, w[4]));
    } else if (w[1] == "enter") {
      if (!Arity(w, 4, 5, "enter VEID TASK [skiplock]")) return;
      task_struct* t = Task(w[3]);
      if (t == nullptr) return;
      unsigned flags = VE_ENTER;
      if (w.size() == 5) {
        if (w[4] != "skiplock") {
          return Fail(absl::StrCat("unexpected '", w[4], "'"));
        }
        flags |= VE_SKIPLOCK;
      }
      absl::Status s = k_.RealEnvCreate(t, *id, flags).status();
      Report(s, s.ok() ? absl::StrFormat("%s entered VE %u as pid %d", w[3],
                                         *id, t->vpid)
                       : "");
    } else {
      Fail(absl::StrCat("unknown 've' command '", w[1],
                        "' (create, enter, test)"));
    }
  }

  // sysctl virt_pids 0|1 | sysctl virt_osrelease RELEASE | sysctl pid_max N
  // | sysctl ve_allow_kthreads 0|1 (one variable for the whole process, as
  // in the kernel; the scenario restores it when it ends)
  void Sysctl(const std::vector<std::string>& w) {
    if (!Arity(w, 3, 3,
               "virt_pids 0|1, virt_osrelease RELEASE, pid_max N or "
               "ve_allow_kthreads 0|1")) {
      return;
    }
    if (w[1] == "ve_allow_kthreads") {
      auto n = Number(w[2], 0, 1);
      if (!n) return;
      Kernel::SetVeAllowKthreads(*n == 1);
      Report(absl::OkStatus(), "");
    } else if (w[1] == "virt_pids") {
      auto n = Number(w[2], 0, 1);
      if (!n) return;
      k_.SetVirtPids(*n == 1);
      Report(absl::OkStatus(), "");
    } else if (w[1] == "virt_osrelease") {
      Report(k_.SetVirtOsrelease(w[2]), "");
    } else if (w[1] == "pid_max") {
      auto n = Number(w[2], 0, PidMap::kPidMaxLimit + 1LL);
      if (!n) return;
      Report(k_.SetPidMax(static_cast<int>(*n)), "");
    } else {
      Fail(absl::StrCat("unknown sysctl '", w[1], "'"));
    }
  }

  // exit TASK [CODE]
  void ExitCommand(const std::vector<std::string>& w) {
    if (!Arity(w, 2, 3, "TASK [CODE]")) return;
    task_struct* t = Task(w[1]);
    if (t == nullptr) return;
    std::optional<int64_t> code = 0;
    if (w.size() == 3 && !(code = Number(w[2], 0, 255))) return;
    // exit_group(CODE): the status word is CODE << 8.
    Report(k_.ExitGroup(t, static_cast<int>(*code) << 8), "");
  }

  // wait PARENT [CHILD]
  void WaitCommand(const std::vector<std::string>& w) {
    if (!Arity(w, 2, 3, "PARENT [CHILD]")) return;
    task_struct* parent = Task(w[1]);
    if (parent == nullptr) return;
    pid_t pid = -1;
    if (w.size() == 3) {
      auto it = names_.find(w[2]);
      if (it == names_.end()) {
        return Fail(absl::StrCat("no task named '", w[2], "'"));
      }
      pid = it->second;
    }
    auto r = k_.Wait(parent, pid);
    if (!r.ok()) return Report(r.status(), "");
    const int st = r->exit_code;
    Report(absl::OkStatus(),
           r->pid == 0 ? "no child has exited yet"
           : (st & 0x7f) == 0
               ? absl::StrFormat("reaped pid %d, exit code %d", r->pid, st >> 8)
               : absl::StrFormat("reaped pid %d, killed by signal %d", r->pid,
                                 st & 0x7f));
  }

  // kill SENDER PID SIG
  void KillCommand(const std::vector<std::string>& w) {
    if (!Arity(w, 4, 4, "SENDER PID SIG (PID as the sender sees it)")) return;
    task_struct* sender = Task(w[1]);
    if (sender == nullptr) return;
    auto pid = Number(w[2], -PidMap::kPidMaxLimit, PidMap::kPidMaxLimit);
    if (!pid) return;
    auto sig = Signal(w[3]);
    if (!sig) return;
    Report(k_.Kill(sender, static_cast<pid_t>(*pid), *sig), "sent");
  }

  // sethostname TASK NAME
  void SetHostname(const std::vector<std::string>& w) {
    if (!Arity(w, 3, 3, "TASK NAME")) return;
    if (task_struct* t = Task(w[1])) {
      // Its own namespace: the one of the VE it belongs to.
      Report(k_.SetHostname(t->ve_task_info.owner_env, w[2]), "");
    }
  }

  // mmap TASK PAGES [ro] [locked] [shared] [execprio]
  void MmapCommand(const std::vector<std::string>& w) {
    if (!Arity(w, 3, 7, "TASK PAGES [ro] [locked] [shared] [execprio]")) {
      return;
    }
    task_struct* t = Task(w[1]);
    if (t == nullptr) return;
    auto pages = Number(w[2], 1, 1LL << 30);
    if (!pages) return;
    int prot = PROT_READ | PROT_WRITE;
    int flags = MAP_PRIVATE | MAP_ANONYMOUS;
    for (size_t i = 3; i < w.size(); ++i) {
      if (w[i] == "ro") {
        prot = PROT_READ;
      } else if (w[i] == "locked") {
        flags |= MAP_LOCKED;
      } else if (w[i] == "shared") {
        flags = (flags & ~MAP_PRIVATE) | MAP_SHARED;
      } else if (w[i] == "execprio") {
        flags |= MAP_EXECPRIO;
      } else {
        return Fail(absl::StrCat("unexpected '", w[i],
                                 "' (ro, locked, shared, execprio)"));
      }
    }
    auto addr = k_.Mmap(t, 0, *pages * PAGE_SIZE, prot, flags);
    Report(addr.status(),
           addr.ok() ? absl::StrFormat("mapped %d pages at %#x", *pages, *addr)
                     : "");
  }

  // ublimit ID RESOURCE BARRIER LIMIT
  void UbLimitCommand(const std::vector<std::string>& w) {
    if (!Arity(w, 5, 5, "ID RESOURCE BARRIER LIMIT")) return;
    auto id = Id(w[1]);
    if (!id) return;
    auto res = Resource(w[2]);
    if (!res) return;
    auto barrier = BigNumber(w[3]);
    if (!barrier) return;
    auto limit = BigNumber(w[4]);
    if (!limit) return;
    Report(k_.SetUbLimit(k_.init_task(), *id, *res, *barrier, *limit), "");
  }

  // setluid TASK ID
  void SetLuid(const std::vector<std::string>& w) {
    if (!Arity(w, 3, 3, "TASK ID")) return;
    task_struct* t = Task(w[1]);
    if (t == nullptr) return;
    auto id = Id(w[2]);
    if (!id) return;
    Report(k_.SetLuid(t, *id), "");
  }

  // Limits given as RESOURCE=BARRIER:LIMIT words (vzctl's syntax).
  std::optional<std::vector<UbLimit>> Limits(const std::vector<std::string>& w,
                                             size_t from) {
    std::vector<UbLimit> limits;
    for (size_t i = from; i < w.size(); ++i) {
      absl::StatusOr<std::vector<UbLimit>> l = ParseUbConfig(w[i]);
      if (!l.ok() || l->size() != 1) {
        Fail(l.ok() ? absl::StrCat("'", w[i], "' is not RESOURCE=B:L")
                    : std::string(l.status().message()));
        return std::nullopt;
      }
      limits.push_back(l->front());
    }
    return limits;
  }

  // vzctl start VEID NAME [RESOURCE=B:L ...] | vzctl set VEID RESOURCE=B:L ...
  void Vzctl(const std::vector<std::string>& w) {
    if (w.size() < 3 || (w[1] != "start" && w[1] != "set")) {
      return Fail(
          "usage: vzctl start VEID NAME [RESOURCE=B:L ...], or vzctl set "
          "VEID RESOURCE=B:L ...");
    }
    auto id = Id(w[2]);
    if (!id) return;
    if (w[1] == "set") {
      auto limits = Limits(w, 3);
      if (!limits) return;
      return Report(SetContainerLimits(k_, *id, *limits), "");
    }
    if (w.size() < 4)
      return Fail("usage: vzctl start VEID NAME [RESOURCE=B:L ...]");
    const std::string& name = w[3];
    if (names_.count(name)) {
      return Fail(absl::StrCat("a task is already named '", name, "'"));
    }
    auto limits = Limits(w, 4);
    if (!limits) return;
    StartOptions options;
    options.init_comm = name;
    absl::StatusOr<Container> ct = StartContainer(k_, *id, *limits, options);
    if (!ct.ok()) return Report(ct.status(), "");
    names_[name] = ct->init->pid;
    Report(absl::OkStatus(),
           absl::StrFormat("VE %u started; %s (pid %d) is its init, in "
                           "beancounter %u",
                           *id, name, ct->init->pid,
                           ct->init->task_bc.task_ub->ub_uid));
  }

  // irq TASK: the network card interrupts while TASK runs (x86_64's
  // do_IRQ).
  void Irq(const std::vector<std::string>& w) {
    if (!Arity(w, 2, 2, "TASK")) return;
    task_struct* t = Task(w[1]);
    if (t == nullptr) return;
    (void)cpu_->SwitchTo(t);
    Arch().hw_interrupt(kNicIrq);
    out_ << "  handled IRQ " << kNicIrq << " while " << w[1] << " ran\n";
  }

  // kthread TASK: TASK's context asks for a kernel thread (x86_64's
  // kernel_thread, which refuses inside a VE when the
  // kernel.ve_allow_kthreads sysctl is 0: rule R7).
  void Kthread(const std::vector<std::string>& w) {
    if (!Arity(w, 2, 2, "TASK")) return;
    task_struct* t = Task(w[1]);
    if (t == nullptr) return;
    (void)cpu_->SwitchTo(t);
    const long r = Arch().kernel_thread(KthreadFn, nullptr, 0);
    Report(r < 0 ? ErrnoError(static_cast<int>(r), "kernel_thread")
                 : absl::OkStatus(),
           absl::StrFormat("kernel thread pid %d", r));
  }

  // print ps|uname|veinfo|log [VEID] | print ubc [TASK]
  void Print(const std::vector<std::string>& w) {
    if (!Arity(w, 2, 3, "ps|uname|veinfo|log [VEID], or ubc [TASK]")) return;
    const std::string& what = w[1];
    if (what == "ubc") {
      // /proc/user_beancounters as TASK reads it (its exec beancounter).
      task_struct* reader = w.size() == 3 ? Task(w[2]) : k_.init_task();
      if (reader == nullptr) return;
      absl::StatusOr<std::string> text =
          ReadProcFile(k_, reader, "/proc/user_beancounters");
      if (!text.ok()) return Report(text.status(), "");
      out_ << *text;
      return;
    }
    ve_struct* view = w.size() == 3 ? Ve(w[2]) : k_.ve0();
    if (view == nullptr) return;
    if (what == "ps") {
      PsOptions o;
      o.with_threads = true;
      out_ << RenderPs(k_, view, o);
    } else if (what == "uname") {
      new_utsname u = *k_.Uname(view);
      out_ << "  " << u.sysname << " " << u.nodename << " " << u.release << " "
           << u.machine << "\n";
    } else if (what == "veinfo") {
      out_ << RenderVeinfo(k_, view);
    } else if (what == "log") {
      out_ << k_.VeLog(view);
    } else {
      Fail(absl::StrCat("cannot print '", what,
                        "' (ps, uname, ubc, veinfo, log)"));
    }
  }

  // expect pid|vpid TASK = N | held|failcnt|maxheld|barrier|limit ID
  // RESOURCE = N | beancounter ID = yes|no | running VEID = yes|no |
  // tasks VEID = N | listed VEID = yes|no | error = ENAME
  void Expect(const std::vector<std::string>& w, absl::Status* status) {
    if (w.size() < 4 || w[w.size() - 2] != "=") {
      return Fail("usage: expect WHAT ... = VALUE");
    }
    const std::string& what = w[1];
    std::string got;
    if (what == "error" && w.size() == 4) {
      got = last_errno_ == 0 ? "none" : std::string(ErrnoName(last_errno_));
    } else if ((what == "pid" || what == "vpid") && w.size() == 5) {
      task_struct* t = Task(w[2]);
      if (t == nullptr) return;
      got = absl::StrCat(what == "pid" ? t->pid : t->vpid);
    } else if ((what == "held" || what == "failcnt" || what == "maxheld" ||
                what == "barrier" || what == "limit") &&
               w.size() == 6) {
      auto id = Id(w[2]);
      if (!id) return;
      user_beancounter* ub = k_.FindBeancounter(*id);
      if (ub == nullptr) return Fail(absl::StrCat("no beancounter ", *id));
      auto res = Resource(w[3]);
      if (!res) return;
      const ubparm& p = ub->ub_parms[*res];
      const unsigned long& field = what == "held"      ? p.held
                                   : what == "failcnt" ? p.failcnt
                                   : what == "maxheld" ? p.maxheld
                                   : what == "barrier" ? p.barrier
                                                       : p.limit;
      got = absl::StrCat(vzsim::UbRead(field));
    } else if (what == "listed" && w.size() == 5) {
      auto id = Id(w[2]);
      if (!id) return;
      got = k_.FindVe(*id) != nullptr ? "yes" : "no";
    } else if (what == "beancounter" && w.size() == 5) {
      auto id = Id(w[2]);
      if (!id) return;
      got = k_.FindBeancounter(*id) != nullptr ? "yes" : "no";
    } else if ((what == "running" || what == "tasks") && w.size() == 5) {
      ve_struct* ve = Ve(w[2]);
      if (ve == nullptr) return;
      absl::ReaderMutexLock l(&k_.tasklist_lock());
      got = what == "running" ? (ve->is_running ? "yes" : "no")
                              : absl::StrCat(atomic_read(&ve->pcounter));
    } else {
      return Fail(absl::StrCat("cannot expect '",
                               absl::StrJoin(w.begin() + 1, w.end() - 2, " "),
                               "'"));
    }
    if (got != w.back()) {
      *status = absl::FailedPreconditionError(absl::StrCat(
          file_, ":", line_no_, ": expected ", w.back(), ", got ", got));
    }
  }

  const bool saved_allow_kthreads_ = Kernel::VeAllowKthreads();
  Kernel k_;
  CpuBinding* cpu_ = nullptr;
  std::map<std::string, pid_t> names_;  // task name -> global pid
  std::string file_;
  std::ostream& out_;
  int last_errno_ = 0;
  int line_no_ = 0;
  std::string error_;  // the current line's problem, if any
};

}  // namespace

absl::Status RunScenario(absl::string_view text, absl::string_view filename,
                         std::ostream& out) {
  Interpreter interpreter(filename, out);
  return interpreter.Run(text);
}

}  // namespace vzsim
