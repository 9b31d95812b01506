#include "uts/uts.h"

#include <cerrno>
#include <cstring>
#include <string>

#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "ve/ve.h"

namespace vzsim {
namespace {

class UtsTest : public ::testing::Test {
 protected:
  Kernel k;
  task_struct* host = *k.Fork(k.init_task(), "host");
  task_struct* init101 = *k.Fork(k.init_task(), "init101");
  task_struct* init102 = *k.Fork(k.init_task(), "init102");
};

TEST_F(UtsTest, VeGetsACopyOfTheHostsCurrentValues) {
  ASSERT_TRUE(k.SetHostname(k.ve0(), "hn1.example.org").ok());
  ve_struct* ve = *k.CreateVe(init101, 101);
  // Changing the host later does not reach the copy.
  ASSERT_TRUE(k.SetHostname(k.ve0(), "hn2.example.org").ok());
  EXPECT_STREQ(vzsim::RecordOf(ve)->utsname.nodename, "hn1.example.org");
  EXPECT_STREQ(vzsim::RecordOf(ve)->utsname.release,
               k.UtsnameOf(k.ve0())->release);
}

TEST_F(UtsTest, VirtualOsRelease) {
  VeCreateOptions options;
  options.release = "2.6.32-042stab";
  ve_struct* ve = *k.CreateVe(init101, 101, options);
  EXPECT_STREQ(vzsim::RecordOf(ve)->utsname.release, "2.6.32-042stab");
  EXPECT_STRNE(k.UtsnameOf(k.ve0())->release, "2.6.32-042stab");
  options.release = std::string(64, 'r');  // exactly 64 is fine
  EXPECT_TRUE(k.CreateVe(init102, 102, options).ok());
}

TEST_F(UtsTest, UnameInsideAVeMixesVeAndHostFields) {
  VeCreateOptions options;
  options.release = "2.6.32-vz";
  ASSERT_TRUE(k.CreateVe(init101, 101, options).ok());
  auto cpu = k.BindCpu(0, init101);
  ASSERT_TRUE(cpu.ok());
  ASSERT_EQ(sys_sethostname("ct101", 5), 0);
  ASSERT_EQ(sys_setdomainname("vz.local", 8), 0);
  new_utsname u;
  ASSERT_EQ(sys_newuname(&u), 0);
  EXPECT_STREQ(u.nodename, "ct101");
  EXPECT_STREQ(u.domainname, "vz.local");
  EXPECT_STREQ(u.release, "2.6.32-vz");
  // sysname, version and machine are the host's.
  const new_utsname host_view = *k.Uname(k.ve0());
  EXPECT_STREQ(u.sysname, host_view.sysname);
  EXPECT_STREQ(u.version, host_view.version);
  EXPECT_STREQ(u.machine, host_view.machine);
  // ...and the host's own names are untouched.
  EXPECT_STREQ(host_view.nodename, "localhost");
  EXPECT_STREQ(host_view.domainname, "(none)");
  EXPECT_STREQ(system_utsname.nodename, "localhost");
}

TEST_F(UtsTest, UtsnameFollowsTheExecEnv) {
  ve_struct* ve = *k.CreateVe(init101, 101);
  ASSERT_TRUE(k.SetHostname(ve, "ct101").ok());
  auto cpu = k.BindCpu(0, host);
  ASSERT_TRUE(cpu.ok());
  EXPECT_STREQ(utsname()->nodename, "localhost");
  ve_struct* old = set_exec_env(ve);
  EXPECT_STREQ(utsname()->nodename, "ct101");
  EXPECT_STREQ(system_utsname.nodename, "localhost");  // host-only output
  set_exec_env(old);
  EXPECT_STREQ(utsname()->nodename, "localhost");
}

TEST_F(UtsTest, SethostnameChangesOnlyTheCallersCopy) {
  ve_struct* ve101 = *k.CreateVe(init101, 101);
  ve_struct* ve102 = *k.CreateVe(init102, 102);
  auto cpu = k.BindCpu(0, init101);
  ASSERT_TRUE(cpu.ok());
  ASSERT_EQ(sys_sethostname("only-101", 8), 0);
  EXPECT_STREQ(vzsim::RecordOf(ve101)->utsname.nodename, "only-101");
  EXPECT_STREQ(vzsim::RecordOf(ve102)->utsname.nodename, "localhost");
  EXPECT_STREQ(k.UtsnameOf(k.ve0())->nodename, "localhost");
  ASSERT_TRUE(cpu->SwitchTo(host).ok());
  ASSERT_EQ(sys_sethostname("newhost", 7), 0);
  EXPECT_STREQ(k.UtsnameOf(k.ve0())->nodename, "newhost");
  EXPECT_STREQ(vzsim::RecordOf(ve101)->utsname.nodename, "only-101");
}

TEST_F(UtsTest, LengthLimitIs64Bytes) {
  ASSERT_TRUE(k.CreateVe(init101, 101).ok());
  auto cpu = k.BindCpu(0, init101);
  ASSERT_TRUE(cpu.ok());
  const std::string ok64(64, 'h');
  const std::string bad65(65, 'h');
  ASSERT_EQ(sys_sethostname(ok64.data(), 64), 0);
  EXPECT_EQ(std::string(utsname()->nodename), ok64);
  EXPECT_EQ(sys_sethostname(bad65.data(), 65), -EINVAL);
  EXPECT_EQ(std::string(utsname()->nodename), ok64);  // unchanged
  EXPECT_EQ(sys_setdomainname(bad65.data(), 65), -EINVAL);
  EXPECT_EQ(sys_sethostname("x", -1), -EINVAL);
  EXPECT_EQ(sys_sethostname(nullptr, 3), -EFAULT);
  EXPECT_EQ(sys_sethostname(nullptr, 0), 0);  // empty name
  EXPECT_STREQ(utsname()->nodename, "");
  EXPECT_EQ(sys_newuname(nullptr), -EFAULT);
  EXPECT_EQ(ErrnoOf(k.SetHostname(k.ve0(), bad65)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetDomainname(k.ve0(), bad65)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetHostname(nullptr, "x")), EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetDomainname(nullptr, "x")), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Uname(nullptr).status()), EINVAL);
}

TEST_F(UtsTest, WithoutACpu) {
  EXPECT_EQ(sys_sethostname("x", 1), -ESRCH);
  new_utsname u;
  EXPECT_EQ(sys_newuname(&u), -ESRCH);
  EXPECT_STREQ(utsname()->sysname, "Linux");  // never null
}

TEST(UtsFieldTest, SetUtsFieldPadsAndRejectsLongValues) {
  new_utsname u;
  std::memset(&u, 'x', sizeof(u));
  EXPECT_EQ(SetUtsField(u.nodename, "abc"), 0);
  EXPECT_STREQ(u.nodename, "abc");
  EXPECT_EQ(u.nodename[64], '\0');
  EXPECT_EQ(SetUtsField(u.nodename, std::string(65, 'y')), -EINVAL);
  EXPECT_STREQ(u.nodename, "abc");
}

}  // namespace
}  // namespace vzsim
