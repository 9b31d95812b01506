// The mutation matrix as a test: each port with one rule's hooks swapped
// for the control architecture's vanilla versions must fail that rule,
// naming it, and pass the nine others (arch/conformance/mutants.h).
#include <string>

#include "arch/conformance/mutants.h"
#include "arch/registry/registry.h"
#include "gtest/gtest.h"

namespace vzsim {
namespace {

TEST(MutationMatrixTest, EveryCellFailsExactlyItsOwnRule) {
  const std::vector<MutantCell> cells =
      RunMutationMatrix(PortedArchs(), ControlArch());
  ASSERT_EQ(cells.size(), PortedArchs().size() * PortingRules().size());
  int green = 0;
  for (const MutantCell& c : cells) {
    EXPECT_FALSE(c.own.pass) << c.port->name << " with " << c.rule->id
                             << " swapped still passes: " << c.own.explanation;
    EXPECT_EQ(c.own.explanation.rfind(std::string(c.rule->id) + " ", 0), 0u)
        << c.own.explanation;
    EXPECT_TRUE(c.others.empty())
        << c.port->name << " with " << c.rule->id << " swapped also fails "
        << c.others.size() << " other rules, the first " << c.others[0];
    green += c.green();
  }
  EXPECT_EQ(green, 40) << RenderMutationMatrix(cells);
}

TEST(MutationMatrixTest, MutantTakesOnlyThatRulesHooks) {
  const arch_ops& port = *FindArch("ia64");
  const arch_ops m = MakeMutant(port, ControlArch(), *FindRule("R3"));
  EXPECT_EQ(m.ptrace_attach, ControlArch().ptrace_attach);
  EXPECT_EQ(m.perfmon_get_task, ControlArch().perfmon_get_task);
  EXPECT_EQ(m.user_task_search, port.user_task_search);
  EXPECT_EQ(m.hw_interrupt, port.hw_interrupt);
  EXPECT_EQ(m.ksymtab_start, port.ksymtab_start);
}

}  // namespace
}  // namespace vzsim
