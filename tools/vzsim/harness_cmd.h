// `vzsim harness`: tools/harness/harness.h on the command line.
#ifndef VZSIM_TOOLS_VZSIM_HARNESS_CMD_H_
#define VZSIM_TOOLS_VZSIM_HARNESS_CMD_H_

namespace vzsim {

// argv[1] is "harness". Exit status: 0 when every rule passes, 1 when a
// rule fails or cannot be compiled or judged, 2 for bad arguments, a bad
// tree path, an unknown arch or no compiler (docs/errors.md).
int HarnessCommand(int argc, char** argv);

}  // namespace vzsim

#endif  // VZSIM_TOOLS_VZSIM_HARNESS_CMD_H_
