// `vzsim run FILE`: a small scenario language, one operation per line,
// run against a fresh simulated kernel. The language is documented in
// docs/scenarios.md; examples/ holds scenarios with their expected output.
//
//   fork web from init101        # a task named "web", child of init101
//   ve create 101 by vzctl       # vzctl becomes VE 101's init
//   expect vpid web = 2
//   print ps 101
#ifndef VZSIM_TOOLS_VZSIM_SCENARIO_H_
#define VZSIM_TOOLS_VZSIM_SCENARIO_H_

#include <ostream>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace vzsim {

// Runs `text` (the content of file `filename`), writing what it does to
// `out`. Returns OK, or:
//   InvalidArgument "FILE:LINE: <problem>" for a line that cannot run (an
//     unknown command, a wrong number of words, a bad number, a task name or
//     veid that does not exist);
//   FailedPrecondition "FILE:LINE: expected ..., got ..." for a failed
//     `expect`.
// Kernel errors (a refused fork, say) are not failures: they are printed,
// and `expect error ENAME` checks them.
absl::Status RunScenario(absl::string_view text, absl::string_view filename,
                         std::ostream& out);

}  // namespace vzsim

#endif  // VZSIM_TOOLS_VZSIM_SCENARIO_H_
