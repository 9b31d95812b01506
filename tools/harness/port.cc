#include "tools/harness/port.h"

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tools/harness/extract.h"
#include "tools/portcheck/lexer.h"

namespace vzsim::harness {
namespace {

namespace fs = std::filesystem;

absl::StatusOr<std::string> ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", p.string()));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `.field = hook_fn` pairs of the `const struct arch_ops <arch>_arch_ops`
// initializer in the glue.
std::map<std::string, std::string> HookFields(absl::string_view glue) {
  std::map<std::string, std::string> out;
  for (const Item& it : SplitItems(glue)) {
    const absl::string_view text = glue.substr(it.begin, it.end - it.begin);
    if (!absl::StrContains(text, "struct arch_ops")) continue;
    const auto t = portcheck::LexC(text);
    for (size_t i = 0; i + 3 < t.size(); ++i) {
      if (t[i].text == "." && t[i + 2].text == "=" &&
          t[i + 3].kind == portcheck::Token::kIdent) {
        out[std::string(t[i + 1].text)] = std::string(t[i + 3].text);
      }
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<std::map<std::string, int>> ReadHookRules(
    absl::string_view arch_h) {
  static const std::regex kGroup(R"(/\*\s*R(\d+)\b)");
  static const std::regex kField(
      R"(\(\s*\*\s*(\w+)\s*\)\s*\(|\*?\s*(\w+)\s*;)");
  std::map<std::string, int> out;
  int rule = 0;
  bool in_struct = false;
  for (absl::string_view line : absl::StrSplit(arch_h, '\n')) {
    const std::string l(line);
    if (absl::StrContains(l, "struct arch_ops {")) in_struct = true;
    if (!in_struct) continue;
    if (absl::StrContains(l, "no_site")) break;
    std::smatch m;
    if (std::regex_search(l, m, kGroup)) {
      rule = std::stoi(m[1]);
      continue;
    }
    if (rule == 0 ||
        absl::StartsWith(absl::StripLeadingAsciiWhitespace(l), "*")) {
      continue;  // before the first group, or a comment's line
    }
    if (std::regex_search(l, m, kField)) {
      out[m[1].matched ? m[1].str() : m[2].str()] = rule;
    }
  }
  if (out.empty()) {
    return absl::InvalidArgumentError("arch/arch.h: no rule groups found");
  }
  return out;
}

std::set<std::string> PortNames(const std::string& root) {
  std::set<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(root) / "arch", ec)) {
    if (fs::exists(e.path() / "hooks.c") && e.path().filename() != "unported") {
      out.insert(e.path().filename().string());
    }
  }
  return out;
}

namespace {

// What the port's modelled sources say: every function, its file and what
// it uses; the globals; the static helpers; what the port exports.
struct Sources {
  std::map<std::string, std::set<std::string>> uses;
  std::set<std::string> exported;
};

absl::Status ReadSources(const std::string& arch, Port* port, Sources* src) {
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(port->dir, ec)) {
    if (e.path().extension() != ".c" || e.path().filename() == "hooks.c")
      continue;
    auto text = ReadFile(e.path());
    if (!text.ok()) return text.status();
    const std::string file = absl::StrCat(
        "arch/", arch, "/", e.path().lexically_relative(port->dir).string());
    const std::set<std::string> vars = DefinedVariables(*text);
    for (const Item& it : SplitItems(*text)) {
      const absl::string_view s =
          absl::string_view(*text).substr(it.begin, it.end - it.begin);
      if (absl::StartsWith(s, "EXPORT_SYMBOL")) {
        src->exported.insert(it.defines.begin(), it.defines.end());
      }
      if (it.function.empty()) {
        for (const std::string& v : DefinedVariables(s)) {
          if (!vars.count(v)) continue;
          port->variables[v] =
              absl::StrCat("#line ", it.line, " \"", file, "\"\n", s, "\n");
        }
        continue;
      }
      if (absl::StartsWith(s, "static")) {
        port->static_functions.insert(it.function);
      }
      port->function_file[it.function] = file;
      src->uses[it.function].insert(it.uses.begin(), it.uses.end());
    }
  }
  return absl::OkStatus();
}

// Each rule's functions: what its hooks call (R10: what the port exports),
// followed through the port's call graph.
void GroupByRule(absl::string_view glue,
                 const std::map<std::string, int>& hook_rules,
                 const Sources& src, Port* port) {
  std::map<std::string, std::set<std::string>> glue_uses;
  for (const Item& it : SplitItems(glue)) {
    if (!it.function.empty()) glue_uses[it.function] = it.uses;
  }
  for (const auto& [field, hook] : HookFields(glue)) {
    auto r = hook_rules.find(field);
    if (r == hook_rules.end()) continue;
    std::set<std::string>& fns = port->rule_functions[r->second];
    port->rule_fields[r->second].insert(field);
    std::vector<std::string> todo;
    if (absl::StartsWith(field, "ksymtab")) {
      todo.assign(src.exported.begin(), src.exported.end());
    } else {
      todo.assign(glue_uses[hook].begin(), glue_uses[hook].end());
    }
    while (!todo.empty()) {
      const std::string f = todo.back();
      todo.pop_back();
      if (!port->function_file.count(f) || !fns.insert(f).second) continue;
      auto u = src.uses.find(f);
      if (u != src.uses.end()) {
        todo.insert(todo.end(), u->second.begin(), u->second.end());
      }
    }
  }
}

}  // namespace

absl::StatusOr<Port> ReadPort(const std::string& root,
                              const std::string& arch) {
  Port port;
  port.arch = arch;
  port.dir = (fs::path(root) / "arch" / arch).string();
  if (!PortNames(root).count(arch)) {
    return absl::NotFoundError(absl::StrCat("no port named '", arch, "'"));
  }
  auto arch_h = ReadFile(fs::path(root) / "arch" / "arch.h");
  if (!arch_h.ok()) return arch_h.status();
  auto hook_rules = ReadHookRules(*arch_h);
  if (!hook_rules.ok()) return hook_rules.status();
  Sources src;
  if (absl::Status s = ReadSources(arch, &port, &src); !s.ok()) return s;
  auto glue = ReadFile(fs::path(port.dir) / "hooks.c");
  if (!glue.ok()) return glue.status();
  GroupByRule(*glue, *hook_rules, src, &port);
  auto kbuild = ReadFile(fs::path(port.dir) / "kbuild.h");
  if (kbuild.ok()) {
    static const std::regex kDefine(R"(#define\s+(\w+)\s+(\w+)\s*$)");
    for (absl::string_view line : absl::StrSplit(*kbuild, '\n')) {
      std::smatch m;
      const std::string l(line);
      if (std::regex_search(l, m, kDefine)) port.link_names[m[2]] = m[1];
    }
  }
  return port;
}

}  // namespace vzsim::harness
