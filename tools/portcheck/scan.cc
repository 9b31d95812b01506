// Walking the paths given to portcheck: which architectures they hold,
// which files each has, and the two passes over each architecture (every
// file's own checks and facts, then the architecture-wide checks).
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tools/portcheck/checks.h"
#include "tools/portcheck/portcheck.h"

namespace vzsim::portcheck {
namespace {

namespace fs = std::filesystem;

bool IsC(absl::string_view path) {
  return absl::EndsWith(path, ".c") || absl::EndsWith(path, ".h");
}
bool IsAsm(absl::string_view path) {
  return absl::EndsWith(path, ".S") || absl::EndsWith(path, ".s");
}

// The directory of the architecture a path belongs to (".../arch/ia64",
// after the last `arch` component that has one after it), or "".
std::string ArchRootOf(const std::string& path) {
  size_t best = std::string::npos;
  for (size_t at = path.find("arch/"); at != std::string::npos;
       at = path.find("arch/", at + 1)) {
    if ((at == 0 || path[at - 1] == '/') && at + 5 < path.size() &&
        path[at + 5] != '/') {
      best = at;
    }
  }
  if (best == std::string::npos) return "";
  return path.substr(0, path.find('/', best + 5));
}

// The architecture's name: the component after that `arch`.
std::string ArchOf(const std::string& path) {
  const std::string root = ArchRootOf(path);
  return root.empty() ? "" : root.substr(root.rfind('/') + 1);
}

bool IsDir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

// One architecture's worth of files.
struct Unit {
  ArchScan scan;
  std::vector<std::string> files;
};

class Walker {
 public:
  absl::Status Add(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      return absl::NotFoundError(
          absl::StrCat(path, ": no such file or directory"));
    }
    if (!IsDir(path)) {
      Files(KeyOf(path, ArchRootOf(path)), ArchOf(path), path, false)
          .push_back(path);
      return absl::OkStatus();
    }
    return Directory(fs::path(path).lexically_normal().string());
  }

  std::vector<Unit> Take() {
    std::vector<Unit> out;
    for (auto& [key, unit] : units_) {
      std::sort(unit.files.begin(), unit.files.end());
      unit.files.erase(std::unique(unit.files.begin(), unit.files.end()),
                       unit.files.end());
      out.push_back(std::move(unit));
    }
    return out;
  }

 private:
  static bool LooksLikeArch(const fs::path& dir) {
    return IsDir(dir / "kernel") || IsDir(dir / "mm");
  }

  static std::string KeyOf(const std::string& path, const std::string& root) {
    return root.empty() ? path : root;
  }

  std::vector<std::string>& Files(const std::string& key,
                                  const std::string& arch,
                                  const std::string& root, bool whole) {
    Unit& u = units_[key];
    if (u.scan.root.empty()) u.scan = {arch, root, 0, whole};
    u.scan.whole = u.scan.whole || whole;
    return u.files;
  }

  absl::Status Directory(std::string dir) {
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    if (IsDir(fs::path(dir) / "arch")) return Directory(dir + "/arch");
    if (LooksLikeArch(dir)) {
      return Walk(dir,
                  Files(dir, fs::path(dir).filename().string(), dir, true));
    }
    std::error_code ec;
    std::vector<std::string> rest;
    bool any_arch = false;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      const std::string p = entry.path().string();
      if (IsDir(p) && LooksLikeArch(p)) {
        any_arch = true;
        if (auto s = Directory(p); !s.ok()) return s;
      } else {
        rest.push_back(p);
      }
    }
    if (ec) return Unreadable(dir, ec);
    if (any_arch) {
      for (const std::string& p : rest) {
        if (auto s = Add(p); !s.ok()) return s;
      }
      return absl::OkStatus();
    }
    std::string root = ArchRootOf(dir);
    return Walk(dir, Files(KeyOf(dir, root), root.empty() ? "" : ArchOf(dir),
                           dir, false));
  }

  static absl::Status Walk(const std::string& dir,
                           std::vector<std::string>& files) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const std::string p = it->path().string();
      if (it->is_regular_file(ec) && (IsC(p) || IsAsm(p))) files.push_back(p);
    }
    return ec ? Unreadable(dir, ec) : absl::OkStatus();
  }

  static absl::Status Unreadable(const std::string& p, std::error_code ec) {
    return absl::PermissionDeniedError(
        absl::StrCat(p, ": cannot be read: ", ec.message()));
  }

  std::map<std::string, Unit> units_;
};

void ScanText(const std::string& path, absl::string_view text, ArchFacts* facts,
              std::vector<Finding>* out) {
  Sink sink(path, out);
  if (IsC(path)) {
    const CFile f(text);
    CheckVmas(f, &sink);
    CheckLookups(f, &sink);
    CheckUserPids(f, &sink);
    CheckMessages(f, &sink);
    CheckDumps(f, &sink);
    CollectFacts(path, f, facts);
  } else if (IsAsm(path)) {
    CollectFacts(path, ParseAsmEntries(text), facts);
  }
}

absl::Status ScanUnit(const Unit& unit, Report* report) {
  ArchFacts facts;
  std::vector<Finding> found;
  for (const std::string& file : unit.files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      return absl::PermissionDeniedError(
          absl::StrCat(file, ": cannot be read: ", std::strerror(errno)));
    }
    std::stringstream text;
    text << in.rdbuf();
    ScanText(file, text.str(), &facts, &found);
  }
  CheckArch(facts, unit.scan.name, unit.scan.root, unit.scan.whole, &found);
  std::stable_sort(found.begin(), found.end(),
                   [](const Finding& a, const Finding& b) {
                     return std::tie(a.file, a.line) < std::tie(b.file, b.line);
                   });
  // One finding per rule and line (`system_utsname.release` twice on a
  // line is one place to change).
  found.erase(std::unique(found.begin(), found.end(),
                          [](const Finding& a, const Finding& b) {
                            return a.rule == b.rule && a.file == b.file &&
                                   a.line == b.line;
                          }),
              found.end());
  for (Finding& f : found) f.arch = unit.scan.name;
  report->findings.insert(report->findings.end(),
                          std::make_move_iterator(found.begin()),
                          std::make_move_iterator(found.end()));
  ArchScan scan = unit.scan;
  scan.files_scanned = static_cast<int>(unit.files.size());
  scan.findings = found.size();
  report->arches.push_back(scan);
  report->files_scanned += scan.files_scanned;
  return absl::OkStatus();
}

}  // namespace

std::vector<Finding> ScanSource(absl::string_view path,
                                absl::string_view text) {
  std::vector<Finding> out;
  ArchFacts facts;
  const std::string p(path);
  ScanText(p, text, &facts, &out);
  CheckArch(facts, ArchOf(p), p, false, &out);
  for (Finding& f : out) f.arch = ArchOf(p);
  return out;
}

absl::StatusOr<Report> ScanPaths(const std::vector<std::string>& paths) {
  Walker walker;
  for (const std::string& p : paths) {
    if (absl::Status s = walker.Add(p); !s.ok()) return s;
  }
  Report report;
  for (const Unit& unit : walker.Take()) {
    if (absl::Status s = ScanUnit(unit, &report); !s.ok()) return s;
  }
  return report;
}

}  // namespace vzsim::portcheck
