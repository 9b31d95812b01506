// libFuzzer target for the scenario-file parser and runner (`vzsim run`):
// any text must give either success or an error naming the file and line,
// never a crash, a hang or a sanitizer report.
//
//   tools/fuzz.sh 600 scenario    # ten minutes; see docs/reliability.md
#include <cstdint>
#include <cstdlib>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "tools/vzsim/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  std::ostringstream out;
  const absl::Status status = vzsim::RunScenario(text, "fuzz.vzs", out);
  // Every refusal says where: "fuzz.vzs:LINE: problem".
  if (!status.ok() && !absl::StartsWith(status.message(), "fuzz.vzs:")) {
    std::abort();
  }
  return 0;
}
