#include "tools/portcheck/patch.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

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

}  // namespace vzsim::portcheck
