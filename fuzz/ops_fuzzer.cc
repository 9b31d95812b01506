// libFuzzer target for the property test's operation interpreter: the bytes
// are a sequence of operations (16 bytes each) run on a kernel beside the
// reference model. Any disagreement between the two, any broken invariant,
// crash or sanitizer report is a finding; the failure text is printed
// before the abort so that the reproducer explains itself.
//
//   tools/fuzz.sh 600 ops    # ten minutes; see docs/reliability.md
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "tests/property/operations.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string failure = vzsim::RunOps(vzsim::OpsFromBytes(data, size));
  if (!failure.empty()) {
    std::fprintf(stderr, "ops_fuzzer: %s\n", failure.c_str());
    std::abort();
  }
  return 0;
}
