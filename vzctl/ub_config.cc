#include "vzctl/ub_config.h"

#include <cctype>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "include/ub/beancounter.h"
#include "ubc/beancounter.h"

namespace vzsim {
namespace {

absl::StatusOr<unsigned long> ParseValue(absl::string_view word) {
  if (word == "unlimited") return UB_MAXVALUE;
  unsigned long v = 0;
  if (!word.empty() && absl::ascii_isdigit(word[0]) &&
      absl::SimpleAtoi(word, &v)) {
    return v;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("'", word, "' is not a number or 'unlimited'"));
}

}  // namespace

absl::StatusOr<UbLimit> ParseUbParam(absl::string_view name,
                                     absl::string_view value) {
  const std::string lower = absl::AsciiStrToLower(name);
  UbLimit out;
  out.resource = -1;
  for (int res = 0; res < UB_RESOURCES; ++res) {
    if (lower == ub_resource_name(res) && lower != "dummy") out.resource = res;
  }
  if (out.resource < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", name, "' is not a beancounter resource"));
  }
  std::vector<absl::string_view> parts = absl::StrSplit(value, ':');
  if (parts.size() > 2) {
    return absl::InvalidArgumentError(absl::StrCat(
        name, ": '", value, "' is not BARRIER:LIMIT or a single value"));
  }
  absl::StatusOr<unsigned long> barrier = ParseValue(parts[0]);
  if (!barrier.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": ", barrier.status().message()));
  }
  absl::StatusOr<unsigned long> limit =
      parts.size() == 2 ? ParseValue(parts[1]) : barrier;
  if (!limit.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": ", limit.status().message()));
  }
  out.barrier = *barrier;
  out.limit = *limit;
  return out;
}

absl::StatusOr<std::vector<UbLimit>> ParseUbConfig(absl::string_view text) {
  std::vector<UbLimit> limits;
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    const size_t eq = line.find('=');
    if (eq == absl::string_view::npos || eq == 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", line_no, ": '", line, "' is not NAME=\"VALUE\""));
    }
    absl::string_view name = line.substr(0, eq);
    absl::string_view value = line.substr(eq + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    } else if (value.find('"') != absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", line_no, ": unbalanced quotes in '", line, "'"));
    }
    absl::StatusOr<UbLimit> limit = ParseUbParam(name, value);
    if (!limit.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", line_no, ": ", limit.status().message()));
    }
    limits.push_back(*limit);
  }
  return limits;
}

}  // namespace vzsim
