#include "proc/beancounters.h"

#include <cerrno>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "kernel/mmap.h"

namespace vzsim {
namespace {

std::string ReadGolden(const std::string& name) {
  std::ifstream in("proc/testdata/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The golden files were written from the kernel's format strings
// (kernel/ub/ub_proc.c: ub_show_header(), ub_show_res()) and its order of the
// rows (fixed widths, uid on the first row only, newest first, 0 last), with
// the numbers worked out by hand below, not produced by this renderer.
//
// The world: host init forks "admin", which calls setluid(5), and "vzctl",
// which calls setluid(101), limits privvmpages to 256:300 and forks VE 101's
// init. That init maps 10 pages, is refused 300 more, and unmaps the 10.
//   101: kmemsize: init's task, forked by vzctl (whose own beancounter is
//        ub0, so not through a reserve): pid 128 + task_struct 2048 +
//        stack 8192 + signal, sighand, files and fs 3712, and its 16
//        precharged files' 16 * 256; then init's own mm_struct takes a
//        quantum (16384) into its reserve, which pays for the rest: 34560.
//        privvmpages: the stack page is left, 11 at most, 1 refusal.
//        numproc 1; numfile 16 (the precharge). Everything else at the
//        syslimits of a 1 GiB machine (numproc 8192, kmemsize 32 MiB).
//   5:   nothing held, the syslimits.
//   0:   kmemsize: three quanta (the boot task's reserve for init, init's
//        for admin and for vzctl) and three file batches of 4096: 61440;
//        numproc 5 (two idle tasks, init, admin, vzctl); numfile 48.
class UserBeancountersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    admin = *k.Fork(k.init_task(), "admin");
    ASSERT_TRUE(k.SetLuid(admin, 5).ok());
    vzctl = *k.Fork(k.init_task(), "vzctl");
    ASSERT_TRUE(k.SetLuid(vzctl, 101).ok());
    ASSERT_TRUE(k.SetUbLimit(vzctl, 101, UB_PRIVVMPAGES, 256, 300).ok());
    init = *k.Fork(vzctl, "init");
    ASSERT_TRUE(k.SetSid(init).ok());
    ASSERT_TRUE(k.CreateVe(init, 101).ok());
    const unsigned long at =
        *k.Mmap(init, 0, 10 * PAGE_SIZE, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS);
    ASSERT_FALSE(k.Mmap(init, 0, 300 * PAGE_SIZE, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS)
                     .ok());
    ASSERT_TRUE(k.Munmap(init, at, 10 * PAGE_SIZE).ok());
  }
  Kernel k;
  task_struct* admin;
  task_struct* vzctl;
  task_struct* init;
};

TEST_F(UserBeancountersTest, FromTheHostIsByteExact) {
  EXPECT_EQ(RenderUserBeancounters(k, k.init_task()),
            ReadGolden("user_beancounters.host.golden"));
}

// kernel/ub/ub_proc.c: ub_accessible(): the reader's exec beancounter, not
// its VE, decides.
TEST_F(UserBeancountersTest, AReaderInBeancounter101SeesOnlyIt) {
  EXPECT_EQ(RenderUserBeancounters(k, init),
            ReadGolden("user_beancounters.ve101.golden"));
  // A host task after setluid(101) sees the same.
  EXPECT_EQ(RenderUserBeancounters(k, vzctl),
            ReadGolden("user_beancounters.ve101.golden"));
  // A VE task charged to ub0 (a VE made without setluid) sees all.
  task_struct* other = *k.Fork(k.init_task(), "other");
  ASSERT_TRUE(k.SetSid(other).ok());
  ASSERT_TRUE(k.CreateVe(other, 7).ok());
  EXPECT_EQ(RenderUserBeancounters(k, other),
            RenderUserBeancounters(k, k.init_task()));
}

TEST_F(UserBeancountersTest, EveryRowHasTheSameWidthsAsTheHeader) {
  std::istringstream lines(RenderUserBeancounters(k, k.init_task()));
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "Version: 2.5");
  int rows = 0;
  while (std::getline(lines, line)) {
    EXPECT_EQ(line.size(), 10u + 2 + 12 + 5 * 21) << line;
    ++rows;
  }
  EXPECT_EQ(rows, 1 + 3 * 24);
}

// ub_open(): both DAC capabilities, or -EACCES.
TEST_F(UserBeancountersTest, OpeningNeedsBothDacCapabilities) {
  EXPECT_TRUE(ReadProcFile(k, admin, "/proc/user_beancounters").ok());
  ASSERT_TRUE(k.DropCapability(admin, CAP_DAC_READ_SEARCH).ok());
  EXPECT_EQ(ErrnoOf(ReadProcFile(k, admin, "/proc/user_beancounters").status()),
            EACCES);
  ASSERT_TRUE(k.DropCapability(vzctl, CAP_DAC_OVERRIDE).ok());
  EXPECT_EQ(ErrnoOf(ReadProcFile(k, vzctl, "/proc/user_beancounters").status()),
            EACCES);
}

TEST_F(UserBeancountersTest, AReleasedBeancounterIsNoLongerListed) {
  ASSERT_TRUE(k.SetLuid(admin, 0).ok());  // nobody holds 5 any more
  const std::string text = RenderUserBeancounters(k, k.init_task());
  EXPECT_EQ(text.find("        5:"), std::string::npos);
  EXPECT_NE(text.find("      101:"), std::string::npos);
}

// The veinfo world: a VE made by a host task directly.
class ProcFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    vzctl = *k.Fork(k.init_task(), "vzctl");
    ve = *k.CreateVe(vzctl, 101);
  }
  Kernel k;
  task_struct* vzctl;
  ve_struct* ve;
};

TEST_F(ProcFilesTest, VeinfoNewestFirstHostLast) {
  ASSERT_TRUE(k.Fork(vzctl, "sh").ok());
  EXPECT_EQ(RenderVeinfo(k, k.ve0()), ReadGolden("veinfo.host.golden"));
  EXPECT_EQ(RenderVeinfo(k, ve), ReadGolden("veinfo.ve101.golden"));
}

TEST_F(ProcFilesTest, VeinfoCountsThreadsAndClassId) {
  ASSERT_TRUE(k.Fork(vzctl, "t", CLONE_THREAD).ok());
  task_struct* other = *k.Fork(k.init_task(), "other");
  VeCreateOptions options;
  options.class_id = 3;
  ASSERT_TRUE(k.CreateVe(other, 7, options).ok());
  EXPECT_EQ(RenderVeinfo(k, k.ve0()),
            "         7     3     1\n"
            "       101     0     2\n"
            "         0     0     3\n");  // ve0: itself, init, CPU 1's idle
}

TEST_F(ProcFilesTest, ReadProcFileDispatchesAndRejects) {
  EXPECT_EQ(*ReadProcFile(k, vzctl, "/proc/vz/veinfo"), RenderVeinfo(k, ve));
  EXPECT_EQ(*ReadProcFile(k, k.init_task(), "/proc/user_beancounters"),
            RenderUserBeancounters(k, k.init_task()));
  EXPECT_EQ(ErrnoOf(ReadProcFile(k, vzctl, "/proc/nope").status()), ENOENT);
  EXPECT_EQ(ErrnoOf(ReadProcFile(k, nullptr, "/proc/vz/veinfo").status()),
            ESRCH);
  EXPECT_EQ(RenderVeinfo(k, nullptr), "");
  EXPECT_EQ(RenderUserBeancounters(k, nullptr).find("kmemsize"),
            std::string::npos);
}

}  // namespace
}  // namespace vzsim
