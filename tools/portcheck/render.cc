// Text for people and JSON for scripts (SARIF: sarif.cc).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "arch/rules.h"
#include "tools/portcheck/checks.h"
#include "tools/portcheck/portcheck.h"

namespace vzsim::portcheck {
namespace {

std::string Instead(const std::string& rule) {
  const PortingRule* r = FindRule(rule);
  return r == nullptr ? "" : r->instead;
}

// The length of the UTF-8 sequence at `s[i]`, or 0 if it is not one.
size_t Utf8Length(absl::string_view s, size_t i) {
  const unsigned char c = s[i];
  const size_t n = c < 0x80         ? 1
                   : (c >> 5) == 6  ? 2
                   : (c >> 4) == 14 ? 3
                   : (c >> 3) == 30 ? 4
                                    : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return 0;
  }
  return n;
}

std::string ArchName(const ArchScan& a) {
  return a.name.empty() ? a.root : a.name;
}

// The findings of each architecture, in the report's order.
std::vector<std::pair<const ArchScan*, std::vector<const Finding*>>> ByArch(
    const Report& report) {
  std::vector<std::pair<const ArchScan*, std::vector<const Finding*>>> out;
  size_t k = 0;
  for (const ArchScan& a : report.arches) {
    out.push_back({&a, {}});
    for (size_t n = 0; n < a.findings && k < report.findings.size(); ++n) {
      out.back().second.push_back(&report.findings[k++]);
    }
  }
  return out;
}

void RenderArch(const ArchScan& a, const std::vector<const Finding*>& found,
                std::string* out) {
  absl::StrAppend(out, "== ", a.name, a.name.empty() ? "" : ": ", a.root, ", ",
                  a.files_scanned, " file(s) scanned ==\n");
  std::string file;
  std::set<std::string> files;
  std::map<std::string, std::pair<int, int>> per_rule;  // errors, notes
  for (const Finding* f : found) {
    if (f->file != file) {
      file = f->file;
      files.insert(file);
      absl::StrAppend(out, "\n", file, "\n");
    }
    absl::StrAppendFormat(out, "  %5s  %-3s %-5s %s%s\n",
                          f->line > 0 ? absl::StrCat(f->line) : "-", f->rule,
                          SeverityName(f->severity), FindingLabel(*f), f->what);
    if (f->severity == Severity::kError) {
      absl::StrAppend(out, "              instead: ", Instead(f->rule), "\n");
    }
    auto& counts = per_rule[f->rule];
    (f->severity == Severity::kError ? counts.first : counts.second)++;
  }
  absl::StrAppend(out, found.empty() ? "" : "\n", "Summary for ", ArchName(a),
                  ":\n");
  for (const PortingRule& rule : PortingRules()) {
    auto it = per_rule.find(rule.id);
    if (it == per_rule.end()) continue;
    absl::StrAppendFormat(out, "  %-3s %-26s %3d error(s), %3d note(s)\n",
                          rule.id, rule.title, it->second.first,
                          it->second.second);
  }
  absl::StrAppendFormat(out, "%d site(s) in %d file(s); %d file(s) scanned\n",
                        found.size(), files.size(), a.files_scanned);
}

}  // namespace

// A JSON string. Bytes that are not UTF-8 (kernel sources hold some
// Latin-1) are read as Latin-1.
std::string JsonString(absl::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    const size_t n = Utf8Length(s, i);
    if (c == '"' || c == '\\') {
      absl::StrAppend(&out, "\\", std::string(1, c));
    } else if (c < 0x20 || n == 0) {
      absl::StrAppendFormat(&out, "\\u%04x", c);
    } else {
      out.append(s.data() + i, n);
      i += n;
      continue;
    }
    ++i;
  }
  return out + "\"";
}

std::string FindingLabel(const Finding& f) {
  if (f.function.empty()) return "";
  return f.rule == "R10" ? absl::StrCat(f.function, ": ")
                         : absl::StrCat(f.function, "(): ");
}

const char* SeverityName(Severity s) {
  return s == Severity::kError ? "error" : "note";
}

std::string RenderText(const Report& report) {
  std::string out;
  int errors = 0;
  for (const auto& [arch, found] : ByArch(report)) {
    if (!out.empty()) out += "\n";
    RenderArch(*arch, found, &out);
    for (const Finding* f : found) errors += f->severity == Severity::kError;
  }
  if (report.arches.size() > 1) {
    absl::StrAppendFormat(&out,
                          "\nTotal: %d site(s) (%d error(s), %d note(s)) in %d "
                          "architecture(s); %d file(s) scanned\n",
                          report.findings.size(), errors,
                          report.findings.size() - errors, report.arches.size(),
                          report.files_scanned);
  }
  return out;
}

std::string RenderJson(const Report& report) {
  std::vector<std::string> arches, items;
  std::map<std::string, int> summary;
  for (const auto& [arch, found] : ByArch(report)) {
    std::map<std::string, std::pair<int, int>> per_rule;
    for (const Finding* f : found) {
      ++summary[f->rule];
      auto& counts = per_rule[f->rule];
      (f->severity == Severity::kError ? counts.first : counts.second)++;
      items.push_back(absl::StrCat(
          "    {\"rule\": ", JsonString(f->rule),
          ", \"severity\": ", JsonString(SeverityName(f->severity)),
          ", \"arch\": ", JsonString(f->arch),
          ", \"file\": ", JsonString(f->file), ", \"line\": ", f->line,
          ", \"function\": ", JsonString(f->function),
          ", \"what\": ", JsonString(f->what),
          ", \"instead\": ", JsonString(Instead(f->rule)), "}"));
    }
    std::vector<std::string> counts;
    for (const auto& [rule, n] : per_rule) {
      counts.push_back(absl::StrCat(JsonString(rule), ": {\"errors\": ",
                                    n.first, ", \"notes\": ", n.second, "}"));
    }
    arches.push_back(absl::StrCat(
        "    {\"arch\": ", JsonString(arch->name), ", \"root\": ",
        JsonString(arch->root), ", \"files_scanned\": ", arch->files_scanned,
        ", \"whole\": ", arch->whole ? "true" : "false", ", \"summary\": {",
        absl::StrJoin(counts, ", "), "}}"));
  }
  std::vector<std::string> counts;
  for (const auto& [rule, n] : summary) {
    counts.push_back(absl::StrCat(JsonString(rule), ": ", n));
  }
  return absl::StrCat("{\n  \"files_scanned\": ", report.files_scanned,
                      ",\n  \"arches\": [\n", absl::StrJoin(arches, ",\n"),
                      arches.empty() ? "" : "\n", "  ],\n  \"findings\": [\n",
                      absl::StrJoin(items, ",\n"), items.empty() ? "" : "\n",
                      "  ],\n  \"summary\": {", absl::StrJoin(counts, ", "),
                      "}\n}\n");
}

}  // namespace vzsim::portcheck
