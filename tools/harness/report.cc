// The harness's report as text and as JSON, and reading a compiler's or a
// loader's message for the name it is about.
#include <regex>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "tools/harness/harness.h"

namespace vzsim::harness {
namespace {

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string FunctionLine(const FunctionReport& f) {
  if (f.kind == "c") return absl::StrCat(f.name, "() ", f.file);
  if (f.kind == "asm") {
    return absl::StrCat(
        f.name, " assembly ", f.file,
        f.helper.empty() ? "" : absl::StrCat(", enters ", f.helper, "()"));
  }
  if (f.kind == "header") {
    return absl::StrCat(f.name,
                        "() not in the tree's arch C: a header "
                        "inline in the kernel, the shim's here");
  }
  if (f.kind == "routed") {
    return absl::StrCat(f.name, "() not in the tree: its caller, assembly ",
                        f.file, ", enters ", f.helper, "() instead");
  }
  return absl::StrCat(f.name, "() not in the tree");
}

}  // namespace

std::string MissingName(const std::string& message) {
  static const std::regex kForms[] = {
      std::regex(R"('([A-Za-z_]\w*)' undeclared)"),
      std::regex(R"(implicit declaration of function '([A-Za-z_]\w*)')"),
      std::regex(R"(unknown type name '([A-Za-z_]\w*)')"),
      std::regex(R"(use of undeclared identifier '([A-Za-z_]\w*)')"),
      std::regex(R"(call to undeclared function '([A-Za-z_]\w*)')"),
      std::regex(R"(undefined symbol: ([A-Za-z_]\w*))"),
      std::regex(R"(undefined reference to `([A-Za-z_]\w*)')"),
      std::regex(R"(has no member named '([A-Za-z_]\w*)')"),
      std::regex(R"(no member named '([A-Za-z_]\w*)')"),
      std::regex(R"((struct [A-Za-z_]\w*)' has no member)"),
      std::regex(R"(incomplete type '(struct [A-Za-z_]\w*)')"),
      std::regex(R"(undefined type '(struct [A-Za-z_]\w*)')"),
      std::regex(R"(storage size of '([A-Za-z_]\w*)' isn't known)"),
  };
  for (const std::regex& re : kForms) {
    std::smatch m;
    if (std::regex_search(message, m, re)) return m[1];
  }
  return "";
}

std::string RenderText(const Report& report) {
  std::string out =
      absl::StrCat("harness: arch ", report.arch, ", tree ", report.tree,
                   ", compiler ", report.compiler, "\n");
  if (!report.replaced.empty()) {
    absl::StrAppend(
        &out, "shim replaces: ", absl::StrJoin(report.replaced, ", "), "\n");
  }
  int pass = 0;
  for (const RuleReport& r : report.rules) {
    if (r.status == "pass") ++pass;
    absl::StrAppend(&out,
                    absl::StrFormat("%-4s %-12s %s\n", r.id,
                                    absl::AsciiStrToUpper(r.status), r.title));
    for (const FunctionReport& f : r.functions) {
      absl::StrAppend(&out, "       ", FunctionLine(f), "\n");
    }
    if (!r.site) absl::StrAppend(&out, "       (no site on this arch)\n");
    if (!r.missing.empty()) {
      absl::StrAppend(&out, "       missing: ", r.missing, "\n");
    }
    if (!r.message.empty()) {
      absl::StrAppend(&out, "       ", r.message, "\n");
    }
    if (!r.explanation.empty()) {
      absl::StrAppend(&out, "       ", r.explanation, "\n");
    }
  }
  absl::StrAppend(&out, absl::StrFormat("%d of %d rules pass (%.1f s)\n", pass,
                                        report.rules.size(), report.seconds));
  if (!report.temp_dir.empty()) {
    absl::StrAppend(&out, "units kept in ", report.temp_dir, "\n");
  }
  return out;
}

std::string RenderJson(const Report& report) {
  std::string out = absl::StrCat(
      "{\n  \"arch\": ", JsonString(report.arch),
      ",\n  \"tree\": ", JsonString(report.tree),
      ",\n  \"compiler\": ", JsonString(report.compiler),
      ",\n  \"seconds\": ", absl::StrFormat("%.3f", report.seconds),
      ",\n  \"all_pass\": ", report.AllPass() ? "true" : "false",
      ",\n  \"replaced\": [",
      absl::StrJoin(report.replaced, ", ",
                    [](std::string* o, const std::string& s) {
                      o->append(JsonString(s));
                    }),
      "]", ",\n  \"rules\": [");
  for (size_t i = 0; i < report.rules.size(); ++i) {
    const RuleReport& r = report.rules[i];
    absl::StrAppend(&out, i ? "," : "", "\n    {\"id\": ", JsonString(r.id),
                    ", \"title\": ", JsonString(r.title),
                    ", \"status\": ", JsonString(r.status),
                    ", \"site\": ", r.site ? "true" : "false",
                    ", \"compiled\": ", r.compiled ? "true" : "false",
                    ", \"missing\": ", JsonString(r.missing),
                    ", \"message\": ", JsonString(r.message),
                    ", \"explanation\": ", JsonString(r.explanation),
                    ", \"functions\": [");
    for (size_t k = 0; k < r.functions.size(); ++k) {
      const FunctionReport& f = r.functions[k];
      absl::StrAppend(&out, k ? ", " : "", "{\"name\": ", JsonString(f.name),
                      ", \"kind\": ", JsonString(f.kind),
                      ", \"file\": ", JsonString(f.file),
                      ", \"helper\": ", JsonString(f.helper), "}");
    }
    absl::StrAppend(&out, "]}");
  }
  absl::StrAppend(&out, "\n  ]\n}\n");
  return out;
}

}  // namespace vzsim::harness
