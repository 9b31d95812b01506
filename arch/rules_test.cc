#include "arch/rules.h"

#include <set>
#include <string>

#include "gtest/gtest.h"

namespace vzsim {
namespace {

TEST(RulesTest, TenRulesInOrderWithEveryFieldFilled) {
  auto rules = PortingRules();
  ASSERT_EQ(rules.size(), 10u);
  std::set<std::string> names;
  for (size_t i = 0; i < rules.size(); ++i) {
    const PortingRule& r = rules[i];
    EXPECT_EQ(std::string(r.id), "R" + std::to_string(i + 1));
    EXPECT_EQ(std::string(r.test_name).rfind(std::string(r.id) + "_", 0), 0u)
        << r.test_name;
    EXPECT_GT(std::string(r.title).size(), 3u);
    EXPECT_GT(std::string(r.why).size(), 40u);
    EXPECT_GT(std::string(r.instead).size(), 20u);
    EXPECT_GT(std::string(r.hooks).size(), 3u);
    EXPECT_TRUE(names.insert(r.test_name).second);
  }
}

TEST(RulesTest, FindRule) {
  ASSERT_NE(FindRule("R6"), nullptr);
  EXPECT_EQ(std::string(FindRule("R6")->title), "interrupts run in VE0");
  EXPECT_EQ(FindRule("R10"), &PortingRules()[9]);
  EXPECT_EQ(FindRule("R11"), nullptr);
  EXPECT_EQ(FindRule("r6"), nullptr);
  EXPECT_EQ(FindRule(""), nullptr);
}

}  // namespace
}  // namespace vzsim
