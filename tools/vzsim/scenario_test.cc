#include "tools/vzsim/scenario.h"

#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"

namespace vzsim {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every example under examples/ runs clean and prints exactly its .out file.
// After an intended change, regenerate one with
//   bazel run //tools/vzsim -- run $PWD/examples/X.vzs > examples/X.out
class ExampleTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ExampleTest, OutputMatchesItsGoldenFile) {
  const std::string base = "examples/" + GetParam();
  const std::string text = ReadFile(base + ".vzs");
  ASSERT_FALSE(text.empty()) << base;
  std::ostringstream out;
  absl::Status s = RunScenario(text, base + ".vzs", out);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(out.str(), ReadFile(base + ".out"));
}

INSTANTIATE_TEST_SUITE_P(Examples, ExampleTest,
                         ::testing::Values("two_containers", "kill_and_stop",
                                           "privvmpages_limit",
                                           "irq_and_kthread",
                                           "beancounter_lifecycle"));

absl::Status RunText(const std::string& text) {
  std::ostringstream out;
  return RunScenario(text, "t.vzs", out);
}

TEST(ScenarioErrorTest, EachBadLineNamesFileLineAndProblem) {
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"frob x", "t.vzs:1: unknown command 'frob'"},
      {"fork a\nfork b from nobody", "t.vzs:2: no task named 'nobody'"},
      {"fork", "t.vzs:1: 'fork' takes NAME [from PARENT] [thread]"},
      {"fork a\nfork a", "t.vzs:2: a task is already named 'a'"},
      {"fork a bogus", "t.vzs:1: unexpected 'bogus'"},
      {"clock soon", "t.vzs:1: 'soon' is not a number"},
      {"clock -5", "t.vzs:1: '-5' is not a number"},
      {"print ps 77", "t.vzs:1: no VE 77"},
      {"print ps 99999999999", "t.vzs:1: '99999999999' is not a number"},
      {"print nothing", "t.vzs:1: cannot print 'nothing'"},
      {"ve create 101", "t.vzs:1: usage: ve create"},
      {"ve create 101 with init", "t.vzs:1: usage: ve create"},
      {"ve explode 101", "t.vzs:1: unknown 've' command 'explode'"},
      {"ublimit 0 bogus 1 2", "t.vzs:1: no resource named 'bogus'"},
      {"ublimit 0 dummy 1 2", "t.vzs:1: no resource named 'dummy'"},
      {"ublimit 0 numproc x 2", "t.vzs:1: 'x' is not a number"},
      {"kill init 1 SIGBOGUS", "t.vzs:1: 'SIGBOGUS' is not a number"},
      {"expect pid init 1", "t.vzs:1: usage: expect"},
      {"expect color init = red", "t.vzs:1: cannot expect 'color init'"},
      {"expect held 5 numproc = 1", "t.vzs:1: no beancounter 5"},
      {"mmap init 0", "t.vzs:1: '0' is not a number"},
      {"fork a\nexit a\nexit a", "t.vzs:3: task 'a' has been reaped"},
  };
  for (const Case& c : cases) {
    absl::Status s = RunText(c.text);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.text;
    EXPECT_NE(s.message().find(c.message), absl::string_view::npos)
        << c.text << " -> " << s.message();
  }
}

TEST(ScenarioErrorTest, FailedExpectationSaysWhatAndWhere) {
  absl::Status s = RunText("fork a\n\n# a comment\nexpect pid a = 7\n");
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(), "t.vzs:4: expected 7, got 2");
}

TEST(ScenarioErrorTest, KernelErrorsAreReportedNotFatal) {
  std::ostringstream out;
  absl::Status s = RunScenario(
      "fork a\nve create 0 by a\nexpect error = EACCES\nexpect pid a = 2\n",
      "t.vzs", out);
  EXPECT_TRUE(s.ok()) << s;
  EXPECT_NE(out.str().find("error: -EACCES"), std::string::npos) << out.str();
}

TEST(ScenarioErrorTest, HostileInputNeverCrashes) {
  const char* inputs[] = {
      "",
      "\n\n\n",
      "#",
      "   # only a comment",
      "fork xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
      "kill init -2147483648 0",
      "ve create 4294967296 by init",
      "mmap init 1073741825",
      "wait init",
      "exit init",
      "ve enter 0 init",
      "ublimit 0 numproc 5 1",
      "ublimit 0 numproc 1 unlimited",
      "expect error = none",
      "\t\tfork\ta",
      "fork a from a",
  };
  for (const char* in : inputs) {
    std::ostringstream out;
    (void)RunScenario(in, "t.vzs", out);  // any Status, but no crash
  }
}

}  // namespace
}  // namespace vzsim
