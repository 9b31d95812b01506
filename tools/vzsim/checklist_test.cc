#include "tools/vzsim/checklist.h"

#include <sstream>

#include "arch/registry.h"
#include "arch/rules.h"
#include "gtest/gtest.h"

namespace vzsim {
namespace {

TEST(ChecklistTest, ControlArchListsAllTenFailuresWithWhatToDoInstead) {
  std::ostringstream out;
  EXPECT_EQ(RunChecklist(ControlArch(), out), 10);
  const std::string text = out.str();
  for (const PortingRule& rule : PortingRules()) {
    EXPECT_NE(text.find(std::string("FAIL  ") + rule.id + " "),
              std::string::npos)
        << rule.id;
  }
  EXPECT_NE(text.find("instead: "), std::string::npos);
  EXPECT_NE(text.find("0 of 10 rules pass; 10 to fix"), std::string::npos);
}

TEST(ChecklistTest, PortedArchsPassEverything) {
  for (const arch_ops* arch : PortedArchs()) {
    std::ostringstream out;
    EXPECT_EQ(RunChecklist(*arch, out), 0) << out.str();
    EXPECT_NE(out.str().find("10 of 10 rules pass\n"), std::string::npos);
    EXPECT_EQ(out.str().find("FAIL"), std::string::npos);
  }
}

TEST(ChecklistTest, RulesTextHasEveryRuleAndFitsATerminal) {
  const std::string text = RenderRules();
  for (const PortingRule& rule : PortingRules()) {
    EXPECT_NE(text.find(std::string("\n") + rule.id + "  " + rule.title),
              std::string::npos);
  }
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) EXPECT_LE(line.size(), 80u) << line;
}

}  // namespace
}  // namespace vzsim
