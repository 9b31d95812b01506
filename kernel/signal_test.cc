#include "kernel/signal.h"

#include <cerrno>

#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "kernel/process.h"
#include "pid/tasklist_lock.h"
#include "ubc/beancounter.h"
#include "ubc/kmem_sizes.h"

namespace vzsim {
namespace {

class SignalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    host_sh = *k.Fork(k.init_task(), "sh");
    host_job = *k.Fork(host_sh, "job");
    init101 = *k.Fork(k.init_task(), "init");
    ve101 = *k.CreateVe(init101, 101);
    web = *k.Fork(init101, "httpd");  // vpid web->pid + 1024
    cgi = *k.Fork(web, "cgi");
    init102 = *k.Fork(k.init_task(), "init");
    ve102 = *k.CreateVe(init102, 102);
    mail = *k.Fork(init102, "postfix");
  }
  Kernel k;
  task_struct *host_sh, *host_job, *init101, *web, *cgi, *init102, *mail;
  ve_struct *ve101, *ve102;
};

// kernel/signal.c: sys_kill(): si_pid is virt_tgid(sender) for every
// receiver: the same number inside the VE and on the host.
TEST_F(SignalTest, SysKillSiPidIsTheSendersVirtTgid) {
  ASSERT_TRUE(k.SetSignalHandler(web, SIGUSR1, true).ok());
  ASSERT_TRUE(k.SetSignalHandler(host_sh, SIGUSR1, true).ok());
  ASSERT_TRUE(k.Kill(cgi, virt_pid(web), SIGUSR1).ok());
  siginfo info = k.DequeueSignal(web);
  EXPECT_EQ(info.si_signo, SIGUSR1);
  EXPECT_EQ(info.si_pid, virt_pid(cgi));
  EXPECT_EQ(info.si_code, SI_USER);
  // A host sender's global tgid reaches the VE as it is.
  ASSERT_TRUE(k.Kill(host_sh, web->pid, SIGUSR1).ok());
  EXPECT_EQ(k.DequeueSignal(web).si_pid, host_sh->pid);
  // A VE sender's virtual tgid reaches the host as it is.
  ASSERT_TRUE(k.Kill(k.init_task(), host_sh->pid, SIGUSR1).ok());
  EXPECT_EQ(k.DequeueSignal(host_sh).si_pid, 1);
  // A thread sends its group's number.
  task_struct* thr = *k.Fork(cgi, "t", CLONE_THREAD);
  ASSERT_TRUE(k.Kill(thr, virt_pid(web), SIGUSR1).ok());
  EXPECT_EQ(k.DequeueSignal(web).si_pid, virt_pid(cgi));
}

TEST_F(SignalTest, KillFromAVeReachesOnlyItsVe) {
  ASSERT_TRUE(k.SetSignalHandler(web, SIGUSR1, true).ok());
  // Its own tasks by virtual and by global number.
  ASSERT_TRUE(k.Kill(cgi, virt_pid(web), SIGUSR1).ok());
  ASSERT_TRUE(k.Kill(cgi, web->pid, SIGUSR1).ok());
  EXPECT_EQ(k.PendingSignalCount(web), 1);  // merged
  // Nothing from VE 101 reaches VE 102 or the host, whatever the number.
  EXPECT_EQ(ErrnoOf(k.Kill(cgi, mail->pid, SIGUSR1)), ESRCH);
  for (pid_t nr = 2; nr < 3000; ++nr) {
    const absl::Status s = k.Kill(cgi, nr, 0);
    if (s.ok()) {
      EXPECT_TRUE(nr == web->pid || nr == cgi->pid || nr == init101->pid ||
                  nr == virt_pid(web) || nr == virt_pid(cgi))
          << nr;
    }
  }
  EXPECT_EQ(k.PendingSignalCount(mail), 0);
  EXPECT_EQ(k.PendingSignalCount(host_sh), 0);
}

// From the host a number with bit 10 set is no pid.
TEST_F(SignalTest, HostCannotKillByAVirtualNumber) {
  EXPECT_EQ(ErrnoOf(k.Kill(host_sh, virt_pid(web), SIGKILL)), ESRCH);
  EXPECT_TRUE(task_alive(web));
}

