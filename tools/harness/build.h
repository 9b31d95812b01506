// The harness's work outside the process: running the compiler, and
// loading a built hook table in a child process to run one rule's check
// there (a crash or a hang in the tree's code then costs one verdict, not
// the run).
#ifndef VZSIM_TOOLS_HARNESS_BUILD_H_
#define VZSIM_TOOLS_HARNESS_BUILD_H_

#include <string>
#include <vector>

namespace vzsim::harness {

// Runs argv with LC_ALL=C (plain quotes in messages), its output to `log`.
// The exit status, or -1 when it could not start.
int RunTool(const std::vector<std::string>& argv, const std::string& log);

// The first error line of a compiler's or linker's output ("" if none).
std::string FirstError(const std::string& output);

struct Judgement {
  bool loaded = false;    // the object loaded and its hook table was found
  bool finished = false;  // the check returned
  bool pass = false;
  std::string text;  // the check's explanation, or what went wrong
};

// In a child process: dlopen(`object`), take its `symbol` (a struct
// arch_ops) and run the check of rule `rule_id` on it. The child's output
// (the simulated kernel's console) goes to `log`. The object must define
// each of `required` itself (else it is not loaded: "<name>: ...").
Judgement JudgeInChild(const std::string& object, const std::string& symbol,
                       const std::string& rule_id, const std::string& log,
                       int timeout_seconds,
                       const std::vector<std::string>& required = {});

std::string ReadWhole(const std::string& path);

}  // namespace vzsim::harness

#endif  // VZSIM_TOOLS_HARNESS_BUILD_H_
