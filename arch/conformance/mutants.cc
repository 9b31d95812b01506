#include "arch/conformance/mutants.h"

#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace vzsim {

arch_ops MakeMutant(const arch_ops& port, const arch_ops& control,
                    const PortingRule& rule) {
  arch_ops m = port;
  const int n = std::atoi(rule.id + 1);
  switch (n) {
    case 1:
      m.exec_setup_pages = control.exec_setup_pages;
      break;
    case 2:
      m.user_fault = control.user_fault;
      m.user_unaligned = control.user_unaligned;
      m.fault_report_sysctl = control.fault_report_sysctl;
      break;
    case 3:
      m.ptrace_attach = control.ptrace_attach;
      m.perfmon_get_task = control.perfmon_get_task;
      break;
    case 4:
      m.user_task_search = control.user_task_search;
      m.system_task_dump = control.system_task_dump;
      break;
    case 5:
      m.self_fault_signal = control.self_fault_signal;
      break;
    case 6:
      m.hw_interrupt = control.hw_interrupt;
      break;
    case 7:
      m.kernel_thread = control.kernel_thread;
      break;
    case 8:
      m.oops = control.oops;
      break;
    case 9:
      m.arch_uname = control.arch_uname;
      break;
    case 10:
      m.ksymtab_start = control.ksymtab_start;
      m.ksymtab_stop = control.ksymtab_stop;
      break;
  }
  if (n >= 1 && n <= ARCH_NR_RULES) m.no_site[n] = control.no_site[n];
  return m;
}

bool MutantCell::green() const {
  return !own.pass &&
         absl::StartsWith(own.explanation, absl::StrCat(rule->id, " ")) &&
         others.empty();
}

std::vector<MutantCell> RunMutationMatrix(
    absl::Span<const arch_ops* const> ports, const arch_ops& control) {
  std::vector<MutantCell> cells;
  for (const arch_ops* port : ports) {
    for (const PortingRule& rule : PortingRules()) {
      const arch_ops mutant = MakeMutant(*port, control, rule);
      MutantCell cell{port, &rule, {}, {}};
      for (const RuleResult& r : CheckArch(mutant)) {
        if (r.rule == &rule) {
          cell.own = r.verdict;
        } else if (!r.verdict.pass) {
          cell.others.push_back(r.rule->id);
        }
      }
      cells.push_back(std::move(cell));
    }
  }
  return cells;
}

std::string RenderMutationMatrix(const std::vector<MutantCell>& cells) {
  std::string out =
      "Mutation matrix: each port with one rule's hooks swapped for the\n"
      "control's vanilla versions must fail that rule and only that rule.\n\n";
  absl::StrAppend(&out, absl::StrFormat("%-9s", "port"));
  for (const PortingRule& rule : PortingRules()) {
    absl::StrAppend(&out, absl::StrFormat(" %-4s", rule.id));
  }
  out += "\n";
  const arch_ops* row = nullptr;
  int green = 0;
  std::string notes;
  for (const MutantCell& c : cells) {
    if (c.port != row) {
      if (row != nullptr) out += "\n";
      row = c.port;
      absl::StrAppend(&out, absl::StrFormat("%-9s", row->name));
    }
    absl::StrAppend(&out, absl::StrFormat(" %-4s", c.green() ? "ok" : "NO"));
    if (c.green()) {
      ++green;
    } else {
      absl::StrAppend(
          &notes, c.port->name, " with ", c.rule->id,
          " swapped: ", c.own.pass ? "still passes " : "fails ", c.rule->id,
          c.others.empty() ? ""
                           : absl::StrCat(", and also fails ",
                                          absl::StrJoin(c.others, ", ")),
          "\n");
    }
  }
  if (row != nullptr) out += "\n";
  absl::StrAppend(&out, "\n", notes, green, " of ", cells.size(),
                  " cells green\n");
  return out;
}

}  // namespace vzsim
