// portcheck_eval: portcheck measured against a real port (eval.h).
//
//   portcheck_eval VANILLA PORTED PATCH
//       one architecture: its vanilla tree, its ported tree, the diff
//   portcheck_eval --reference DIR
//       every patches/openvz-arch-<arch>.diff of the unpacked reference DIR,
//       with DIR/vanilla-2.6.18/arch/<arch> and
//       DIR/openvz-028stab056/arch/<arch>
//
// Exit status: 0 when the targets are met (recall >= 95% for each rule with
// sites, no false alarm), 1 when not, 2 for input that cannot be read.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "tools/portcheck/eval.h"

namespace {

namespace fs = std::filesystem;

constexpr char kUsage[] =
    "usage: portcheck_eval VANILLA PORTED PATCH\n"
    "       portcheck_eval --reference DIR\n";

// 0 met, 1 missed, 2 unreadable.
int EvaluateOne(const std::string& vanilla, const std::string& ported,
                const std::string& patch) {
  std::ifstream in(patch, std::ios::binary);
  if (!in) {
    std::cerr << "portcheck_eval: cannot read '" << patch
              << "': " << std::strerror(errno) << "\n";
    return 2;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto e = vzsim::portcheck::Evaluate(vanilla, ported, text.str());
  if (!e.ok()) {
    std::cerr << "portcheck_eval: " << e.status().message() << "\n";
    return 2;
  }
  std::cout << vzsim::portcheck::RenderEvaluation(*e);
  return e->MeetsTargets() ? 0 : 1;
}

int Reference(const std::string& dir) {
  std::vector<std::string> arches;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir + "/patches", ec)) {
    const std::string name = entry.path().filename().string();
    if (absl::StartsWith(name, "openvz-arch-") &&
        absl::EndsWith(name, ".diff")) {
      arches.push_back(name.substr(12, name.size() - 17));
    }
  }
  if (ec || arches.empty()) {
    std::cerr << "portcheck_eval: no patches/openvz-arch-*.diff under '" << dir
              << "'\n";
    return 2;
  }
  std::sort(arches.begin(), arches.end());
  int status = 0;
  for (const std::string& arch : arches) {
    if (status != 0 || &arch != &arches.front()) std::cout << "\n";
    const int s = EvaluateOne(dir + "/vanilla-2.6.18/arch/" + arch,
                              dir + "/openvz-028stab056/arch/" + arch,
                              dir + "/patches/openvz-arch-" + arch + ".diff");
    status = std::max(status, s);
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << kUsage;
    return 0;
  }
  if (args.size() == 2 && args[0] == "--reference") return Reference(args[1]);
  if (args.size() == 3 && args[0][0] != '-') {
    return EvaluateOne(args[0], args[1], args[2]);
  }
  std::cerr << kUsage;
  return 2;
}
