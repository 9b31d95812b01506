#include "tools/portcheck/patch.h"

#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "tools/portcheck/portcheck.h"

namespace vzsim::portcheck {
namespace {

constexpr char kDiff[] =
    "diff --git a/arch/x/kernel/a.c b/arch/x/kernel/a.c\n"
    "index 1..2 100644\n"
    "--- a/arch/x/kernel/a.c\t2006-09-20 05:42:06\n"
    "+++ b/arch/x/kernel/a.c\n"
    "@@ -10,4 +10,5 @@ int f(void)\n"
    " {\n"
    "-\tp = find_task_by_pid(nr);\n"
    "+\tp = find_task_by_pid_ve(nr);\n"
    "+\tq = 1;\n"
    " \treturn 0;\n"
    "\n"  // an empty context line whose blank a mailer ate
    "diff --git a/arch/x/lib/new.c b/arch/x/lib/new.c\n"
    "new file mode 100644\n"
    "--- /dev/null\n"
    "+++ b/arch/x/lib/new.c\n"
    "@@ -0,0 +1,2 @@\n"
    "+int g;\n"
    "+int h;\n"
    "\\ No newline at end of file\n";

TEST(PatchTest, FilesHunksAndBothSidesLineNumbers) {
  auto files = ParsePatch(kDiff);
  ASSERT_TRUE(files.ok()) << files.status();
  ASSERT_EQ(files->size(), 2u);
  const FileDiff& a = (*files)[0];
  EXPECT_EQ(a.old_path, "arch/x/kernel/a.c");
  EXPECT_EQ(a.new_path, "arch/x/kernel/a.c");
  ASSERT_EQ(a.hunks.size(), 1u);
  const auto& l = a.hunks[0].lines;
  ASSERT_EQ(l.size(), 6u);
  EXPECT_EQ(l[1].kind, '-');
  EXPECT_EQ(l[1].old_line, 11);
  EXPECT_EQ(l[2].kind, '+');
  EXPECT_EQ(l[2].new_line, 11);
  EXPECT_EQ(l[3].new_line, 12);
  EXPECT_EQ(l[4].old_line, 12);
  EXPECT_EQ(l[4].new_line, 13);
  EXPECT_EQ(l[5].kind, ' ');
  const FileDiff& n = (*files)[1];
  EXPECT_EQ(n.old_path, "");
  EXPECT_EQ(n.new_path, "arch/x/lib/new.c");
  EXPECT_EQ(n.hunks[0].lines.size(), 2u);
  EXPECT_EQ(n.hunks[0].lines[1].new_line, 2);
}

TEST(PatchTest, BadInputIsAnError) {
  EXPECT_EQ(ParsePatch("hello\n").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParsePatch("--- a/x\n+++ b/x\n@@ -1,z +1 @@\n").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParsePatch("--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\nfoo\n")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  // A hunk cut short by the end of the text keeps what it has.
  EXPECT_TRUE(ParsePatch("--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n").ok());
}

TEST(PatchTest, SamePathMatchesAtDirectoryBoundaries) {
  EXPECT_TRUE(SamePath("/src/linux/arch/x/a.c", "arch/x/a.c"));
  EXPECT_TRUE(SamePath("kernel/a.c", "arch/x/kernel/a.c"));
  EXPECT_TRUE(SamePath("./arch/x/a.c", "arch/x/a.c"));
  EXPECT_FALSE(SamePath("/src/myarch/x/a.c", "arch/x/a.c"));
  EXPECT_FALSE(SamePath("arch/x/a.c", ""));
}

TEST(PatchFilterTest, OnlyFindingsOnLinesThePatchAdds) {
  auto r = ScanPaths({"tools/portcheck/testdata/vanilla_arch"});
  ASSERT_TRUE(r.ok());
  ASSERT_GT(r->findings.size(), 5u);
  // A patch adding lines 7 and 8 of kernel/ptrace.c (the lookup) and line
  // 3 of mm/init.c (no site there), its paths under arch/demo/ as git
  // writes them: they resolve under the scanned root like `patch -p2`.
  std::ifstream in("tools/portcheck/testdata/ptrace_lookup.diff");
  std::stringstream text;
  text << in.rdbuf();
  const std::string patch = text.str();
  auto only = FilterToPatch(*r, patch);
  ASSERT_TRUE(only.ok()) << only.status();
  ASSERT_EQ(only->findings.size(), 1u);
  EXPECT_EQ(only->findings[0].rule, "R3");
  EXPECT_EQ(only->findings[0].line, 7);
  ASSERT_EQ(only->arches.size(), 1u);
  EXPECT_EQ(only->arches[0].findings, 1u);
  EXPECT_EQ(only->files_scanned, r->files_scanned);
  // The same patch with paths relative to the architecture matches too.
  std::string relative = patch;
  for (size_t at; (at = relative.find("/arch/demo/")) != std::string::npos;) {
    relative.replace(at, 11, "/");
  }
  auto also = FilterToPatch(*r, relative);
  ASSERT_TRUE(also.ok());
  EXPECT_EQ(also->findings.size(), 1u);
  EXPECT_EQ(FilterToPatch(*r, "no diff here").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vzsim::portcheck
