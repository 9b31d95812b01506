#include "kernel/signal.h"

#include <cerrno>

#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "kernel/process.h"
#include "pid/tasklist_lock.h"

namespace vzsim {
namespace {

class SignalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    host_sh = *k.Fork(k.init_task(), "sh");
    host_job = *k.Fork(host_sh, "job");
    init101 = *k.Fork(k.init_task(), "init");
    ve101 = *k.CreateVe(init101, 101);
    web = *k.Fork(init101, "httpd");  // vpid 2
    cgi = *k.Fork(web, "cgi");        // vpid 3
    init102 = *k.Fork(k.init_task(), "init");
    ve102 = *k.CreateVe(init102, 102);
    mail = *k.Fork(init102, "postfix");  // vpid 2
  }
  Kernel k;
  task_struct *host_sh, *host_job, *init101, *web, *cgi, *init102, *mail;
  ve_struct *ve101, *ve102;
};

TEST_F(SignalTest, SiPidIsTheSenderAsTheReceiverSeesIt) {
  EXPECT_EQ(task_pid_seen_by(cgi, web), 3);             // same VE: virtual
  EXPECT_EQ(task_pid_seen_by(cgi, host_sh), cgi->pid);  // host receiver
  EXPECT_EQ(task_pid_seen_by(host_sh, web), 0);         // host not visible
  EXPECT_EQ(task_pid_seen_by(mail, web), 0);            // other VE
  task_struct* thr = *k.Fork(cgi, "t", CLONE_THREAD);
  EXPECT_EQ(task_pid_seen_by(thr, web), 3);  // the thread's group id
}

TEST_F(SignalTest, KillFromAVeUsesVirtualPidsAndReachesOnlyItsVe) {
  ASSERT_TRUE(k.SetSignalHandler(web, SIGUSR1, true).ok());
  ASSERT_TRUE(k.Kill(cgi, 2, SIGUSR1).ok());
  siginfo info = k.DequeueSignal(web);
  EXPECT_EQ(info.si_signo, SIGUSR1);
  EXPECT_EQ(info.si_pid, 3);
  EXPECT_EQ(info.si_code, SI_USER);
  // The global pid of VE 102's postfix means nothing inside VE 101...
  EXPECT_EQ(ErrnoOf(k.Kill(cgi, mail->pid, SIGUSR1)), ESRCH);
  // ...and nothing from VE 101 reaches VE 102 or the host, whatever the
  // number.
  for (pid_t nr = 4; nr < 200; ++nr) {
    EXPECT_EQ(ErrnoOf(k.Kill(cgi, nr, 0)), ESRCH) << nr;
  }
  EXPECT_EQ(k.PendingSignalCount(mail), 0);
  EXPECT_EQ(k.PendingSignalCount(host_sh), 0);
}

TEST_F(SignalTest, HostSignalsAnyTaskByGlobalPidAndStaysInvisible) {
  ASSERT_TRUE(k.SetSignalHandler(web, SIGHUP, true).ok());
  ASSERT_TRUE(k.Kill(host_sh, web->pid, SIGHUP).ok());
  siginfo info = k.DequeueSignal(web);
  EXPECT_EQ(info.si_signo, SIGHUP);
  EXPECT_EQ(info.si_pid, 0);  // the host sender is not visible in the VE
}

TEST_F(SignalTest, FatalSignalsEndTheProcess) {
  const pid_t nr = cgi->pid;
  ASSERT_TRUE(k.Kill(web, 3, SIGTERM).ok());  // no handler: fatal
  EXPECT_EQ(cgi->exit_state, EXIT_ZOMBIE);
  EXPECT_EQ(cgi->exit_code, SIGTERM);
  // SIGCHLD went to the parent with the child's virtual pid.
  siginfo chld = k.DequeueSignal(web);
  EXPECT_EQ(chld.si_signo, SIGCHLD);
  EXPECT_EQ(chld.si_pid, 3);
  EXPECT_EQ(chld.si_status, SIGTERM);
  EXPECT_TRUE(k.Wait(web, nr).ok());
}

TEST_F(SignalTest, HandledSignalsAreOnlyQueued) {
  ASSERT_TRUE(k.SetSignalHandler(cgi, SIGTERM, true).ok());
  ASSERT_TRUE(k.Kill(web, 3, SIGTERM).ok());
  EXPECT_TRUE(task_alive(cgi));
  EXPECT_EQ(k.PendingSignalCount(cgi), 1);
  // A second legacy signal of the same number is merged.
  ASSERT_TRUE(k.Kill(web, 3, SIGTERM).ok());
  EXPECT_EQ(k.PendingSignalCount(cgi), 1);
  // SIGCHLD's default is to ignore: nothing dies.
  ASSERT_TRUE(k.Kill(web, 3, SIGCHLD).ok());
  EXPECT_TRUE(task_alive(cgi));
}

