#include "tools/portcheck/asm.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace vzsim::portcheck {
namespace {

// "name@line-end" for each entry.
std::vector<std::string> Entries(const std::string& text) {
  std::vector<std::string> out;
  for (const AsmEntry& e : ParseAsmEntries(text)) {
    out.push_back(e.name + "@" + std::to_string(e.line) + "-" +
                  std::to_string(e.end_line));
  }
  return out;
}

using List = std::vector<std::string>;

TEST(AsmTest, EntryMacrosOfSeveralArchitectures) {
  // i386 / x86_64 / arm: ENTRY ... END or ENDPROC.
  EXPECT_EQ(Entries("ENTRY(a)\n\tret\nENDPROC(a)\nlocal:\n\tret\n"),
            (List{"a@1-3"}));
  // ia64: GLOBAL_ENTRY ... END.
  EXPECT_EQ(Entries("GLOBAL_ENTRY(b)\n\tbr.ret.sptk.many rp\nEND(b)\n"),
            (List{"b@1-3"}));
  // mips: LEAF and NESTED, running to the next entry when there is no END.
  EXPECT_EQ(Entries("LEAF(c)\n\tjr ra\nNESTED(d, 16, ra)\n\tjr ra\n"),
            (List{"c@1-2", "d@3-4"}));
}

TEST(AsmTest, GlobalDirectivesAndLabels) {
  // sparc64, alpha (.ent/.end), frv (.type/.size), parisc (.export).
  EXPECT_EQ(Entries("\t.globl e\ne:\n\tretl\n"), (List{"e@2-3"}));
  EXPECT_EQ(Entries("\t.globl\tf\n\t.ent\tf\nf:\n\tret\n.end f\nlocal:\n"),
            (List{"f@3-5"}));
  EXPECT_EQ(Entries("\t.globl g\n\t.type g,@function\ng:\n\tret\n"
                    "\t.size g,.-g\n"),
            (List{"g@3-5"}));
  EXPECT_EQ(Entries("\t.export __h, code\n__h:\n\tbv %r0(%r2)\n"),
            (List{"__h@2-3"}));
  // A label nobody declared global is a local label, not an entry.
  EXPECT_EQ(Entries("i:\n\tret\n"), List{});
  // Comments do not define anything.
  EXPECT_EQ(Entries("/* .globl j */\n# .globl k\nj:\nk:\n"), List{});
}

TEST(AsmTest, SymbolWrappersAndUnderscores) {
  // h8300 / m68knommu: SYMBOL_NAME wrappers and the a.out underscore.
  EXPECT_EQ(Entries(".globl SYMBOL_NAME(_l)\nSYMBOL_NAME_LABEL(_l)\n\trts\n"),
            (List{"_l@2-3"}));
  EXPECT_TRUE(SameSymbol("_kernel_thread", "kernel_thread"));
  EXPECT_TRUE(SameSymbol("kernel_thread", "kernel_thread"));
  EXPECT_FALSE(SameSymbol("__kernel_thread", "kernel_thread"));
}

TEST(AsmTest, AFilesOwnMacrosAreJudgedByTheirBodies) {
  // parisc's syscall table: ENTRY_SAME names a table slot, not an entry.
  EXPECT_EQ(Entries("#define ENTRY_SAME(_name_) .dword sys_##_name_\n"
                    "\tENTRY_SAME(fork)\n"),
            List{});
  // A macro that makes its argument a label does define one, whatever its
  // name.
  EXPECT_EQ(Entries("#define BEGIN_ROUTINE(n) \\\n\t.globl n; n:\n"
                    "BEGIN_ROUTINE(m)\n\tret\n"),
            (List{"m@3-4"}));
}

TEST(AsmTest, ReferencesLeaveOutRegistersAndConstants) {
  const auto entries = ParseAsmEntries(
      "ENTRY(kernel_thread)\n\tmovq $CLONE_VM,%rdi  # flags\n"
      "\tcall do_fork\n\tbr.call.sptk.many rp=helper\nEND(kernel_thread)\n");
  ASSERT_EQ(entries.size(), 1u);
  std::vector<std::string> refs;
  for (const auto& [name, line] : entries[0].refs) {
    refs.push_back(name + "@" + std::to_string(line));
  }
  EXPECT_EQ(refs,
            (List{"ENTRY@1", "kernel_thread@1", "movq@2", "call@3", "do_fork@3",
                  "br@4", "rp@4", "helper@4", "END@5", "kernel_thread@5"}));
}

}  // namespace
}  // namespace vzsim::portcheck