TEST_F(SignalTest, FatalSignalsEndTheProcess) {
  const pid_t nr = cgi->pid;
  ASSERT_TRUE(k.SetSignalHandler(web, SIGCHLD, true).ok());
  ASSERT_TRUE(k.Kill(web, virt_pid(cgi), SIGTERM).ok());  // no handler
  EXPECT_EQ(cgi->exit_state, EXIT_ZOMBIE);
  EXPECT_EQ(cgi->exit_code, SIGTERM);
  // do_notify_parent(): SIGCHLD to the parent with the child's number as
  // the parent's VE sees it, CLD_KILLED and the signal.
  siginfo chld = k.DequeueSignal(web);
  EXPECT_EQ(chld.si_signo, SIGCHLD);
  EXPECT_EQ(chld.si_pid, virt_pid(cgi));
  EXPECT_EQ(chld.si_code, CLD_KILLED);
  EXPECT_EQ(chld.si_status, SIGTERM);
  auto w = k.Wait(web, nr);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->exit_code, SIGTERM);
}

// The model's handlers are sighand->action[]: kernel code that resets one
// there (ia64's force_sigsegv_info() before a SIGSEGV it cannot deliver)
// is what the model obeys.
TEST_F(SignalTest, AHandlerResetInSighandIsObeyed) {
  ASSERT_TRUE(k.SetSignalHandler(cgi, SIGSEGV, true).ok());
  EXPECT_EQ(cgi->sighand->action[SIGSEGV - 1].sa.sa_handler,
            InstalledHandler());
  EXPECT_EQ(unhandled_signal(cgi, SIGSEGV), 0);
  cgi->sighand->action[SIGSEGV - 1].sa.sa_handler = SIG_DFL;
  EXPECT_EQ(unhandled_signal(cgi, SIGSEGV), 1);
  ASSERT_TRUE(k.Kill(web, virt_pid(cgi), SIGSEGV).ok());
  EXPECT_EQ(cgi->exit_state, EXIT_ZOMBIE);
  EXPECT_EQ(cgi->exit_code, SIGSEGV);
}

TEST_F(SignalTest, HandledSignalsAreOnlyQueued) {
  ASSERT_TRUE(k.SetSignalHandler(cgi, SIGTERM, true).ok());
  ASSERT_TRUE(k.Kill(web, virt_pid(cgi), SIGTERM).ok());
  EXPECT_TRUE(task_alive(cgi));
  EXPECT_EQ(k.PendingSignalCount(cgi), 1);
  // A second legacy signal of the same number is merged.
  ASSERT_TRUE(k.Kill(web, virt_pid(cgi), SIGTERM).ok());
  EXPECT_EQ(k.PendingSignalCount(cgi), 1);
}

// kernel/signal.c: sig_ignored(): a default-ignore signal without a
// handler is dropped at send.
TEST_F(SignalTest, SigIgnoredDropsDefaultIgnoreSignalsAtSend) {
  for (int sig : {SIGCHLD, SIGCONT, SIGURG, SIGWINCH}) {
    ASSERT_TRUE(k.Kill(web, virt_pid(cgi), sig).ok());
  }
  EXPECT_EQ(k.PendingSignalCount(cgi), 0);
  EXPECT_TRUE(task_alive(cgi));
  ASSERT_TRUE(k.SetSignalHandler(cgi, SIGWINCH, true).ok());
  ASSERT_TRUE(k.Kill(web, virt_pid(cgi), SIGWINCH).ok());
  EXPECT_EQ(k.PendingSignalCount(cgi), 1);
}

// do_notify_parent(): CLD_EXITED with the exit status; the number as the
// parent's owner VE sees it: global for a host parent.
TEST_F(SignalTest, DoNotifyParentFillsTheChildsNumberAndStatus) {
  const pid_t nr = host_job->pid;
  ASSERT_TRUE(k.SetSignalHandler(host_sh, SIGCHLD, true).ok());
  ASSERT_TRUE(k.Exit(host_job, 3 << 8).ok());  // exit(3)
  siginfo chld = k.DequeueSignal(host_sh);
  EXPECT_EQ(chld.si_signo, SIGCHLD);
  EXPECT_EQ(chld.si_pid, nr);
  EXPECT_EQ(chld.si_code, CLD_EXITED);
  EXPECT_EQ(chld.si_status, 3);
  // Without a handler SIGCHLD is not queued at all.
  task_struct* job2 = *k.Fork(host_sh, "job2");
  ASSERT_TRUE(k.SetSignalHandler(host_sh, SIGCHLD, false).ok());
  ASSERT_TRUE(k.Exit(job2, 0).ok());
  EXPECT_EQ(k.PendingSignalCount(host_sh), 0);
}

