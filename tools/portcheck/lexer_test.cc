#include "tools/portcheck/lexer.h"

#include "gtest/gtest.h"

namespace vzsim::portcheck {
namespace {

TEST(LexerTest, CommentsVanishStringsStayWholeLinesCount) {
  const auto t = LexC(
      "a /* for_each_process(p) \n still comment */ b // c d\n"
      "\"x /* not a comment */\" 'y' p->pid\n"
      "#define M(x) \\\n  find_task_by_pid(x)\n");
  ASSERT_EQ(t.size(), 17u);
  EXPECT_EQ(t[0].text, "a");
  EXPECT_EQ(t[0].line, 1);
  EXPECT_EQ(t[1].text, "b");
  EXPECT_EQ(t[1].line, 2);
  EXPECT_EQ(t[2].kind, Token::kString);
  EXPECT_EQ(t[2].text, "\"x /* not a comment */\"");
  EXPECT_EQ(t[2].line, 3);
  EXPECT_EQ(t[3].kind, Token::kChar);
  EXPECT_EQ(t[5].text, "->");
  EXPECT_EQ(t[7].text, "#");
  EXPECT_EQ(t[13].text, "find_task_by_pid");
  EXPECT_EQ(t[13].line, 5);
}

TEST(LexerTest, UnterminatedThingsDoNotRunAway) {
  EXPECT_FALSE(LexC("/* never closed").size());
  EXPECT_EQ(LexC("\"never closed\nx").size(), 2u);
  EXPECT_EQ(LexC("'\\").size(), 1u);
}

TEST(LexerTest, StripCommentsKeepsLines) {
  EXPECT_EQ(StripCComments("a/* x\ny */b // z\nc"), "a    \n    b     \nc");
}

}  // namespace
}  // namespace vzsim::portcheck
