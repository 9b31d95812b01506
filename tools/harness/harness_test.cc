// The harness end to end on small fixture trees (tools/harness/testdata/):
// it compiles their i386 kernel_thread() against the face, links the i386
// port's glue, and judges rule R7 in a child process.
#include "tools/harness/harness.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace vzsim::harness {
namespace {

using ::testing::HasSubstr;

std::string Fixture(const std::string& name) {
  return std::string(getenv("TEST_SRCDIR")) + "/vzsim/tools/harness/testdata/" +
         name;
}

RuleReport RunR7(const std::string& fixture) {
  Options o;
  o.tree = Fixture(fixture);
  o.arch = "i386";
  o.rules = {"R7"};
  auto report = harness::Run(o);
  EXPECT_TRUE(report.ok()) << report.status();
  if (!report.ok() || report->rules.size() != 1) return {};
  return report->rules[0];
}

const FunctionReport* Function(const RuleReport& r, const std::string& n) {
  for (const FunctionReport& f : r.functions) {
    if (f.name == n) return &f;
  }
  return nullptr;
}

TEST(Harness, ATreeWithTheCheckPasses) {
  const RuleReport r = RunR7("good");
  EXPECT_EQ(r.status, "pass") << r.message << r.explanation;
  EXPECT_TRUE(r.compiled);
  EXPECT_THAT(r.explanation, HasSubstr("refused from VE 101"));
  const FunctionReport* helper = Function(r, "kernel_thread_helper");
  ASSERT_NE(helper, nullptr);
  EXPECT_EQ(helper->kind, "asm");
  EXPECT_EQ(helper->file, "arch/i386/kernel/process.c");
  const FunctionReport* kt = Function(r, "kernel_thread");
  ASSERT_NE(kt, nullptr);
  EXPECT_EQ(kt->kind, "c");
}

TEST(Harness, ATreeWithoutTheCheckFailsWithTheCheckExplanation) {
  const RuleReport r = RunR7("bad");
  EXPECT_EQ(r.status, "fail");
  EXPECT_TRUE(r.compiled);
  EXPECT_THAT(r.explanation, HasSubstr("R7"));
  const FunctionReport* helper = Function(r, "kernel_thread_helper");
  ASSERT_NE(helper, nullptr);
  EXPECT_EQ(helper->kind, "asm");
  EXPECT_EQ(helper->file, "arch/i386/kernel/entry.S");
}

// A function the tree defines static is still the one judged: the glue's
// call does not fall through to the port linked into this test.
TEST(Harness, AStaticFunctionOfTheTreeIsTheOneJudged) {
  const RuleReport r = RunR7("static");
  EXPECT_EQ(r.status, "fail") << r.message << r.explanation;
  EXPECT_TRUE(r.compiled);
  EXPECT_THAT(r.explanation, HasSubstr("instead of -EPERM"));
}

TEST(Harness, AMissingNameIsNamedAndTheRuleIsNotJudged) {
  const RuleReport r = RunR7("broken");
  EXPECT_EQ(r.status, "not-compiled");
  EXPECT_FALSE(r.compiled);
  EXPECT_EQ(r.missing, "vz_kthread_forbidden");
  EXPECT_THAT(r.message, HasSubstr("arch/i386/kernel/process.c:"));
  EXPECT_TRUE(r.explanation.empty());
}

TEST(Harness, RulesWithoutASiteAreJudgedOnTheGlue) {
  Options o;
  o.tree = Fixture("good");
  o.arch = "i386";
  o.rules = {"R4"};
  auto report = harness::Run(o);
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->rules.size(), 1u);
  EXPECT_FALSE(report->rules[0].site);
  EXPECT_EQ(report->rules[0].status, "pass");
  EXPECT_THAT(report->rules[0].explanation, HasSubstr("not applicable"));
}

TEST(Harness, AFunctionTheTreeLacksIsReported) {
  Options o;
  o.tree = Fixture("good");
  o.arch = "i386";
  o.rules = {"R9"};
  auto report = harness::Run(o);
  ASSERT_TRUE(report.ok()) << report.status();
  const RuleReport& r = report->rules[0];
  EXPECT_EQ(r.status, "not-compiled");
  EXPECT_EQ(r.missing, "sys_uname");
  EXPECT_THAT(r.message, HasSubstr("not in the tree"));
  EXPECT_FALSE(report->AllPass());
}

TEST(Harness, BadInputIsAClearError) {
  Options o;
  o.tree = Fixture("nowhere");
  o.arch = "i386";
  EXPECT_THAT(std::string(harness::Run(o).status().message()),
              HasSubstr("not a directory"));
  o.tree = Fixture("good");
  o.arch = "pdp11";
  EXPECT_THAT(std::string(harness::Run(o).status().message()),
              HasSubstr("holds no arch/pdp11"));
  o.arch = "i386";
  o.compiler = "/nonexistent/cc";
  EXPECT_THAT(std::string(harness::Run(o).status().message()),
              HasSubstr("no C compiler found"));
}

TEST(Harness, TheJsonReportHasItsFields) {
  Options o;
  o.tree = Fixture("broken");
  o.arch = "i386";
  o.rules = {"R7"};
  auto report = harness::Run(o);
  ASSERT_TRUE(report.ok()) << report.status();
  const std::string json = RenderJson(*report);
  for (const char* field :
       {"\"arch\": \"i386\"", "\"all_pass\": false",
        "\"status\": "
        "\"not-compiled\"",
        "\"missing\": \"vz_kthread_forbidden\"", "\"kind\": \"asm\"",
        "\"compiled\": false", "\"site\": true"}) {
    EXPECT_THAT(json, HasSubstr(field));
  }
  EXPECT_THAT(RenderText(*report), HasSubstr("missing: vz_kthread_forbidden"));
}

}  // namespace
}  // namespace vzsim::harness
