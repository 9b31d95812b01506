#include "kernel/kthread.h"

#include <cerrno>

#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "kernel/printk.h"

namespace vzsim {
namespace {

int Worker(void*) { return 0; }

TEST(KthreadTest, FromVe0TheThreadBelongsToVe0) {
  Kernel k;
  task_struct* sh = *k.Fork(k.init_task(), "sh");
  auto cpu = k.BindCpu(0, sh);
  ASSERT_TRUE(cpu.ok());
  EXPECT_EQ(ve_allow_kthreads, 0);  // banned by default
  const long pid = do_kernel_thread(Worker, nullptr, 0);
  ASSERT_GT(pid, 0);
  task_struct* t = k.FindTaskByPid(static_cast<pid_t>(pid));
  ASSERT_NE(t, nullptr);
  EXPECT_NE(t->flags & PF_KTHREAD, 0u);
  EXPECT_EQ(t->ve_task_info.owner_env, k.ve0());
  EXPECT_EQ(t->real_parent, k.init_task());
  EXPECT_EQ(t->mm, nullptr);
  EXPECT_EQ(do_kernel_thread(nullptr, nullptr, 0), -EINVAL);
}

TEST(KthreadTest, AllowedFromAVeItBelongsToTheVe) {
  Kernel k;
  task_struct* init = *k.Fork(k.init_task(), "init");
  ve_struct* ve = *k.CreateVe(init, 101);
  k.SetVeAllowKthreads(true);
  auto cpu = k.BindCpu(0, init);
  ASSERT_TRUE(cpu.ok());
  EXPECT_EQ(ve_allow_kthreads, 1);
  const long pid = do_kernel_thread(Worker, nullptr, 0);
  ASSERT_GT(pid, 0);
  task_struct* t = k.FindTaskByPid(static_cast<pid_t>(pid));
  EXPECT_EQ(t->ve_task_info.owner_env, ve);
  EXPECT_EQ(t->real_parent, init);
}

TEST(KthreadTest, NoCpu) {
  EXPECT_EQ(do_kernel_thread(Worker, nullptr, 0), -ESRCH);
  EXPECT_EQ(ve_allow_kthreads, 0);
}

TEST(SymbolsTest, LoadModuleNamesTheFirstMissingSymbol) {
  Kernel k;
  k.ExportSymbol("printk");
  k.ExportSymbol("cpu_khz");
  EXPECT_TRUE(k.HasSymbol("printk"));
  EXPECT_FALSE(k.HasSymbol("show_mem"));
  absl::Status s = k.LoadModule("vzmon", {"printk", "show_mem", "cpu_khz"});
  EXPECT_EQ(ErrnoOf(s), ENOENT);
  EXPECT_NE(s.message().find("vzmon: Unknown symbol show_mem"),
            absl::string_view::npos);
  EXPECT_EQ(k.HostLog(), "vzmon: Unknown symbol show_mem\n");
  k.ExportSymbol("show_mem");
  EXPECT_TRUE(k.LoadModule("vzmon", {"printk", "show_mem", "cpu_khz"}).ok());
}

TEST(PrintkTest, KernelFace) {
  EXPECT_EQ(printk("nobody hears this\n"), -ESRCH);
  Kernel k;
  task_struct* init = *k.Fork(k.init_task(), "init");
  ve_struct* ve = *k.CreateVe(init, 101);
  auto cpu = k.BindCpu(0, init);
  ASSERT_TRUE(cpu.ok());
  EXPECT_EQ(printk("pid %d\n", 7), 6);
  EXPECT_GT(ve_printk(VE_LOG, "inside %s\n", "ve"), 0);
  EXPECT_EQ(ve_printk(9, "x"), -EINVAL);
  EXPECT_EQ(k.HostLog(), "<6>CT: 101: started\npid 7\n");
  EXPECT_EQ(k.VeLog(ve), "inside ve\n");
  int allowed = 0;
  for (int i = 0; i < 30; ++i) allowed += printk_ratelimit();
  EXPECT_EQ(allowed, 10);
  dump_stack();
  EXPECT_NE(k.HostLog().find("Call Trace:"), std::string::npos);
}

}  // namespace
}  // namespace vzsim
