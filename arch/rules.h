// The porting rules R1 to R10 as data: one catalog that
// the conformance suite, `vzsim rules`, `vzsim check`, the source scanner and
// docs/porting-guide.md all read, so each rule's wording lives here only.
#ifndef VZSIM_ARCH_RULES_H_
#define VZSIM_ARCH_RULES_H_

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace vzsim {

struct PortingRule {
  const char* id;         // "R6"
  const char* test_name;  // "R6_IrqRunsInVe0": the conformance test's name
  const char* title;      // "interrupts run in VE0"
  const char* why;        // what goes wrong on a container host without it
  const char* instead;    // what the arch code must call or do instead
  const char* hooks;      // the arch_ops hooks the rule is checked through
};

// R1 .. R10, in order.
absl::Span<const PortingRule> PortingRules();
// The rule with id `id` ("R6", case-sensitive), or null.
const PortingRule* FindRule(absl::string_view id);

}  // namespace vzsim

#endif  // VZSIM_ARCH_RULES_H_