TEST_F(SignalTest, SigchldToAHostParentCarriesTheGlobalPid) {
  const pid_t nr = host_job->pid;
  ASSERT_TRUE(k.Exit(host_job, 3).ok());
  siginfo chld = k.DequeueSignal(host_sh);
  EXPECT_EQ(chld.si_signo, SIGCHLD);
  EXPECT_EQ(chld.si_pid, nr);
  EXPECT_EQ(chld.si_status, 3);
}

TEST_F(SignalTest, VeInitIsProtectedFromItsOwnVe) {
  // No handler: dropped silently, the call still succeeds.
  EXPECT_TRUE(k.Kill(web, 1, SIGTERM).ok());
  EXPECT_TRUE(task_alive(init101));
  EXPECT_EQ(k.PendingSignalCount(init101), 0);
  // SIGKILL and SIGSTOP from inside: always dropped.
  EXPECT_TRUE(k.Kill(web, 1, SIGKILL).ok());
  EXPECT_TRUE(k.Kill(web, 1, SIGSTOP).ok());
  EXPECT_TRUE(task_alive(init101));
  // With a handler, the signal is delivered.
  ASSERT_TRUE(k.SetSignalHandler(init101, SIGTERM, true).ok());
  EXPECT_TRUE(k.Kill(web, 1, SIGTERM).ok());
  EXPECT_EQ(k.PendingSignalCount(init101), 1);
  EXPECT_TRUE(task_alive(init101));
  // The host can always kill it; the VE stops.
  EXPECT_TRUE(k.Kill(host_sh, init101->pid, SIGKILL).ok());
  EXPECT_FALSE(ve101->is_running);
  EXPECT_EQ(atomic_read(&ve101->pcounter), 0);
}

TEST_F(SignalTest, HostInitIgnoresUnhandledSignals) {
  EXPECT_TRUE(k.Kill(host_sh, 1, SIGKILL).ok());
  EXPECT_TRUE(k.Kill(host_sh, 1, SIGTERM).ok());
  EXPECT_TRUE(task_alive(k.init_task()));
}

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
  EXPECT_EQ(atomic_read(&ve101->pcounter),
            2);  // init and cgi (re-parented, reaped others)
}

TEST_F(SignalTest, KillMinusOneWithNobodyElseGivesEsrch) {
  task_struct* init = *k.Fork(k.init_task(), "init");
  ASSERT_TRUE(k.CreateVe(init, 200).ok());
  task_struct* only = *k.Fork(init, "only");
  EXPECT_EQ(ErrnoOf(k.Kill(only, -1, SIGTERM)), ESRCH);
}

TEST_F(SignalTest, ProcessGroupKill) {
  ASSERT_TRUE(k.SetSid(web).ok());  // web leads virtual group 2
  task_struct* child = *k.Fork(web, "child");
  ASSERT_TRUE(k.SetSignalHandler(web, SIGUSR2, true).ok());
  ASSERT_TRUE(k.SetSignalHandler(child, SIGUSR2, true).ok());
  ASSERT_TRUE(k.Kill(cgi, -2, SIGUSR2).ok());
  EXPECT_EQ(k.PendingSignalCount(web), 1);
  EXPECT_EQ(k.PendingSignalCount(child), 1);
  EXPECT_EQ(k.PendingSignalCount(cgi), 0);
  EXPECT_EQ(ErrnoOf(k.Kill(cgi, -999, SIGUSR2)), ESRCH);
}

TEST_F(SignalTest, KillZeroFromAVeMeansTheCallersVirtualGroup) {
  // web leads virtual group 2 (a global number far from 2); kill(0, ...)
  // from inside the VE must resolve the caller's group in the VE's view.
  ASSERT_TRUE(k.SetSid(web).ok());
  task_struct* child = *k.Fork(web, "child");
  ASSERT_NE(web->pgrp, web->vpgrp);
  ASSERT_TRUE(k.SetSignalHandler(web, SIGUSR2, true).ok());
  ASSERT_TRUE(k.SetSignalHandler(child, SIGUSR2, true).ok());
  ASSERT_TRUE(k.Kill(child, 0, SIGUSR2).ok());
  EXPECT_EQ(k.PendingSignalCount(web), 1);
  EXPECT_EQ(k.PendingSignalCount(child), 1);
  EXPECT_EQ(k.PendingSignalCount(cgi), 0);
}

TEST_F(SignalTest, BadArguments) {
  EXPECT_EQ(ErrnoOf(k.Kill(cgi, 2, -1)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Kill(cgi, 2, 65)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Kill(nullptr, 2, SIGTERM)), ESRCH);
  EXPECT_TRUE(k.Kill(cgi, 2, 0).ok());  // existence check
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
  ASSERT_EQ(sys_kill(3, SIGUSR1), 0);  // to itself
  siginfo info;
  ASSERT_EQ(dequeue_signal(cgi, &info), SIGUSR1);
  EXPECT_EQ(info.si_pid, 3);
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
