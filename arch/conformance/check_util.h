// What the rule checks (checks*.cc) share: verdicts, the test for a rule
// without a site on an arch, beancounter reads. Internal to the checks.
#ifndef VZSIM_ARCH_CONFORMANCE_CHECK_UTIL_H_
#define VZSIM_ARCH_CONFORMANCE_CHECK_UTIL_H_

#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "arch/conformance/checks.h"
#include "ubc/beancounter.h"

namespace vzsim {
namespace check {

inline Verdict Judge(const PortingRule& rule, bool pass,
                     const std::string& detail) {
  return {pass, absl::StrCat(rule.id, " ", rule.title, ": ", detail)};
}

inline int RuleNumber(const PortingRule& rule) {
  return std::atoi(rule.id + 1);
}

// For a rule whose hooks are all null: a pass that says why the arch has
// no such site, or a failure when the arch gives no reason.
inline Verdict NoSite(const arch_ops& arch, const PortingRule& rule) {
  const char* why = arch.no_site[RuleNumber(rule)];
  if (why == nullptr) {
    return Judge(
        rule, false,
        absl::StrCat(arch.name, " fills none of the hooks of ", rule.id, " (",
                     rule.hooks, ") and gives no reason in no_site"));
  }
  return Judge(rule, true,
               absl::StrCat("not applicable on ", arch.name, ": ", why));
}

inline uint64_t Held(user_beancounter* ub, int res) {
  return UbRead(ub->ub_parms[res].held);
}

// The R8 check's test, kept here for the R9 check too: does `dump` name
// VE `veid` the way a port's oops path does ("veid: 101", "veid=101",
// "VE:EXCVE 101:0")?
bool NamesVeid(const std::string& dump, unsigned veid);

}  // namespace check

// The checks of R1 .. R10 (checks_memory.cc, checks_tasks.cc, checks.cc).
Verdict CheckVmaAccounting(const arch_ops& arch, const PortingRule& rule);
Verdict CheckNoHostLogFlooding(const arch_ops& arch, const PortingRule& rule);
Verdict CheckExplicitLookups(const arch_ops& arch, const PortingRule& rule);
Verdict CheckExplicitIteration(const arch_ops& arch, const PortingRule& rule);
Verdict CheckVirtualPids(const arch_ops& arch, const PortingRule& rule);

}  // namespace vzsim

#endif  // VZSIM_ARCH_CONFORMANCE_CHECK_UTIL_H_