// kernel/signal.c: sig_ve_ignored(): the VE's init ignores, from a task of
// its own VE, what it has no handler for, and SIGKILL / SIGSTOP.
TEST_F(SignalTest, SigVeIgnoredProtectsInitFromItsOwnVe) {
  // No handler: dropped silently, the call still succeeds.
  EXPECT_TRUE(k.Kill(web, 1, SIGTERM).ok());
  EXPECT_TRUE(task_alive(init101));
  EXPECT_EQ(k.PendingSignalCount(init101), 0);
  // SIGKILL and SIGSTOP from inside: always dropped.
  EXPECT_TRUE(k.Kill(web, 1, SIGKILL).ok());
  EXPECT_TRUE(k.Kill(web, init101->pid, SIGKILL).ok());  // global number
  EXPECT_TRUE(k.Kill(web, 1, SIGSTOP).ok());
  EXPECT_TRUE(task_alive(init101));
  // With a handler, the signal is delivered.
  ASSERT_TRUE(k.SetSignalHandler(init101, SIGTERM, true).ok());
  EXPECT_TRUE(k.Kill(web, 1, SIGTERM).ok());
  EXPECT_EQ(k.PendingSignalCount(init101), 1);
  EXPECT_TRUE(task_alive(init101));
  // The host can always kill it; the VE stops and goes.
  EXPECT_TRUE(k.Kill(host_sh, init101->pid, SIGKILL).ok());
  EXPECT_FALSE(ve101->is_running);
  EXPECT_EQ(atomic_read(&ve101->pcounter), 0);
  EXPECT_EQ(k.FindVe(101), nullptr);
}

// Host init takes signals but never dies of one (get_signal_to_deliver()).
TEST_F(SignalTest, HostInitQueuesButNeverDies) {
  ASSERT_TRUE(k.Kill(host_sh, 1, SIGTERM).ok());
  EXPECT_TRUE(k.Kill(host_sh, 1, SIGKILL).ok());
  EXPECT_TRUE(task_alive(k.init_task()));
  EXPECT_EQ(k.PendingSignalCount(k.init_task()), 2);
}

// kill_something_info(-1) from a VE: every process of the VE but its init
// (virt_pid 1) and the caller's own group.
TEST_F(SignalTest, KillMinusOneFromAVeSparesInitAndTheCaller) {
  task_struct* sleeper = *k.Fork(web, "sleep");
  ASSERT_TRUE(k.Kill(cgi, -1, SIGKILL).ok());
  EXPECT_TRUE(task_alive(init101));
  EXPECT_TRUE(task_alive(cgi));
  EXPECT_FALSE(task_alive(web));
  (void)sleeper;
  // Nothing outside the VE was touched.
  EXPECT_TRUE(task_alive(mail));
  EXPECT_TRUE(task_alive(init102));
  EXPECT_TRUE(task_alive(host_sh));
  EXPECT_TRUE(task_alive(host_job));
  EXPECT_EQ(atomic_read(&ve101->pcounter), 2);  // init and cgi
}

// kill(-1) from the host skips every task whose virt_pid is 1: host init
// and every VE's init.
TEST_F(SignalTest, KillMinusOneFromTheHostSkipsEveryInit) {
  ASSERT_TRUE(k.Kill(host_sh, -1, SIGKILL).ok());
  EXPECT_TRUE(task_alive(init101));
  EXPECT_TRUE(task_alive(init102));
  EXPECT_TRUE(task_alive(host_sh));
  EXPECT_FALSE(task_alive(web));
  EXPECT_FALSE(task_alive(mail));
  EXPECT_TRUE(ve101->is_running);
}

TEST_F(SignalTest, KillMinusOneWithNobodyElseGivesEsrch) {
  task_struct* init = *k.Fork(k.init_task(), "init");
  ASSERT_TRUE(k.CreateVe(init, 200).ok());
  task_struct* only = *k.Fork(init, "only");
  EXPECT_EQ(ErrnoOf(k.Kill(only, -1, SIGTERM)), ESRCH);
  // Zombies count: the walk finds them and the call succeeds.
  task_struct* z = *k.Fork(only, "z");
  ASSERT_TRUE(k.Exit(z, 0).ok());
  EXPECT_TRUE(k.Kill(only, -1, SIGTERM).ok());
}

