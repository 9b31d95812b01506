// vzsim: the command-line face of the simulation.
//
//   vzsim demo                 a guided tour of the simulated kernel
//   vzsim rules [--markdown]   the porting-rule catalog (--markdown: the
//                              blocks docs/porting-guide.md holds)
//   vzsim run FILE             run a scenario file
//   vzsim portcheck PATH...    porting sites in real arch sources
//   vzsim check --arch NAME    one architecture's porting checklist
//   vzsim harness --arch NAME TREE  a real tree's arch functions, judged
//   vzsim help                 usage
//
// --layout=flat|kernel, anywhere on the line, chooses how every simulated
// kernel the command builds indexes its tasks (pid/task_layout.h).
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "arch/conformance/mutants.h"
#include "arch/registry/registry.h"
#include "pid/task_layout.h"
#include "tools/portcheck/portcheck.h"
#include "tools/vzsim/checklist.h"
#include "tools/vzsim/demo.h"
#include "tools/vzsim/harness_cmd.h"
#include "tools/vzsim/scenario.h"

namespace {

constexpr char kUsage[] =
    "usage: vzsim <command> [options]\n"
    "\n"
    "commands:\n"
    "  demo                 a guided tour of the simulated OpenVZ kernel: the\n"
    "                       host and two containers, pids and uname seen from\n"
    "                       each side, beancounters and a VE at its limit\n"
    "  run FILE             run a scenario file (docs/scenarios.md); exit 1 "
    "if\n"
    "                       an expectation fails, 2 for a line that cannot "
    "run\n"
    "  portcheck [--format=text|json|sarif] [--patch FILE] PATH...\n"
    "                       list the porting sites in kernel arch sources (C "
    "and\n"
    "                       assembly), architecture by architecture; "
    "--patch:\n"
    "                       only on lines the patch adds; exit 1 if any "
    "error-\n"
    "                       level site is found, 2 for a path or patch that\n"
    "                       cannot be read (docs/portcheck.md)\n"
    "  rules [--markdown]   the porting rules R1..R10: what, why, what to "
    "call\n"
    "                       (--markdown: the blocks docs/porting-guide.md "
    "holds)\n"
    "  check --arch NAME    run the porting checks on architecture NAME and\n"
    "                       print its checklist; exit status 1 if any rule "
    "fails\n"
    "                       (NAME: i386, x86_64, ia64, sparc64, or the "
    "unported\n"
    "                       control fixture 'unported')\n"
    "  check --mutants      the mutation matrix: each port with one rule's\n"
    "                       hooks swapped for the control's must fail that\n"
    "                       rule only; exit status 1 unless all 40 do\n"
    "  harness --arch NAME [--format=text|json] [--cc CC] [--keep] TREE\n"
    "                       compile a real kernel tree's own arch functions\n"
    "                       against the kernel face and judge them rule by\n"
    "                       rule; exit 1 unless every rule passes, 2 for a\n"
    "                       bad tree, arch or no compiler (docs/harness.md)\n"
    "  help                 this text\n"
    "\n"
    "options:\n"
    "  --layout=flat|kernel how the simulated kernels index their tasks: "
    "vzsim's\n"
    "                       flat tables (default) or 028stab's pid hashes "
    "and\n"
    "                       task lists (docs/benchmarks.md)\n";

std::string ArchNames() {
  std::string names;
  for (const arch_ops* arch : vzsim::PortedArchs()) {
    names += std::string(names.empty() ? "" : ", ") + arch->name;
  }
  return names + ", " + vzsim::ControlArch().name;
}

int Check(int argc, char** argv) {
  const char* name = nullptr;
  bool mutants = false;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--mutants") == 0) {
      mutants = true;
    } else if (std::strcmp(argv[i], "--arch") == 0 && i + 1 < argc) {
      name = argv[++i];
    } else if (std::strncmp(argv[i], "--arch=", 7) == 0) {
      name = argv[i] + 7;
    } else if (std::strcmp(argv[i], "--help") == 0) {
      std::cout << "usage: vzsim check --arch NAME | --mutants\n  NAME: "
                << ArchNames() << "\n";
      return 0;
    } else {
      std::cerr << "vzsim check: unexpected argument '" << argv[i] << "'\n";
      return 2;
    }
  }
  if (mutants && name == nullptr) {
    const std::vector<vzsim::MutantCell> cells =
        vzsim::RunMutationMatrix(vzsim::PortedArchs(), vzsim::ControlArch());
    std::cout << vzsim::RenderMutationMatrix(cells);
    for (const vzsim::MutantCell& c : cells) {
      if (!c.green()) return 1;
    }
    return 0;
  }
  if (name == nullptr || mutants) {
    std::cerr << "vzsim check: give --arch NAME (" << ArchNames()
              << ") or --mutants\n";
    return 2;
  }
  const arch_ops* arch = vzsim::FindArch(name);
  if (arch == nullptr) {
    std::cerr << "vzsim check: no architecture named '" << name << "' ("
              << ArchNames() << ")\n";
    return 2;
  }
  return vzsim::RunChecklist(*arch, std::cout) == 0 ? 0 : 1;
}

