#include "tools/vzsim/checklist.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "arch/conformance/checks.h"
#include "arch/rules.h"

namespace vzsim {
namespace {

// Wraps `text` at `width` columns, each line indented by `indent` spaces.
std::string Wrap(const std::string& text, size_t indent, size_t width = 78) {
  std::string out, line(indent, ' ');
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(' ', pos);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(pos, end - pos);
    if (line.size() > indent && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line = std::string(indent, ' ');
    }
    if (line.size() > indent) line += " ";
    line += word;
    pos = end + 1;
  }
  if (line.size() > indent) out += line + "\n";
  return out;
}

}  // namespace

std::string RenderRules() {
  std::string out =
      "The porting rules: what an architecture's code must do for OpenVZ.\n"
      "Check an architecture with: vzsim check --arch NAME\n";
  for (const PortingRule& rule : PortingRules()) {
    absl::StrAppend(&out, "\n", rule.id, "  ", rule.title, "\n");
    absl::StrAppend(&out, "    why:\n", Wrap(rule.why, 6));
    absl::StrAppend(&out, "    instead:\n", Wrap(rule.instead, 6));
    absl::StrAppend(&out, "    checked through: ", rule.hooks, "\n");
  }
  return out;
}

std::string RenderRulesMarkdown() {
  std::string out;
  for (const PortingRule& rule : PortingRules()) {
    if (!out.empty()) out += "\n";
    absl::StrAppend(&out, "<!-- catalog:", rule.id, " -->\n## ", rule.id, " ",
                    rule.title, "\n\n");
    absl::StrAppend(&out, Wrap(absl::StrCat("**Why.** ", rule.why), 0, 76),
                    "\n");
    absl::StrAppend(&out,
                    Wrap(absl::StrCat("**Instead.** ", rule.instead), 0, 76));
    absl::StrAppend(&out, "<!-- /catalog:", rule.id, " -->\n");
  }
  return out;
}

int RunChecklist(const arch_ops& arch, std::ostream& out) {
  out << "Porting checklist for " << arch.name << " (" << arch.description
      << ")\n\n";
  int failed = 0;
  for (const RuleResult& r : CheckArch(arch)) {
    const Verdict& v = r.verdict;
    out << (v.pass ? "PASS  " : "FAIL  ") << v.explanation << "\n";
    if (!v.pass) {
      ++failed;
      out << Wrap(absl::StrCat("instead: ", r.rule->instead), 6);
    }
  }
  out << "\n"
      << absl::StrFormat("%d of %zu rules pass", 10 - failed,
                         PortingRules().size())
      << (failed ? absl::StrFormat("; %d to fix", failed) : "") << "\n";
  return failed;
}

}  // namespace vzsim
