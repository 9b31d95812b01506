#include "tools/vzsim/harness_cmd.h"

#include <cstring>
#include <iostream>
#include <string>

#include "tools/harness/harness.h"

namespace vzsim {
namespace {

constexpr char kUsage[] =
    "usage: vzsim harness --arch NAME [--format=text|json] [--cc COMPILER]\n"
    "                     [--keep] TREE\n"
    "  TREE: a kernel tree's root (holding arch/NAME/) or its arch/ "
    "directory\n"
    "  NAME: i386, x86_64, ia64, sparc64   (docs/harness.md)\n";

}  // namespace

int HarnessCommand(int argc, char** argv) {
  harness::Options options;
  std::string format = "text";
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "--arch" && i + 1 < argc) {
      options.arch = argv[++i];
    } else if (arg.rfind("--arch=", 0) == 0) {
      options.arch = arg.substr(7);
    } else if (arg == "--cc" && i + 1 < argc) {
      options.compiler = argv[++i];
    } else if (arg.rfind("--format=", 0) == 0) {
      format = arg.substr(9);
    } else if (arg == "--json") {
      format = "json";
    } else if (arg == "--keep") {
      options.keep_temp = true;
    } else if (arg.rfind("--", 0) == 0 || !options.tree.empty()) {
      std::cerr << "vzsim harness: unexpected argument '" << arg << "'\n"
                << kUsage;
      return 2;
    } else {
      options.tree = arg;
    }
  }
  if (options.arch.empty() || options.tree.empty() ||
      (format != "text" && format != "json")) {
    std::cerr << kUsage;
    return 2;
  }
  auto report = harness::Run(options);
  if (!report.ok()) {
    std::cerr << "vzsim harness: " << report.status().message() << "\n";
    return 2;
  }
  std::cout << (format == "json" ? harness::RenderJson(*report)
                                 : harness::RenderText(*report));
  return report->AllPass() ? 0 : 1;
}

}  // namespace vzsim
