#include "tools/portcheck/source.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace vzsim::portcheck {
namespace {

std::vector<std::string> Names(const CFile& f) {
  std::vector<std::string> out;
  for (const Function& fn : f.functions()) {
    out.push_back(fn.name + "@" + std::to_string(fn.line) + "-" +
                  std::to_string(fn.end_line) + (fn.init ? " init" : ""));
  }
  return out;
}

using List = std::vector<std::string>;

TEST(SourceTest, FunctionsWithAttributesAndInitMarkers) {
  const std::string text =
      "static int __init setup(void)\n{\n}\n"
      "void __attribute__((weak)) weak_one(int x) { }\n"
      "void locked(void) __acquires(x) __releases(x)\n{\n}\n"
      "void __show_regs(struct pt_regs *regs)\n{\n}\n"
      "int probed(void) __kprobes\n{\n}\n"
      "struct s table = { 1, 2 };\n"
      "#define M(x) { x }\n";
  const CFile f(text);
  EXPECT_EQ(Names(f), (List{"setup@1-3 init", "weak_one@4-4", "locked@5-7",
                            "__show_regs@8-10", "probed@11-13"}));
}

TEST(SourceTest, GuardsFollowIfsElsesAndLoopMacros) {
  const std::string text =
      "void f(void)\n{\n"
      "  if (a) {\n    x();\n  } else if (b)\n    y();\n  else\n    z();\n"
      "  list_for_each(p, h) if (c) w();\n"
      "  v();\n}\n";
  const CFile f(text);
  ASSERT_EQ(f.functions().size(), 1u);
  const Function& fn = f.functions()[0];
  auto guards_of = [&](const char* call) {
    std::string out;
    for (size_t i = 0; i < f.size(); ++i) {
      if (!f.IsCall(i, call)) continue;
      for (const Guard& g : f.Guards(fn, i)) {
        out += std::string(g.negated ? "!" : "") +
               std::string(f[g.begin].text) + " ";
      }
    }
    return out;
  };
  EXPECT_EQ(guards_of("x"), "a ");
  EXPECT_EQ(guards_of("y"), "!a b ");
  EXPECT_EQ(guards_of("z"), "!a !b ");
  EXPECT_EQ(guards_of("w"), "c ");
  EXPECT_EQ(guards_of("v"), "");
}

TEST(SourceTest, TheTopOfAFunctionIsAfterItsDeclarations) {
  const CFile f(
      "pid_t\nkernel_thread (int (*fn)(void *), void *arg, unsigned long f)\n"
      "{\n"
      "\textern void start(void);\n"
      "\tunsigned long *p = (unsigned long *) &start;\n"
      "\tstruct {\n\t\tint a;\n\t} regs;\n"
      "\tpid_t pid;\n"
      "\tDEFINE_SPINLOCK(l);\n"
      "\n"
      "\tmemset(&regs, 0, sizeof(regs));\n"
      "\treturn 0;\n}\n");
  ASSERT_EQ(f.functions().size(), 1u);
  EXPECT_EQ(f.FirstStatementLine(f.functions()[0]), 11);
}

TEST(SourceTest, DebugBlocksAndOffByDefaultSwitches) {
  const CFile f(
      "int trace_on = 0;\nstatic int quiet;\nint loud = 1;\n"
      "extern int ext = 0;\n"
      "#ifdef DEBUG_SIG\nint a;\n#else\nint b;\n#endif\n"
      "#if 0\nint c;\n#endif\n"
      "#ifndef UNW_DEBUG\nint d;\n#else\nint e;\n#endif\n");
  EXPECT_TRUE(f.IsOffByDefault("trace_on"));
  EXPECT_TRUE(f.IsOffByDefault("quiet"));
  EXPECT_FALSE(f.IsOffByDefault("loud"));
  EXPECT_FALSE(f.IsOffByDefault("ext"));
  EXPECT_TRUE(f.InDebugBlock(6));
  EXPECT_FALSE(f.InDebugBlock(8));
  EXPECT_TRUE(f.InDebugBlock(11));
  EXPECT_FALSE(f.InDebugBlock(14));
  EXPECT_TRUE(f.InDebugBlock(16));
  // Preprocessor lines are not code.
  for (const Token& t : f.tokens()) EXPECT_NE(t.text, "ifdef");
}

TEST(SourceTest, BracesOpenedInBothBranchesOfAnIfdefStayBalanced) {
  // arch/sparc/kernel/process.c: exit_thread() opens its `if` block in each
  // branch; the structure is read from the first, the other is kept aside.
  const CFile f(
      "void exit_thread(void)\n{\n#ifndef CONFIG_SMP\n"
      "\tif (last == current) {\n#else\n\tif (used_fpu) {\n#endif\n"
      "\t\tput();\n\t}\n}\n"
      "int copy_thread(void)\n{\n\treturn 0;\n}\n"
      "#if 0\nvoid dead(void) {\n#else\nvoid live(void) {\n#endif\n}\n");
  EXPECT_EQ(Names(f),
            (List{"exit_thread@1-10", "copy_thread@11-14", "live@18-20"}));
  std::string alternatives;
  for (const Token& t : f.alternatives()) alternatives += std::string(t.text);
  EXPECT_EQ(alternatives, "if(used_fpu){voiddead(void){");
  EXPECT_EQ(f.EnclosingLine(6)->name, "exit_thread");
}

TEST(SourceTest, ArgsAndCloseSurviveBadInput) {
  const CFile f("void g(void) { f(a, (b, c), d[1, 2]) ; h(");
  size_t call = 0;
  while (!f.IsCall(call, "f")) ++call;
  EXPECT_EQ(f.Args(call).size(), 3u);
  size_t h = 0;
  while (!f.IsCall(h, "h")) ++h;
  EXPECT_EQ(f.Close(h + 1), f.size());
  EXPECT_TRUE(f.Args(h).empty());
  const CFile empty("");
  EXPECT_TRUE(empty.functions().empty());
}

}  // namespace
}  // namespace vzsim::portcheck