// __kill_pg_info(): a virtual group number is translated, a global one is
// taken as it is; only groups in view.
TEST_F(SignalTest, KillPgInfoTranslatesVirtualGroups) {
  ASSERT_TRUE(k.SetSid(web).ok());  // web leads its own group
  task_struct* child = *k.Fork(web, "child");
  ASSERT_TRUE(k.SetSignalHandler(web, SIGUSR2, true).ok());
  ASSERT_TRUE(k.SetSignalHandler(child, SIGUSR2, true).ok());
  ASSERT_TRUE(k.Kill(cgi, -virt_pid(web), SIGUSR2).ok());
  EXPECT_EQ(k.PendingSignalCount(web), 1);
  EXPECT_EQ(k.PendingSignalCount(child), 1);
  EXPECT_EQ(k.PendingSignalCount(cgi), 0);
  (void)k.DequeueSignal(web);
  (void)k.DequeueSignal(child);
  ASSERT_TRUE(k.Kill(cgi, -web->pid, SIGUSR2).ok());  // the global number
  EXPECT_EQ(k.PendingSignalCount(web), 1);
  // -1 in a VE: init's group; init's own pid + 1024: nothing.
  EXPECT_EQ(ErrnoOf(k.Kill(cgi, -(init101->pid + 1024), SIGUSR2)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.Kill(cgi, -mail->pgrp, SIGUSR2)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.Kill(cgi, -999, SIGUSR2)), ESRCH);
}

// kill(0): the caller's global process group.
TEST_F(SignalTest, KillZeroIsTheCallersGlobalGroup) {
  ASSERT_TRUE(k.SetSid(web).ok());
  task_struct* child = *k.Fork(web, "child");
  ASSERT_TRUE(k.SetSignalHandler(web, SIGUSR2, true).ok());
  ASSERT_TRUE(k.SetSignalHandler(child, SIGUSR2, true).ok());
  ASSERT_TRUE(k.Kill(child, 0, SIGUSR2).ok());
  EXPECT_EQ(k.PendingSignalCount(web), 1);
  EXPECT_EQ(k.PendingSignalCount(child), 1);
  EXPECT_EQ(k.PendingSignalCount(cgi), 0);
}

// The target is looked up before the signal number is checked.
TEST_F(SignalTest, KillGivesEsrchBeforeEinval) {
  EXPECT_EQ(ErrnoOf(k.Kill(cgi, 99999, 999)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.Kill(cgi, virt_pid(web), -1)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Kill(cgi, virt_pid(web), 65)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Kill(cgi, -1, 999)), EINVAL);  // a target exists
  EXPECT_EQ(ErrnoOf(k.Kill(cgi, -99999, 999)), ESRCH);
}

// kernel/signal.c: __sigqueue_alloc(): a queued signal is charged to the
// receiver's task_ub (ub_siginfo_charge()), not to the sender's, and given
// back when it is dequeued or flushed.
TEST_F(SignalTest, SigqueueAllocChargesTheReceiversTaskUb) {
  task_struct* vzctl = *k.Fork(k.init_task(), "vzctl");
  ASSERT_TRUE(k.SetLuid(vzctl, 200).ok());
  task_struct* worker = *k.Fork(vzctl, "worker");  // born into 200
  user_beancounter* ub = k.FindBeancounter(200);
  ASSERT_NE(ub, nullptr);
  ASSERT_TRUE(k.SetSignalHandler(worker, SIGUSR1, true).ok());
  const unsigned long ub0_siginfo =
      UbRead(k.ub0()->ub_parms[UB_NUMSIGINFO].held);
  const unsigned long kmem = UbRead(ub->ub_parms[UB_KMEMSIZE].held);
  ASSERT_TRUE(k.Kill(host_sh, worker->pid, SIGUSR1).ok());
  EXPECT_EQ(UbRead(ub->ub_parms[UB_NUMSIGINFO].held), 1u);
  EXPECT_EQ(UbRead(ub->ub_parms[UB_KMEMSIZE].held), kmem + kSigqueueKmem);
  EXPECT_EQ(UbRead(k.ub0()->ub_parms[UB_NUMSIGINFO].held), ub0_siginfo);
  EXPECT_EQ(k.DequeueSignal(worker).si_pid, host_sh->pid);
  EXPECT_EQ(UbRead(ub->ub_parms[UB_NUMSIGINFO].held), 0u);
  EXPECT_EQ(UbRead(ub->ub_parms[UB_KMEMSIZE].held), kmem);
  // Still queued when the task is reaped: flushed (flush_sigqueue()).
  ASSERT_TRUE(k.Kill(host_sh, worker->pid, SIGUSR1).ok());
  ASSERT_TRUE(k.ExitGroup(worker, 0).ok());
  ASSERT_TRUE(k.Wait(vzctl, -1).ok());
  EXPECT_EQ(UbRead(ub->ub_parms[UB_NUMSIGINFO].held), 0u);
  EXPECT_FALSE(RecordOf(ub)->underflowed.load());
}

