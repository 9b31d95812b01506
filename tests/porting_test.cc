// The porting conformance suite: for every registered architecture and every
// rule, one test named Porting/<arch>.<rule test name>, for example
//
//   Porting/sparc64.R6_IrqRunsInVe0
//
// that drives the arch's hooks through the rule's scenario
// (arch/conformance/checks.cc) and fails with the verdict's explanation.
// Registering an architecture (arch/registry/registry.cc) is all it takes to
// be checked here.
#include <string>

#include "arch/conformance/checks.h"
#include "arch/registry/registry.h"
#include "arch/rules.h"
#include "gtest/gtest.h"

namespace vzsim {
namespace {

class PortingRuleTest : public ::testing::Test {
 public:
  PortingRuleTest(const arch_ops* arch, const PortingRule* rule)
      : arch_(arch), rule_(rule) {}
  void TestBody() override {
    const Verdict v = CheckRule(*arch_, *rule_);
    EXPECT_TRUE(v.pass) << arch_->name << ": " << v.explanation
                        << "\n  instead: " << rule_->instead;
    RecordProperty("verdict", v.explanation);
  }

 private:
  const arch_ops* arch_;
  const PortingRule* rule_;
};

void RegisterPortingTests() {
  for (const arch_ops* arch : PortedArchs()) {
    const std::string suite = std::string("Porting/") + arch->name;
    for (const PortingRule& rule : PortingRules()) {
      ::testing::RegisterTest(suite.c_str(), rule.test_name, nullptr, nullptr,
                              __FILE__, __LINE__,
                              [arch, &rule]() -> ::testing::Test* {
                                return new PortingRuleTest(arch, &rule);
                              });
    }
  }
}

}  // namespace
}  // namespace vzsim

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  vzsim::RegisterPortingTests();
  return RUN_ALL_TESTS();
}
