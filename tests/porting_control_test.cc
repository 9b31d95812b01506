// The meta-test of the conformance suite: every check must fail on the
// unported control architecture, and say which rule it is about. A check
// that passes here has no teeth.
#include <string>

#include "arch/conformance/checks.h"
#include "arch/registry/registry.h"
#include "arch/rules.h"
#include "gtest/gtest.h"

namespace vzsim {
namespace {

class ControlArchTest : public ::testing::TestWithParam<int> {};

TEST_P(ControlArchTest, FailsAndNamesItsRule) {
  const PortingRule& rule = PortingRules()[GetParam()];
  const Verdict v = CheckRule(ControlArch(), rule);
  EXPECT_FALSE(v.pass) << "the check of " << rule.id
                       << " passed on the unported control architecture: "
                       << v.explanation;
  EXPECT_EQ(v.explanation.rfind(std::string(rule.id) + " ", 0), 0u)
      << v.explanation;
  // It fails for its own reason, not because a hook is missing.
  EXPECT_EQ(v.explanation.find("has no"), std::string::npos) << v.explanation;
}

INSTANTIATE_TEST_SUITE_P(Rules, ControlArchTest, ::testing::Range(0, 10),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return std::string(
                               PortingRules()[info.param].test_name);
                         });

TEST(ControlArchTest, CheckArchListsAllTenFailures) {
  int failures = 0;
  for (const RuleResult& r : CheckArch(ControlArch())) {
    failures += !r.verdict.pass;
  }
  EXPECT_EQ(failures, 10);
}

TEST(RegistryTest, FindsEveryArchByName) {
  EXPECT_EQ(PortedArchs().size(), 4u);
  for (const char* name : {"i386", "x86_64", "ia64", "sparc64", "unported"}) {
    ASSERT_NE(FindArch(name), nullptr) << name;
    EXPECT_EQ(std::string(FindArch(name)->name), name);
  }
  EXPECT_EQ(FindArch("alpha"), nullptr);
  EXPECT_EQ(FindArch(""), nullptr);
  for (const arch_ops* arch : PortedArchs()) {
    EXPECT_NE(arch, &ControlArch());
  }
}

}  // namespace
}  // namespace vzsim
