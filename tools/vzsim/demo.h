// `vzsim demo`: a guided tour of the simulated kernel, printed as it runs.
//
// The story is fixed (no randomness, simulated clock only), so its output is
// byte-for-byte stable and checked by a golden test.
#ifndef VZSIM_TOOLS_VZSIM_DEMO_H_
#define VZSIM_TOOLS_VZSIM_DEMO_H_

#include <ostream>

#include "absl/status/status.h"

namespace vzsim {

// Runs the demo and writes its narration to `out`.
absl::Status RunDemo(std::ostream& out);

}  // namespace vzsim

#endif  // VZSIM_TOOLS_VZSIM_DEMO_H_
