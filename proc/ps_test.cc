#include "proc/ps.h"

#include "gtest/gtest.h"

namespace vzsim {
namespace {

// Inside the VE its init is 1 and the rest their global pid + 1024
// (kernel/pid.c: alloc_vpid()); PPID is get_task_ppid()'s.
TEST(PsTest, HostSeesEverythingWithBothNumbers) {
  Kernel k;
  task_struct* init = *k.Fork(k.init_task(), "init");
  ve_struct* ve = *k.CreateVe(init, 101);
  task_struct* web = *k.Fork(init, "httpd");
  ASSERT_TRUE(k.Fork(web, "worker", CLONE_THREAD).ok());
  task_struct* sh = *k.Fork(k.init_task(), "sshd");
  ASSERT_TRUE(k.Exit(*k.Fork(sh, "zomb"), 0).ok());

  EXPECT_EQ(RenderPs(k, k.ve0()),
            "    PID    VPID    PPID   VEID  COMMAND\n"
            "      1       1       0      0  init\n"
            "      2       1       1    101  init\n"
            "      3    1027       2    101  httpd\n"
            "      5       5       1      0  sshd\n"
            "      6       6       5      0  zomb <defunct>\n");
  PsOptions threads;
  threads.with_threads = true;
  EXPECT_EQ(RenderPs(k, ve, threads),
            "    PID    PPID  COMMAND\n"
            "      1       0  init\n"
            "   1027       1  httpd\n"
            "   1028       1    \\_ worker\n");
  EXPECT_EQ(RenderPs(k, nullptr), "");
}

}  // namespace
}  // namespace vzsim
