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
// rows (fixed widths, uid on the first row only, newest first, 0 last),
// not produced by this renderer.
class ProcFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    k.GetBeancounter(5);  // made by a setluid, say; holds nothing
    vzctl = *k.Fork(k.init_task(), "vzctl");
    ve = *k.CreateVe(vzctl, 101);
    ASSERT_TRUE(
        k.SetUbLimit(k.init_task(), 101, UB_PRIVVMPAGES, 256, 300).ok());
    const unsigned long at =
        *k.Mmap(vzctl, 0, 10 * PAGE_SIZE, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS);
    ASSERT_FALSE(k.Mmap(vzctl, 0, 300 * PAGE_SIZE, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS)
                     .ok());
    ASSERT_TRUE(k.Munmap(vzctl, at, 10 * PAGE_SIZE).ok());
  }
  Kernel k;
  task_struct* vzctl;
  ve_struct* ve;
};

TEST_F(ProcFilesTest, UserBeancountersFromTheHostIsByteExact) {
  EXPECT_EQ(RenderUserBeancounters(k, k.ve0()),
            ReadGolden("user_beancounters.host.golden"));
}

TEST_F(ProcFilesTest, UserBeancountersFromAVeShowsOnlyItsOwn) {
  EXPECT_EQ(RenderUserBeancounters(k, ve),
            ReadGolden("user_beancounters.ve101.golden"));
}

TEST_F(ProcFilesTest, EveryRowHasTheSameWidthsAsTheHeader) {
  std::istringstream lines(RenderUserBeancounters(k, k.ve0()));
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
  EXPECT_EQ(*ReadProcFile(k, ve, "/proc/vz/veinfo"), RenderVeinfo(k, ve));
  EXPECT_EQ(*ReadProcFile(k, k.ve0(), "/proc/user_beancounters"),
            RenderUserBeancounters(k, k.ve0()));
  EXPECT_EQ(ErrnoOf(ReadProcFile(k, ve, "/proc/nope").status()), ENOENT);
  EXPECT_EQ(ErrnoOf(ReadProcFile(k, nullptr, "/proc/vz/veinfo").status()),
            EINVAL);
  EXPECT_EQ(RenderVeinfo(k, nullptr), "");
}

}  // namespace
}  // namespace vzsim
