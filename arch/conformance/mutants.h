// The mutation matrix: proof that each rule's check has teeth on each port.
//
// A mutant is a port with the hooks of one rule (arch/arch.h groups them)
// swapped for the unported control architecture's, the vanilla 2.6.18
// versions of the same functions. A cell of the matrix is green when the
// mutant fails that rule, with an explanation naming it, and passes every
// other rule: 4 ports x 10 rules = 40 cells.
#ifndef VZSIM_ARCH_CONFORMANCE_MUTANTS_H_
#define VZSIM_ARCH_CONFORMANCE_MUTANTS_H_

#include <string>
#include <vector>

#include "absl/types/span.h"
#include "arch/arch.h"
#include "arch/conformance/checks.h"
#include "arch/rules.h"

namespace vzsim {

// `port` with the hooks of rule `rule` (and its no_site entry) taken from
// `control`.
arch_ops MakeMutant(const arch_ops& port, const arch_ops& control,
                    const PortingRule& rule);

struct MutantCell {
  const arch_ops* port;
  const PortingRule* rule;
  Verdict own;                      // the swapped rule's verdict
  std::vector<std::string> others;  // other rules that failed: their ids
  // Green: the own rule failed, naming itself, and nothing else failed.
  bool green() const;
};

// Every port against every rule of the catalog.
std::vector<MutantCell> RunMutationMatrix(
    absl::Span<const arch_ops* const> ports, const arch_ops& control);

// A table, one row per port, and a line per cell that is not green.
std::string RenderMutationMatrix(const std::vector<MutantCell>& cells);

}  // namespace vzsim

#endif  // VZSIM_ARCH_CONFORMANCE_MUTANTS_H_
