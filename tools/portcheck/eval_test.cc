// The evaluation on the test trees: tools/portcheck/testdata/vanilla_arch,
// its port ported_arch, and demo_port.diff between them (as `git diff`
// writes it, paths under arch/demo/).
#include "tools/portcheck/eval.h"

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "gtest/gtest.h"

namespace vzsim::portcheck {
namespace {

constexpr char kData[] = "tools/portcheck/testdata";

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Diff() { return Read(std::string(kData) + "/demo_port.diff"); }

TEST(EvalTest, SitesComeFromWhatTheDiffRemovesAndAdds) {
  auto e = Evaluate(std::string(kData) + "/vanilla_arch",
                    std::string(kData) + "/ported_arch", Diff());
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->trees.prefix, "arch/demo/");
  std::multiset<std::string> sites;
  for (const Site& s : e->sites) {
    sites.insert(s.rule + " " + s.file + ":" + std::to_string(s.old_first) +
                 " " + s.function);
  }
  EXPECT_EQ(
      sites,
      (std::multiset<std::string>{
          "R7 kernel/process.c:5 kernel_thread",
          "R8 kernel/process.c:12 show_regs", "R4 kernel/process.c:20 dump_all",
          "R4 kernel/process.c:22 dump_all", "R3 kernel/ptrace.c:7 arch_ptrace",
          "R5 kernel/sys_demo.c:4 sparc_getpid",
          "R5 kernel/sys_demo.c:13 notify",
          "R9 kernel/sys_demo.c:19 sunos_uname",
          "R2 mm/fault.c:4 do_page_fault", "R10 mm/init.c:5 show_mem",
          "R10 mm/init.c:7 cpu_khz", "R1 mm/init.c:14 setup_rbs"}))
      << RenderEvaluation(*e);
  EXPECT_TRUE(e->MeetsTargets()) << RenderEvaluation(*e);
  for (const auto& [rule, s] : e->rules) {
    EXPECT_EQ(s.found, s.sites) << rule;
    EXPECT_EQ(s.false_alarms, 0) << rule;
  }
  // What the port left: the dump's host-only utsname, a note.
  EXPECT_EQ(e->rules.at("R9").left_alone_notes, 1);
  EXPECT_EQ(e->ported.findings.size(), 1u);
  const std::string text = RenderEvaluation(*e);
  EXPECT_NE(text.find("targets met"), std::string::npos);
  EXPECT_NE(text.find("R3  kernel/ptrace.c:7-9 arch_ptrace  "
                      "[-find_task_by_pid +find_task_by_pid_*]\n"
                      "      vanilla: R3 error at 7   ported: no error"),
            std::string::npos)
      << text;
}

TEST(EvalTest, AScannerThatMissesTheSitesFailsTheTargets) {
  // The ported tree as its own "vanilla": the port's sites are not there to
  // find, so recall drops to nothing and the targets are missed.
  auto e = Evaluate(std::string(kData) + "/ported_arch",
                    std::string(kData) + "/ported_arch", Diff());
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_FALSE(e->MeetsTargets());
  EXPECT_EQ(e->rules.at("R3").found, 0);
  EXPECT_NE(RenderEvaluation(*e).find("TARGETS MISSED"), std::string::npos);
  // And the vanilla tree as the "port": every site is still an error.
  auto v = Evaluate(std::string(kData) + "/vanilla_arch",
                    std::string(kData) + "/vanilla_arch", Diff());
  ASSERT_TRUE(v.ok());
  EXPECT_GT(v->rules.at("R3").false_alarms, 0);
  EXPECT_FALSE(v->MeetsTargets());
}

TEST(EvalTest, BadInput) {
  EXPECT_EQ(Evaluate(std::string(kData) + "/vanilla_arch",
                     std::string(kData) + "/ported_arch", "not a diff")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Evaluate(std::string(kData) + "/vanilla_arch",
                     std::string(kData) + "/ported_arch",
                     "--- a/elsewhere/x.c\n+++ b/elsewhere/x.c\n"
                     "@@ -1 +1 @@\n-a\n+b\n")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Evaluate(std::string(kData) + "/no_such_tree",
                     std::string(kData) + "/ported_arch", Diff())
                .status()
                .code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace vzsim::portcheck
