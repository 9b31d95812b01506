// Scanning trees: architectures found and reported one by one, and the
// checks that need a whole architecture (R7 through helpers, R10).
#include <map>
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "tools/portcheck/portcheck.h"

namespace vzsim::portcheck {
namespace {

constexpr char kTree[] = "tools/portcheck/testdata/kernel_tree";

// arch -> "rule severity file-tail:line function"
std::map<std::string, std::set<std::string>> ByArch(const Report& r) {
  std::map<std::string, std::set<std::string>> out;
  for (const Finding& f : r.findings) {
    const std::string tail = f.file.substr(f.file.find("arch/"));
    out[f.arch].insert(f.rule +
                       (f.severity == Severity::kNote ? " note " : " ") + tail +
                       ":" + std::to_string(f.line) + " " + f.function);
  }
  return out;
}

TEST(ScanTreeTest, AKernelTreeIsScannedArchitectureByArchitecture) {
  auto r = ScanPaths({kTree});
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->arches.size(), 3u);
  EXPECT_EQ(r->arches[0].name, "hand");
  EXPECT_EQ(r->arches[1].name, "old");
  EXPECT_EQ(r->arches[2].name, "wrap");
  for (const ArchScan& a : r->arches) EXPECT_TRUE(a.whole) << a.name;
  EXPECT_EQ(r->files_scanned, 10);
  const auto found = ByArch(*r);
  // hand: kernel_thread in assembly calls do_fork_kthread(), which checks.
  EXPECT_EQ(found.at("hand"),
            (std::set<std::string>{"R10 note arch/hand:0 cpu_khz"}));
  // old: the a.out-style routine traps into clone with no check.
  EXPECT_EQ(found.at("old"), (std::set<std::string>{
                                 "R7 arch/old/kernel/entry.S:6 _kernel_thread",
                                 "R10 note arch/old:0 cpu_khz"}));
  // wrap: C kernel_thread -> assembly __kernel_thread -> do_fork, no check
  // anywhere; show_mem is not exported, cpu_khz is (from another file).
  EXPECT_EQ(
      found.at("wrap"),
      (std::set<std::string>{"R7 arch/wrap/kernel/process.c:7 kernel_thread",
                             "R10 arch/wrap/mm/init.c:5 show_mem"}));
  // R10's "defines no" note names the architecture.
  for (const Finding& f : r->findings) {
    if (f.rule == "R10" && f.line == 0) {
      EXPECT_EQ(f.what.find(f.arch + " defines no cpu_khz"), 0u) << f.what;
    }
  }
}

TEST(ScanTreeTest, TheArchDirectoryAndOneArchitectureGiveTheSame) {
  auto tree = ScanPaths({kTree});
  auto arch_dir = ScanPaths({std::string(kTree) + "/arch/"});
  ASSERT_TRUE(tree.ok() && arch_dir.ok());
  EXPECT_EQ(ByArch(*tree), ByArch(*arch_dir));
  auto one = ScanPaths({std::string(kTree) + "/arch/wrap"});
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->arches.size(), 1u);
  EXPECT_EQ(ByArch(*one).at("wrap"), ByArch(*tree).at("wrap"));
}

TEST(ScanTreeTest, APartOfAnArchitectureIsNotTheWholeOfIt) {
  // Only kernel/: the architecture is still named, but what its mm/ holds
  // is unknown, so no "defines no" note; the R7 chain is within reach.
  auto r = ScanPaths({std::string(kTree) + "/arch/hand/kernel",
                      std::string(kTree) + "/arch/hand/mm/init.c"});
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->arches.size(), 1u);
  EXPECT_EQ(r->arches[0].name, "hand");
  EXPECT_FALSE(r->arches[0].whole);
  EXPECT_EQ(r->arches[0].files_scanned, 3);
  EXPECT_TRUE(r->findings.empty());
  // The helper alone is not enough: without process.c the hand-off is
  // unchecked.
  auto entry = ScanPaths({std::string(kTree) + "/arch/hand/kernel/entry.S"});
  ASSERT_TRUE(entry.ok());
  ASSERT_EQ(entry->findings.size(), 1u);
  EXPECT_EQ(entry->findings[0].rule, "R7");
  EXPECT_EQ(entry->findings[0].line, 8);  // call do_fork_kthread
  EXPECT_NE(entry->findings[0].what.find("hands off to do_fork_kthread"),
            std::string::npos);
}

TEST(ScanTreeTest, TextNamesEachArchitectureAndTotals) {
  auto r = ScanPaths({kTree});
  ASSERT_TRUE(r.ok());
  const std::string text = RenderText(*r);
  for (const char* arch : {"hand", "old", "wrap"}) {
    EXPECT_NE(text.find(std::string("== ") + arch + ": "), std::string::npos);
    EXPECT_NE(text.find(std::string("Summary for ") + arch + ":"),
              std::string::npos);
  }
  EXPECT_NE(text.find("Total: 5 site(s) (3 error(s), 2 note(s)) in 3 "
                      "architecture(s); 10 file(s) scanned"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace vzsim::portcheck
