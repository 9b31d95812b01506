// portcheck against the real OpenVZ port, where the reference is present:
// VZSIM_REFERENCE names the folder holding openvz-2.6.18-028stab056.tar.xz
// (tools/test.sh passes it where the reference is present). The test
// unpacks arch/ of both trees and the arch patches into its TEST_TMPDIR and
// checks the targets of docs/portcheck.md; without the reference it skips.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tools/portcheck/eval.h"
#include "tools/portcheck/patch.h"
#include "tools/portcheck/portcheck.h"
#include "tools/portcheck/reference_tree.h"

namespace vzsim::portcheck {
namespace {

namespace fs = std::filesystem;

// The architectures the reference has patches for (from the file names).
std::vector<std::string> PatchedArches(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir + "/patches")) {
    const std::string name = e.path().filename().string();
    if (absl::StartsWith(name, "openvz-arch-")) {
      out.push_back(name.substr(12, name.size() - 17));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ReferenceTest, RecallAndNoFalseAlarmsOnEveryPortedArchitecture) {
  std::string why;
  const std::string& dir = UnpackedReference(&why);
  if (dir.empty()) GTEST_SKIP() << why;
  const std::vector<std::string> arches = PatchedArches(dir);
  ASSERT_GE(arches.size(), 4u);
  int sites = 0;
  for (const std::string& arch : arches) {
    auto e =
        Evaluate(dir + "/vanilla-2.6.18/arch/" + arch,
                 dir + "/openvz-028stab056/arch/" + arch,
                 ReadWholeFile(dir + "/patches/openvz-arch-" + arch + ".diff"));
    ASSERT_TRUE(e.ok()) << arch << ": " << e.status();
    std::cout << RenderEvaluation(*e) << "\n";
    for (const auto& [rule, s] : e->rules) {
      EXPECT_EQ(s.false_alarms, 0) << arch << " " << rule;
      if (s.sites > 0) {
        EXPECT_GE(s.found * 100, 95 * s.sites)
            << arch << " " << rule << ": " << s.found << " of " << s.sites;
      }
      sites += s.sites;
    }
    EXPECT_TRUE(e->MeetsTargets()) << arch;
  }
  EXPECT_GE(sites, 40);  // the four ports change some fifty places
}

TEST(ReferenceTest, TheWholeVanillaArchDirectoryArchitectureByArchitecture) {
  std::string why;
  const std::string& dir = UnpackedReference(&why);
  if (dir.empty()) GTEST_SKIP() << why;
  const std::string arch_dir = dir + "/vanilla-2.6.18/arch";
  std::set<std::string> expected;
  for (const auto& e : fs::directory_iterator(arch_dir)) {
    if (e.is_directory()) expected.insert(e.path().filename().string());
  }
  auto r = ScanPaths({arch_dir});
  ASSERT_TRUE(r.ok()) << r.status();
  std::set<std::string> scanned;
  for (const ArchScan& a : r->arches) {
    scanned.insert(a.name);
    EXPECT_TRUE(a.whole) << a.name;
    EXPECT_GT(a.files_scanned, 10) << a.name;
  }
  EXPECT_EQ(scanned, expected);
  EXPECT_GE(expected.size(), 15u);
  for (const Finding& f : r->findings) {
    EXPECT_TRUE(absl::StartsWith(f.file, arch_dir + "/" + f.arch)) << f.file;
  }
}

TEST(ReferenceTest, PatchModeKeepsOnlyLinesTheReferenceDiffsAdd) {
  std::string why;
  const std::string& dir = UnpackedReference(&why);
  if (dir.empty()) GTEST_SKIP() << why;
  int kept = 0;
  for (const std::string& arch : PatchedArches(dir)) {
    const std::string patch =
        ReadWholeFile(dir + "/patches/openvz-arch-" + arch + ".diff");
    auto full = ScanPaths({dir + "/openvz-028stab056/arch/" + arch});
    ASSERT_TRUE(full.ok());
    auto only = FilterToPatch(*full, patch);
    ASSERT_TRUE(only.ok()) << only.status();
    auto files = ParsePatch(patch);
    ASSERT_TRUE(files.ok());
    std::map<std::string, std::set<int>> added;
    for (const FileDiff& fd : *files) {
      for (const Hunk& h : fd.hunks) {
        for (const DiffLine& l : h.lines) {
          if (l.kind == '+') added[fd.new_path].insert(l.new_line);
        }
      }
    }
    for (const Finding& f : only->findings) {
      const std::string rel = f.file.substr(f.file.find("/arch/") + 1);
      EXPECT_TRUE(added[rel].count(f.line)) << f.file << ":" << f.line;
    }
    EXPECT_LT(only->findings.size(), full->findings.size()) << arch;
    kept += only->findings.size();
  }
  // The ports touch printks that still print a pid without the VE id
  // (i386's and ia64's show_regs): a porter checking that diff sees them.
  EXPECT_GT(kept, 0);
}

}  // namespace
}  // namespace vzsim::portcheck
