// utsname as 028stab has it: a uts namespace per VE, cloned from the
// creator's at create, utsname() following the task, init_utsname() the
// host's, kernel.virt_osrelease, and sethostname's checks in order.
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
  std::string Node(const ve_struct* ve) { return k.Uname(ve)->nodename; }
  std::string Release(const ve_struct* ve) { return k.Uname(ve)->release; }

  Kernel k;
  task_struct* host = *k.Fork(k.init_task(), "host");
  task_struct* init101 = *k.Fork(k.init_task(), "init101");
  task_struct* init102 = *k.Fork(k.init_task(), "init102");
};

// kernel/utsname.c: copy_utsname(): the new namespace copies the creator's
// names as they are at that moment.
TEST_F(UtsTest, InitVeNamespacesCopiesTheCreatorsNames) {
  ASSERT_TRUE(k.SetHostname(k.ve0(), "hn1.example.org").ok());
  ve_struct* ve = *k.CreateVe(init101, 101);
  ASSERT_TRUE(k.SetHostname(k.ve0(), "hn2.example.org").ok());
  EXPECT_EQ(Node(ve), "hn1.example.org");
  EXPECT_EQ(Release(ve), Release(k.ve0()));
  EXPECT_NE(ve->ve_ns, k.ve0()->ve_ns);
  EXPECT_EQ(init101->nsproxy, ve->ve_ns);
}

// kernel/ve/vecalls.c: init_ve_namespaces(): the release is the global
// kernel.virt_osrelease of the moment; changing it later reaches only VEs
// made later.
TEST_F(UtsTest, VirtOsreleaseIsCopiedAtCreate) {
  ASSERT_TRUE(k.SetVirtOsrelease("2.6.32-042stab").ok());
  ve_struct* ve101 = *k.CreateVe(init101, 101);
  ASSERT_TRUE(k.SetVirtOsrelease("2.6.9-023stab").ok());
  ve_struct* ve102 = *k.CreateVe(init102, 102);
  EXPECT_EQ(Release(ve101), "2.6.32-042stab");
  EXPECT_EQ(Release(ve102), "2.6.9-023stab");
  EXPECT_EQ(Release(k.ve0()), "2.6.18-028stab-vzsim");
  EXPECT_EQ(k.VirtOsrelease(), "2.6.9-023stab");
  EXPECT_TRUE(k.SetVirtOsrelease(std::string(64, 'r')).ok());
  EXPECT_EQ(ErrnoOf(k.SetVirtOsrelease(std::string(65, 'r'))), EINVAL);
  EXPECT_EQ(k.VirtOsrelease(), std::string(64, 'r'));
}

TEST_F(UtsTest, UnameInsideAVeMixesVeAndHostFields) {
  ASSERT_TRUE(k.SetVirtOsrelease("2.6.32-vz").ok());
  ASSERT_TRUE(k.CreateVe(init101, 101).ok());
  auto cpu = k.BindCpu(0, init101);
  ASSERT_TRUE(cpu.ok());
  ASSERT_EQ(sys_sethostname("ct101", 5), 0);
  ASSERT_EQ(sys_setdomainname("vz.local", 8), 0);
  new_utsname u;
  ASSERT_EQ(sys_newuname(&u), 0);
  EXPECT_STREQ(u.nodename, "ct101");
  EXPECT_STREQ(u.domainname, "vz.local");
  EXPECT_STREQ(u.release, "2.6.32-vz");
  // sysname, version and machine are copies of the host's.
  const new_utsname host_view = *k.Uname(k.ve0());
  EXPECT_STREQ(u.sysname, host_view.sysname);
  EXPECT_STREQ(u.version, host_view.version);
  EXPECT_STREQ(u.machine, host_view.machine);
  // ...and the host's own names are untouched.
  EXPECT_STREQ(host_view.nodename, "localhost");
  EXPECT_STREQ(host_view.domainname, "(none)");
  EXPECT_STREQ(init_utsname()->nodename, "localhost");
}

// include/linux/utsname.h: utsname() is current->nsproxy's: running for
// another VE (set_exec_env, an interrupt) changes nothing.
TEST_F(UtsTest, UtsnameFollowsTheTaskNotTheExecEnv) {
  ve_struct* ve = *k.CreateVe(init101, 101);
  ASSERT_TRUE(k.SetHostname(ve, "ct101").ok());
  auto cpu = k.BindCpu(0, host);
  ASSERT_TRUE(cpu.ok());
  EXPECT_STREQ(utsname()->nodename, "localhost");
  ve_struct* old = set_exec_env(ve);
  EXPECT_STREQ(utsname()->nodename, "localhost");
  set_exec_env(old);
  ASSERT_TRUE(cpu->SwitchTo(init101).ok());
  EXPECT_STREQ(utsname()->nodename, "ct101");
  old = set_exec_env(k.ve0());
  EXPECT_STREQ(utsname()->nodename, "ct101");
  EXPECT_STREQ(init_utsname()->nodename, "localhost");
  set_exec_env(old);
}

