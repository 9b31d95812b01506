#include "tools/portcheck/patch.h"

#include <filesystem>
#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tools/portcheck/portcheck.h"

namespace vzsim::portcheck {
namespace {

// "a/arch/x/a.c\t2006-09-20 ..." -> "arch/x/a.c"; "/dev/null" -> "".
std::string DiffPath(absl::string_view s, absl::string_view prefix) {
  s = s.substr(0, s.find('\t'));
  s = absl::StripTrailingAsciiWhitespace(s);
  if (s == "/dev/null") return "";
  absl::ConsumePrefix(&s, prefix);
  return std::string(s);
}

// "-12,7" -> 12, 7 ("-12" alone counts one line).
bool Range(absl::string_view s, int* start, int* count) {
  if (s.empty() || (s[0] != '-' && s[0] != '+')) return false;
  s.remove_prefix(1);
  const size_t comma = s.find(',');
  *count = 1;
  if (comma != absl::string_view::npos &&
      !absl::SimpleAtoi(s.substr(comma + 1), count)) {
    return false;
  }
  return absl::SimpleAtoi(s.substr(0, comma), start) && *start >= 0 &&
         *count >= 0;
}

absl::StatusOr<Hunk> HunkHeader(absl::string_view line, int number) {
  std::vector<absl::string_view> parts =
      absl::StrSplit(line, ' ', absl::SkipEmpty());
  Hunk h{0, 0, 0, 0, {}};
  if (parts.size() < 4 || parts[0] != "@@" ||
      !Range(parts[1], &h.old_start, &h.old_count) ||
      !Range(parts[2], &h.new_start, &h.new_count)) {
    return absl::InvalidArgumentError(
        absl::StrCat("line ", number, ": not a hunk header: ", line));
  }
  return h;
}

}  // namespace

absl::StatusOr<std::vector<FileDiff>> ParsePatch(absl::string_view text) {
  std::vector<FileDiff> files;
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  int old_left = 0, new_left = 0, old_line = 0, new_line = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    absl::string_view l = absl::StripSuffix(lines[i], "\r");
    const int number = static_cast<int>(i) + 1;
    if (old_left > 0 || new_left > 0) {
      const char kind = l.empty() ? ' ' : l[0];
      if (kind == '\\') continue;  // "\ No newline at end of file"
      if (kind != ' ' && kind != '-' && kind != '+') {
        return absl::InvalidArgumentError(
            absl::StrCat("line ", number, ": the hunk ends early (", old_left,
                         " old and ", new_left, " new line(s) missing)"));
      }
      const std::string body(l.empty() ? l : l.substr(1));
      Hunk& h = files.back().hunks.back();
      if (kind == '-') {
        h.lines.push_back({kind, body, old_line++, 0});
        --old_left;
      } else if (kind == '+') {
        h.lines.push_back({kind, body, 0, new_line++});
        --new_left;
      } else {
        h.lines.push_back({kind, body, old_line++, new_line++});
        --old_left;
        --new_left;
      }
      continue;
    }
    if (absl::StartsWith(l, "--- ") && i + 1 < lines.size() &&
        absl::StartsWith(lines[i + 1], "+++ ")) {
      files.push_back({DiffPath(l.substr(4), "a/"),
                       DiffPath(lines[i + 1].substr(4), "b/"),
                       {}});
      ++i;
    } else if (absl::StartsWith(l, "@@ ") && !files.empty()) {
      absl::StatusOr<Hunk> h = HunkHeader(l, number);
      if (!h.ok()) return h.status();
      old_left = h->old_count;
      new_left = h->new_count;
      // A side with no lines counts from the line before its start.
      old_line = h->old_count == 0 ? h->old_start + 1 : h->old_start;
      new_line = h->new_count == 0 ? h->new_start + 1 : h->new_start;
      files.back().hunks.push_back(*std::move(h));
    }
  }
  if (files.empty()) {
    return absl::InvalidArgumentError("not a unified diff: it names no file");
  }
  return files;
}

bool SamePath(absl::string_view file, absl::string_view path) {
  absl::ConsumePrefix(&file, "./");
  absl::ConsumePrefix(&path, "./");
  if (file.empty() || path.empty()) return false;
  return file == path || absl::EndsWith(file, absl::StrCat("/", path)) ||
         absl::EndsWith(path, absl::StrCat("/", file));
}

namespace {

std::string Normal(const std::string& p) {
  return std::filesystem::path(p).lexically_normal().string();
}

// The scanned file a patch path names: the path with its leading
// components stripped as `patch -p` would, under one of the scanned roots;
// a root that ends with the stripped components ("arch/x86_64") wins over
// one that merely holds a file of that name. Empty when none does.
std::string Resolve(const std::string& path,
                    const std::vector<ArchScan>& arches) {
  const std::vector<std::string> parts = absl::StrSplit(path, '/');
  std::string best;
  int best_score = 0;
  for (size_t k = 0; k < parts.size(); ++k) {
    const std::string prefix =
        absl::StrJoin(parts.begin(), parts.begin() + k, "/");
    const std::string rest = absl::StrJoin(parts.begin() + k, parts.end(), "/");
    for (const ArchScan& a : arches) {
      const std::string candidate = Normal(a.root + "/" + rest);
      std::error_code ec;
      if (!std::filesystem::is_regular_file(candidate, ec)) continue;
      const std::string root = Normal(a.root);
      const int score =
          prefix.empty() || root == prefix || absl::EndsWith(root, "/" + prefix)
              ? 2
              : 1;
      if (score > best_score) {
        best = candidate;
        best_score = score;
      }
    }
    if (best_score == 2) break;
  }
  return best;
}

}  // namespace

absl::StatusOr<Report> FilterToPatch(const Report& report,
                                     absl::string_view patch) {
  absl::StatusOr<std::vector<FileDiff>> files = ParsePatch(patch);
  if (!files.ok()) return files.status();
  // The lines each file gains, by the scanned file it resolves to (or by
  // the patch's own path when it resolves to none).
  std::map<std::string, std::set<int>> added, unresolved;
  for (const FileDiff& fd : *files) {
    if (fd.new_path.empty()) continue;  // a deleted file adds nothing
    const std::string file = Resolve(fd.new_path, report.arches);
    std::set<int>& lines = file.empty() ? unresolved[fd.new_path] : added[file];
    for (const Hunk& h : fd.hunks) {
      for (const DiffLine& l : h.lines) {
        if (l.kind == '+') lines.insert(l.new_line);
      }
    }
  }
  Report out;
  out.files_scanned = report.files_scanned;
  size_t k = 0;
  for (ArchScan arch : report.arches) {
    const size_t first = out.findings.size();
    for (size_t n = 0; n < arch.findings; ++n, ++k) {
      const Finding& f = report.findings[k];
      auto it = added.find(Normal(f.file));
      bool keep = it != added.end() && it->second.count(f.line);
      for (const auto& [path, lines] : unresolved) {
        keep = keep || (lines.count(f.line) && SamePath(f.file, path));
      }
      if (keep) out.findings.push_back(f);
    }
    arch.findings = out.findings.size() - first;
    out.arches.push_back(arch);
  }
  return out;
}

}  // namespace vzsim::portcheck
