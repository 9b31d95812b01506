// do_fork() as kernel_thread() reaches it, the ve_allow_kthreads sysctl,
// and the module loader's symbol check.
#include "kernel/kthread.h"

#include <cerrno>

#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "kernel/printk.h"

namespace vzsim {
namespace {

TEST(KthreadTest, TheSysctlDefaultsToOne) {
  EXPECT_EQ(ve_allow_kthreads, 1);
  EXPECT_TRUE(Kernel::VeAllowKthreads());
}

TEST(KthreadTest, DoForkMakesAChildOfTheCallerSharingItsMm) {
  Kernel k;
  task_struct* sh = *k.Fork(k.init_task(), "sh");
  mm_struct* mm = *k.GetMm(sh);
  auto cpu = k.BindCpu(0, sh);
  ASSERT_TRUE(cpu.ok());
  const long pid =
      do_fork(CLONE_VM | CLONE_UNTRACED, 0, nullptr, 0, nullptr, nullptr);
  ASSERT_GT(pid, 0);
  task_struct* t = k.FindTaskByPid(static_cast<pid_t>(pid));
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->real_parent, sh);
  EXPECT_EQ(t->mm, mm);
  EXPECT_STREQ(t->comm, "sh");
  EXPECT_EQ(t->ve_task_info.owner_env, k.ve0());
}

TEST(KthreadTest, FromAVeTheChildIsTheVesAndThePidVirtual) {
  Kernel k;
  task_struct* init = *k.Fork(k.init_task(), "init");
  ve_struct* ve = *k.CreateVe(init, 101);
  auto cpu = k.BindCpu(0, init);
  ASSERT_TRUE(cpu.ok());
  const long pid = do_fork(CLONE_VM, 0, nullptr, 0, nullptr, nullptr);
  ASSERT_GT(pid, 0);
  absl::ReaderMutexLock lock(&k.tasklist_lock());
  task_struct* t = k.FindTaskByPidVeLocked(static_cast<pid_t>(pid), ve);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(virt_pid(t), pid);
  EXPECT_NE(t->pid, pid);
  EXPECT_EQ(t->ve_task_info.owner_env, ve);
  EXPECT_EQ(t->real_parent, init);
}

TEST(KthreadTest, NoCpu) {
  EXPECT_EQ(do_fork(CLONE_VM, 0, nullptr, 0, nullptr, nullptr), -ESRCH);
}

TEST(SymbolsTest, LoadModuleReportsEveryMissingSymbol) {
  Kernel k;
  k.ExportSymbol("printk");
  EXPECT_TRUE(k.HasSymbol("printk"));
  EXPECT_FALSE(k.HasSymbol("show_mem"));
  absl::Status s = k.LoadModule("vzwdog", {"printk", "show_mem", "ve0"});
  EXPECT_EQ(ErrnoOf(s), ENOENT);
  EXPECT_NE(s.message().find("vzwdog: Unknown symbol show_mem"),
            absl::string_view::npos);
  EXPECT_EQ(k.HostLog(),
            "<4>vzwdog: Unknown symbol show_mem\n"
            "<4>vzwdog: Unknown symbol ve0\n");
  k.ExportSymbol("show_mem");
  k.ExportSymbol("ve0");
  EXPECT_TRUE(k.LoadModule("vzwdog", {"printk", "show_mem", "ve0"}).ok());
}

}  // namespace
}  // namespace vzsim