// send_signal(): a refused siginfo still delivers a legacy signal, or one
// kill() sent, without its info; a real-time one the kernel sent with its
// own info is -EAGAIN.
TEST_F(SignalTest, SendSignalWithoutRoomForItsSiginfo) {
  task_struct* vzctl = *k.Fork(k.init_task(), "vzctl");
  ASSERT_TRUE(k.SetLuid(vzctl, 200).ok());
  task_struct* worker = *k.Fork(vzctl, "worker");
  ASSERT_TRUE(k.SetUbLimit(k.init_task(), 200, UB_NUMSIGINFO, 0, 0).ok());
  user_beancounter* ub = k.FindBeancounter(200);
  constexpr int kRt = KERNEL_SIGRTMIN + 8;
  ASSERT_TRUE(k.SetSignalHandler(worker, SIGUSR1, true).ok());
  ASSERT_TRUE(k.SetSignalHandler(worker, kRt, true).ok());
  ASSERT_TRUE(k.Kill(host_sh, worker->pid, SIGUSR1).ok());
  EXPECT_EQ(UbRead(ub->ub_parms[UB_NUMSIGINFO].failcnt), 1u);
  EXPECT_EQ(k.PendingSignalCount(worker), 1);
  siginfo info = k.DequeueSignal(worker);
  EXPECT_EQ(info.si_signo, SIGUSR1);
  EXPECT_EQ(info.si_code, 0);  // collect_signal(): zeros but the number
  EXPECT_EQ(info.si_pid, 0);
  ASSERT_TRUE(k.Kill(host_sh, worker->pid, kRt).ok());  // SI_USER
  EXPECT_EQ(k.PendingSignalCount(worker), 1);
  EXPECT_EQ(k.DequeueSignal(worker).si_signo, kRt);
  auto cpu = k.BindCpu(0, host_sh);
  ASSERT_TRUE(cpu.ok());
  siginfo kinfo{};
  kinfo.si_code = SI_KERNEL;
  {
    TasklistReadGuard guard;
    EXPECT_EQ(send_sig_info(kRt, &kinfo, worker), -EAGAIN);
  }
  EXPECT_EQ(k.PendingSignalCount(worker), 0);
  EXPECT_EQ(UbRead(ub->ub_parms[UB_NUMSIGINFO].failcnt), 3u);
  EXPECT_EQ(UbRead(ub->ub_parms[UB_NUMSIGINFO].held), 0u);
}

TEST_F(SignalTest, BadArguments) {
  EXPECT_EQ(ErrnoOf(k.Kill(nullptr, 2, SIGTERM)), ESRCH);
  EXPECT_TRUE(k.Kill(cgi, virt_pid(web), 0).ok());  // existence check
  EXPECT_EQ(ErrnoOf(k.SetSignalHandler(cgi, SIGKILL, true)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetSignalHandler(cgi, 0, true)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetSignalHandler(nullptr, SIGTERM, true)), ESRCH);
  EXPECT_EQ(k.DequeueSignal(nullptr).si_signo, 0);
  EXPECT_EQ(k.DequeueSignal(cgi).si_signo, 0);
}

TEST_F(SignalTest, KernelFace) {
  EXPECT_EQ(sys_kill(1, SIGTERM), -ESRCH);  // no CPU
  auto cpu = k.BindCpu(0, cgi);
  ASSERT_TRUE(cpu.ok());
  ASSERT_EQ(sys_sigaction(SIGUSR1, true), 0);
  ASSERT_EQ(sys_kill(virt_pid(cgi), SIGUSR1), 0);  // to itself
  siginfo info;
  ASSERT_EQ(dequeue_signal(cgi, &info), SIGUSR1);
  EXPECT_EQ(info.si_pid, virt_pid(cgi));
  EXPECT_EQ(dequeue_signal(cgi, &info), 0);
  EXPECT_EQ(sys_kill(mail->pid, SIGUSR1), -ESRCH);
  {
    TasklistReadGuard guard_not_needed_for_pointer_use;
    siginfo kinfo{};
    kinfo.si_code = SI_KERNEL;
    kinfo.si_pid = 0;
    EXPECT_EQ(send_sig_info(SIGUSR1, &kinfo, cgi), 0);
    EXPECT_EQ(send_sig_info(0, &kinfo, cgi), -EINVAL);
    EXPECT_EQ(send_sig_info(SIGUSR1, nullptr, cgi), -EINVAL);
  }
  EXPECT_EQ(signal_pending_count(cgi), 1);
}

}  // namespace
}  // namespace vzsim