int Run(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[2], "--help") == 0) {
    std::cout << "usage: vzsim run FILE   (the language: docs/scenarios.md)\n";
    return 0;
  }
  if (argc != 3) {
    std::cerr << "vzsim run: takes one argument: FILE\n";
    return 2;
  }
  std::ifstream in(argv[2]);
  if (!in) {
    std::cerr << "vzsim run: cannot read '" << argv[2]
              << "': " << std::strerror(errno) << "\n";
    return 2;
  }
  std::stringstream text;
  text << in.rdbuf();
  absl::Status s = vzsim::RunScenario(text.str(), argv[2], std::cout);
  if (s.ok()) return 0;
  std::cerr << "vzsim run: " << s.message() << "\n";
  return s.code() == absl::StatusCode::kFailedPrecondition ? 1 : 2;
}

constexpr char kPortcheckUsage[] =
    "usage: vzsim portcheck [--format=text|json|sarif] [--json] "
    "[--patch FILE] PATH...   (docs/portcheck.md)\n";

// `vzsim portcheck`: tools/portcheck/portcheck.h does the work.
int Portcheck(int argc, char** argv) {
  std::string format = "text", patch_file;
  std::vector<std::string> paths;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json") {
      format = "json";
    } else if (arg.rfind("--format=", 0) == 0) {
      format = arg.substr(9);
    } else if (arg == "--patch" && i + 1 < argc) {
      patch_file = argv[++i];
    } else if (arg.rfind("--patch=", 0) == 0) {
      patch_file = arg.substr(8);
    } else if (arg == "--help") {
      std::cout << kPortcheckUsage;
      return 0;
    } else if (arg[0] == '-') {
      std::cerr << "vzsim portcheck: unknown option '" << arg << "'\n"
                << kPortcheckUsage;
      return 2;
    } else {
      paths.push_back(arg);
    }
  }
  if (format != "text" && format != "json" && format != "sarif") {
    std::cerr << "vzsim portcheck: unknown format '" << format
              << "' (text, json or sarif)\n";
    return 2;
  }
  if (paths.empty()) {
    std::cerr << "vzsim portcheck: give at least one PATH (a kernel tree, "
                 "its arch/ directory, or arch sources)\n";
    return 2;
  }
  auto report = vzsim::portcheck::ScanPaths(paths);
  if (!report.ok()) {
    std::cerr << "vzsim portcheck: " << report.status().message() << "\n";
    return 2;
  }
  if (!patch_file.empty()) {
    std::ifstream in(patch_file, std::ios::binary);
    if (!in) {
      std::cerr << "vzsim portcheck: cannot read '" << patch_file
                << "': " << std::strerror(errno) << "\n";
      return 2;
    }
    std::stringstream text;
    text << in.rdbuf();
    report = vzsim::portcheck::FilterToPatch(*report, text.str());
    if (!report.ok()) {
      std::cerr << "vzsim portcheck: " << patch_file << ": "
                << report.status().message() << "\n";
      return 2;
    }
  }
  std::cout << (format == "json"    ? vzsim::portcheck::RenderJson(*report)
                : format == "sarif" ? vzsim::portcheck::RenderSarif(*report)
                                    : vzsim::portcheck::RenderText(*report));
  for (const auto& f : report->findings) {
    if (f.severity == vzsim::portcheck::Severity::kError) return 1;
  }
  return 0;
}

// Takes --layout=NAME / --layout NAME out of argv (wherever it is) and
// applies it. False, with a message, for an unknown layout.
bool TakeLayoutFlag(int* argc, char** argv) {
  int out = 1;
  for (int i = 1; i < *argc; ++i) {
    std::string name;
    if (std::strncmp(argv[i], "--layout=", 9) == 0) {
      name = argv[i] + 9;
    } else if (std::strcmp(argv[i], "--layout") == 0 && i + 1 < *argc) {
      name = argv[++i];
    } else {
      argv[out++] = argv[i];
      continue;
    }
    vzsim::TaskLayout layout;
    if (!vzsim::ParseTaskLayout(name, &layout)) {
      std::cerr << "vzsim: --layout must be flat or kernel, not '" << name
                << "'\n";
      return false;
    }
    vzsim::SetDefaultTaskLayout(layout);
  }
  *argc = out;
  argv[out] = nullptr;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (!TakeLayoutFlag(&argc, argv)) return 2;
  if (argc < 2 || std::strcmp(argv[1], "help") == 0 ||
      std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    std::cout << kUsage;
    return argc < 2 ? 2 : 0;
  }
  const std::string command = argv[1];
  const bool wants_help = argc > 2 && std::strcmp(argv[2], "--help") == 0;
  if (command == "rules" && argc == 3 &&
      std::strcmp(argv[2], "--markdown") == 0) {
    std::cout << vzsim::RenderRulesMarkdown();
    return 0;
  }
  if (command == "demo" || command == "rules") {
    if (wants_help) {
      std::cout << "usage: vzsim " << command
                << (command == "rules" ? " [--markdown]\n" : "\n");
      return 0;
    }
    if (argc > 2) {
      std::cerr << "vzsim " << command << ": takes no arguments\n";
      return 2;
    }
    if (command == "rules") {
      std::cout << vzsim::RenderRules();
      return 0;
    }
    absl::Status s = vzsim::RunDemo(std::cout);
    if (!s.ok()) {
      std::cerr << "vzsim demo: " << s << "\n";
      return 1;
    }
    return 0;
  }
  if (command == "check") return Check(argc, argv);
  if (command == "run") return Run(argc, argv);
  if (command == "portcheck") return Portcheck(argc, argv);
  if (command == "harness") return vzsim::HarnessCommand(argc, argv);
  std::cerr << "vzsim: unknown command '" << command << "'\n\n" << kUsage;
  return 2;
}
