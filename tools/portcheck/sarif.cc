// SARIF 2.1.0 (the OASIS Static Analysis Results Interchange Format), so
// that editors and code-scanning services show portcheck's findings
// inline: one run, the rule catalog as the tool's rules, one result per
// finding with its file, line and enclosing function.
#include <algorithm>
#include <cctype>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "arch/rules.h"
#include "tools/portcheck/checks.h"
#include "tools/portcheck/portcheck.h"

namespace vzsim::portcheck {
namespace {

// A path as a URI reference: absolute paths as file:// URIs, relative
// ones as they are; bytes outside RFC 3986's unreserved set and '/'
// percent-encoded.
std::string FileUri(absl::string_view path) {
  std::string out = !path.empty() && path[0] == '/' ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' ||
        c == '~') {
      out += static_cast<char>(c);
    } else {
      absl::StrAppendFormat(&out, "%%%02X", c);
    }
  }
  return out;
}

std::string SarifRules() {
  std::vector<std::string> rules;
  for (const PortingRule& r : PortingRules()) {
    absl::string_view name = r.test_name;  // "R6_IrqRunsInVe0"
    name.remove_prefix(std::min(name.size(), name.find('_') + 1));
    rules.push_back(absl::StrCat(
        "        {\"id\": ", JsonString(r.id), ", \"name\": ", JsonString(name),
        ", \"shortDescription\": {\"text\": ", JsonString(r.title),
        "}, \"fullDescription\": {\"text\": ", JsonString(r.why),
        "}, \"help\": {\"text\": ", JsonString(r.instead),
        "}, \"defaultConfiguration\": {\"level\": \"error\"}}"));
  }
  return absl::StrJoin(rules, ",\n");
}

int RuleIndex(const std::string& id) {
  int k = 0;
  for (const PortingRule& r : PortingRules()) {
    if (id == r.id) return k;
    ++k;
  }
  return -1;
}

std::string SarifResult(const Finding& f) {
  std::string location = absl::StrCat(
      "{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ",
      JsonString(FileUri(f.file)), "}",
      f.line > 0 ? absl::StrCat(", \"region\": {\"startLine\": ", f.line, "}")
                 : "",
      "}");
  if (!f.function.empty()) {
    absl::StrAppend(
        &location,
        ", \"logicalLocations\": [{\"name\": ", JsonString(f.function),
        ", \"kind\": ", JsonString(f.rule == "R10" ? "variable" : "function"),
        "}]");
  }
  return absl::StrCat(
      "        {\"ruleId\": ", JsonString(f.rule),
      ", \"ruleIndex\": ", RuleIndex(f.rule),
      ", \"level\": ", JsonString(SeverityName(f.severity)),
      ", \"message\": {\"text\": ",
      JsonString(absl::StrCat(FindingLabel(f), f.what)), "}, \"locations\": [",
      location, "}], \"properties\": {\"arch\": ", JsonString(f.arch), "}}");
}

}  // namespace

std::string RenderSarif(const Report& report) {
  std::vector<std::string> results;
  for (const Finding& f : report.findings) results.push_back(SarifResult(f));
  return absl::StrCat(
      "{\n  \"$schema\": "
      "\"https://json.schemastore.org/sarif-2.1.0.json\",\n"
      "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
      "      \"tool\": {\"driver\": {\"name\": \"vzsim portcheck\", "
      "\"rules\": [\n",
      SarifRules(), "\n      ]}},\n      \"results\": [\n",
      absl::StrJoin(results, ",\n"), results.empty() ? "" : "\n",
      "      ]\n    }\n  ]\n}\n");
}

}  // namespace vzsim::portcheck
