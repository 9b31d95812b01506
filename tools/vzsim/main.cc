// vzsim: the command-line face of the simulation.
//
//   vzsim demo     a guided tour: the host and two VEs, pids seen from each
//                  side, uname from each side
//   vzsim --help   this text
#include <cstring>
#include <iostream>

#include "tools/vzsim/demo.h"

namespace {

constexpr char kUsage[] =
    "usage: vzsim <command>\n"
    "\n"
    "commands:\n"
    "  demo    a guided tour of the simulated OpenVZ kernel: the host and two\n"
    "          containers, their tasks and pids seen from each side, uname\n"
    "          from each side\n"
    "  help    this text\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "help") == 0 ||
      std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    std::cout << kUsage;
    return argc < 2 ? 2 : 0;
  }
  if (std::strcmp(argv[1], "demo") == 0) {
    if (argc > 2) {
      std::cerr << "vzsim demo: takes no arguments\n";
      return 2;
    }
    absl::Status s = vzsim::RunDemo(std::cout);
    if (!s.ok()) {
      std::cerr << "vzsim demo: " << s << "\n";
      return 1;
    }
    return 0;
  }
  std::cerr << "vzsim: unknown command '" << argv[1] << "'\n\n" << kUsage;
  return 2;
}
