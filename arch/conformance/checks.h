// The conformance checks: one per porting rule, each driving an
// architecture's hooks (arch/arch.h) through a real scenario
// (arch/conformance/world.h) and judging the observable outcome.
//
// A check returns a verdict with an explanation rather than asserting, so
// the same check runs on a ported architecture (must pass), on the unported
// control architecture (must fail, naming its rule), on the mutants
// (arch/conformance/mutants.h), and in `vzsim check`.
//
//   for (const RuleResult& r : CheckArch(sparc64_arch_ops))
//     std::cout << (r.verdict.pass ? "PASS " : "FAIL ") <<
//     r.verdict.explanation;
#ifndef VZSIM_ARCH_CONFORMANCE_CHECKS_H_
#define VZSIM_ARCH_CONFORMANCE_CHECKS_H_

#include <string>
#include <vector>

#include "arch/arch.h"
#include "arch/rules.h"

namespace vzsim {

struct Verdict {
  bool pass = false;
  // "<id> <title>: <what was checked, or what went wrong>".
  std::string explanation;
};

// Runs the check of `rule` on `arch`, in fresh simulated kernels.
Verdict CheckRule(const arch_ops& arch, const PortingRule& rule);

struct RuleResult {
  const PortingRule* rule;
  Verdict verdict;
};
// Every rule, in catalog order.
std::vector<RuleResult> CheckArch(const arch_ops& arch);

}  // namespace vzsim

#endif  // VZSIM_ARCH_CONFORMANCE_CHECKS_H_
