#include "tools/vzsim/demo.h"

#include <fstream>
#include <sstream>

#include "gtest/gtest.h"

namespace vzsim {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The demo is deterministic: its whole output is the golden file, byte for
// byte. After an intended change, regenerate it with
//   bazel run //tools/vzsim -- demo > tools/vzsim/testdata/demo.golden
TEST(DemoTest, OutputMatchesTheGoldenFile) {
  std::ostringstream out;
  ASSERT_TRUE(RunDemo(out).ok());
  const std::string golden = ReadFile("tools/vzsim/testdata/demo.golden");
  ASSERT_FALSE(golden.empty());
  EXPECT_EQ(out.str(), golden);
}

TEST(DemoTest, ShowsIsolationFromBothSides) {
  std::ostringstream out;
  ASSERT_TRUE(RunDemo(out).ok());
  const std::string text = out.str();
  EXPECT_NE(text.find("find_task_by_pid_ve(11) -> NULL"), std::string::npos);
  EXPECT_NE(text.find("from the host, find_task_by_pid_ve(11) -> smtpd"),
            std::string::npos);
  EXPECT_NE(text.find("VE 101 : Linux ct101.example.org 2.6.32-042stab"),
            std::string::npos);
}

TEST(DemoTest, ShowsFailcntRisingAtThePrivvmpagesBarrier) {
  std::ostringstream out;
  ASSERT_TRUE(RunDemo(out).ok());
  const std::string text = out.str();
  EXPECT_NE(text.find("mmap #3: refused: -ENOMEM (over barrier)  privvmpages "
                      "held 201, failcnt 1"),
            std::string::npos);
  EXPECT_NE(text.find("failcnt 2"), std::string::npos);
}

TEST(DemoTest, ShowsTheRulesAtWork) {
  std::ostringstream out;
  ASSERT_TRUE(RunDemo(out).ok());
  const std::string text = out.str();
  EXPECT_NE(
      text.find("x86_64   interrupt: ub0 +512 bytes, VE 101 +0 bytes; log "
                "line in the host's log"),
      std::string::npos);
  EXPECT_NE(
      text.find("unported interrupt: ub0 +0 bytes, VE 101 +512 bytes; log "
                "line in VE 101's log"),
      std::string::npos);
  EXPECT_NE(text.find("from VE 101's mysqld: -EPERM"), std::string::npos);
  EXPECT_NE(text.find("x86_64   0 lines in the host log, 4600 bytes in VE "
                      "101's own"),
            std::string::npos);
  EXPECT_NE(text.find("unported 50 lines in the host log, 0 bytes in VE "
                      "101's own"),
            std::string::npos);
  EXPECT_NE(text.find("/proc/vz/veinfo"), std::string::npos);
  // VE 102's beancounter left with its last task.
  EXPECT_NE(text.find("/proc/user_beancounters (released)"), std::string::npos);
  EXPECT_NE(text.find("            privvmpages                   201          "
                      "        201                  256                  300  "
                      "                  2\n"),
            std::string::npos);
}

}  // namespace
}  // namespace vzsim
