#include "tools/vzsim/checklist.h"

#include <sstream>

#include "arch/registry/registry.h"
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

// Each rule is one marked block holding its catalog text word for word; the
// porting guide copies these blocks (tools/docs_check.sh).
TEST(ChecklistTest, MarkdownHasOneBlockPerRuleWithTheCatalogText) {
  const std::string text = RenderRulesMarkdown();
  // Words joined by single spaces, to compare across line breaks.
  auto words = [](const std::string& s) {
    std::istringstream in(s);
    std::string w, out;
    while (in >> w) out += (out.empty() ? "" : " ") + w;
    return out;
  };
  for (const PortingRule& rule : PortingRules()) {
    const std::string open = std::string("<!-- catalog:") + rule.id + " -->\n";
    const std::string close = std::string("<!-- /catalog:") + rule.id + " -->";
    const size_t begin = text.find(open);
    ASSERT_NE(begin, std::string::npos) << rule.id;
    const size_t end = text.find(close, begin);
    ASSERT_NE(end, std::string::npos) << rule.id;
    const std::string block =
        words(text.substr(begin + open.size(), end - begin - open.size()));
    EXPECT_NE(
        block.find(words(std::string("## ") + rule.id + " " + rule.title)),
        std::string::npos);
    EXPECT_NE(block.find(words(std::string("**Why.** ") + rule.why)),
              std::string::npos)
        << rule.id;
    EXPECT_NE(block.find(words(std::string("**Instead.** ") + rule.instead)),
              std::string::npos)
        << rule.id;
  }
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) EXPECT_LE(line.size(), 76u) << line;
}

}  // namespace
}  // namespace vzsim