// kernel/ve/vecalls.c: switch_ve_namespaces(): an entered task, and what it
// forks, see the VE's names.
TEST_F(UtsTest, EnterSwitchesTheNamespace) {
  ve_struct* ve = *k.CreateVe(init101, 101);
  ASSERT_TRUE(k.SetHostname(ve, "ct101").ok());
  ASSERT_TRUE(k.EnterVe(host, 101).ok());
  task_struct* child = *k.Fork(host, "child");
  auto cpu = k.BindCpu(0, child);
  ASSERT_TRUE(cpu.ok());
  EXPECT_STREQ(utsname()->nodename, "ct101");
  EXPECT_EQ(child->nsproxy, ve->ve_ns);
}

TEST_F(UtsTest, SethostnameChangesOnlyTheCallersNamespace) {
  ve_struct* ve101 = *k.CreateVe(init101, 101);
  ve_struct* ve102 = *k.CreateVe(init102, 102);
  auto cpu = k.BindCpu(0, init101);
  ASSERT_TRUE(cpu.ok());
  ASSERT_EQ(sys_sethostname("only-101", 8), 0);
  EXPECT_EQ(Node(ve101), "only-101");
  EXPECT_EQ(Node(ve102), "localhost");
  EXPECT_EQ(Node(k.ve0()), "localhost");
  ASSERT_TRUE(cpu->SwitchTo(host).ok());
  ASSERT_EQ(sys_sethostname("newhost", 7), 0);
  EXPECT_EQ(Node(k.ve0()), "newhost");
  EXPECT_EQ(Node(ve101), "only-101");
}

// kernel/sys.c: sys_sethostname(): CAP_VE_SYS_ADMIN (30) first, then the
// length, then the copy.
TEST_F(UtsTest, SysSethostnameChecksCapabilityThenLength) {
  ASSERT_TRUE(k.CreateVe(init101, 101).ok());
  auto cpu = k.BindCpu(0, init101);
  ASSERT_TRUE(cpu.ok());
  ASSERT_TRUE(k.DropCapability(init101, CAP_VE_SYS_ADMIN).ok());
  EXPECT_EQ(sys_sethostname("x", 1), -EPERM);
  EXPECT_EQ(sys_sethostname("x", 99), -EPERM);  // before the length
  EXPECT_EQ(sys_setdomainname(nullptr, 3), -EPERM);
  // CAP_SYS_ADMIN is not what it asks for.
  EXPECT_TRUE(__capable(init101, CAP_SYS_ADMIN));
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

// kernel/sys.c: sys_gethostname(): min(strlen + 1, len) bytes, no NUL when
// cut short; -EINVAL for a negative length.
TEST_F(UtsTest, SysGethostnameCopiesAtMostLen) {
  auto cpu = k.BindCpu(0, host);
  ASSERT_TRUE(cpu.ok());
  char buf[16];
  std::memset(buf, 'x', sizeof(buf));
  ASSERT_EQ(sys_gethostname(buf, sizeof(buf)), 0);
  EXPECT_STREQ(buf, "localhost");
  std::memset(buf, 'x', sizeof(buf));
  ASSERT_EQ(sys_gethostname(buf, 4), 0);
  EXPECT_EQ(std::string(buf, 5), "locax");
  EXPECT_EQ(sys_gethostname(buf, -1), -EINVAL);
  EXPECT_EQ(sys_gethostname(nullptr, 4), -EFAULT);
  EXPECT_EQ(sys_gethostname(nullptr, 0), 0);
}

TEST_F(UtsTest, WithoutACpu) {
  EXPECT_EQ(sys_sethostname("x", 1), -ESRCH);
  new_utsname u;
  EXPECT_EQ(sys_newuname(&u), -ESRCH);
  char buf[4];
  EXPECT_EQ(sys_gethostname(buf, 4), -ESRCH);
  EXPECT_STREQ(utsname()->sysname, "Linux");  // never null
  EXPECT_STREQ(init_utsname()->sysname, "Linux");
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
