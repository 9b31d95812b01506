#include "tools/portcheck/asm.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tools/portcheck/lexer.h"

namespace vzsim::portcheck {
namespace {

bool IdentStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool IdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

// The identifier at the start of `s` (empty if none).
absl::string_view LeadingIdent(absl::string_view s) {
  if (s.empty() || !IdentStart(s[0])) return {};
  size_t n = 1;
  while (n < s.size() && IdentChar(s[n])) ++n;
  return s.substr(0, n);
}

bool IsUpperName(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!(std::isupper(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_')) {
      return false;
    }
  }
  return true;
}

// The symbol at the start of `s`, unwrapped from an upper-case wrapper
// such as SYMBOL_NAME(x) or C_SYMBOL_NAME(x); `rest` is what follows it.
absl::string_view Symbol(absl::string_view s, absl::string_view* rest) {
  absl::string_view name = LeadingIdent(s);
  *rest = name.empty() ? s : s.substr(name.size());
  absl::string_view after = absl::StripLeadingAsciiWhitespace(*rest);
  if (IsUpperName(name) && absl::ConsumePrefix(&after, "(")) {
    after = absl::StripLeadingAsciiWhitespace(after);
    const absl::string_view inner = LeadingIdent(after);
    after = absl::StripLeadingAsciiWhitespace(after.substr(inner.size()));
    if (!inner.empty() && absl::ConsumePrefix(&after, ")")) {
      *rest = after;
      return inner;
    }
  }
  return name;
}

// `NAME(arg` at the start of `s`, the argument unwrapped as by Symbol().
bool MacroCall(absl::string_view s, absl::string_view* macro,
               absl::string_view* arg, absl::string_view* rest) {
  *macro = LeadingIdent(s);
  if (macro->empty()) return false;
  absl::string_view r =
      absl::StripLeadingAsciiWhitespace(s.substr(macro->size()));
  if (!absl::ConsumePrefix(&r, "(")) return false;
  *arg = Symbol(absl::StripLeadingAsciiWhitespace(r), rest);
  return !arg->empty();
}

std::vector<absl::string_view> Segments(absl::string_view name) {
  return absl::StrSplit(name, '_', absl::SkipEmpty());
}

// An entry macro by its name, for macros the file does not define itself.
bool LooksLikeEntryMacro(absl::string_view name) {
  if (!IsUpperName(name)) return false;
  bool entry = false;
  for (absl::string_view seg : Segments(name)) {
    if (seg == "END" || absl::StartsWith(seg, "END")) return false;
    entry = entry || seg == "ENTRY" || seg == "LEAF" || seg == "NESTED" ||
            seg == "GLOBAL" || seg == "FEXPORT" || seg == "LABEL" ||
            seg == "PROC" || seg == "FUNC";
  }
  return entry;
}

bool LooksLikeEndMacro(absl::string_view name) {
  return IsUpperName(name) && absl::StartsWith(name, "END");
}

bool IsGlobalDirective(absl::string_view d) {
  return d == ".globl" || d == ".global" || d == ".export" || d == ".ent" ||
         d == ".type" || d == ".proc";
}

// Comments that survive StripCComments: `! ...` (sparc) and `# ...` after
// code (x86, alpha, mips), both only after a blank so that `#imm` stays.
absl::string_view CutLineComment(absl::string_view line) {
  for (size_t i = 1; i < line.size(); ++i) {
    const bool blank_before = line[i - 1] == ' ' || line[i - 1] == '\t';
    if (!blank_before) continue;
    if (line[i] == '!') return line.substr(0, i);
    if (line[i] == '#' &&
        (i + 1 == line.size() || line[i + 1] == ' ' || line[i + 1] == '\t')) {
      return line.substr(0, i);
    }
  }
  return line;
}

// A `#define NAME(param, ...) body`: whether the body makes `param` a label
// or a global symbol.
void LearnMacro(absl::string_view def, std::map<std::string, bool>* macros) {
  absl::string_view s = absl::StripLeadingAsciiWhitespace(def);
  if (!absl::ConsumePrefix(&s, "#")) return;
  s = absl::StripLeadingAsciiWhitespace(s);
  if (!absl::ConsumePrefix(&s, "define")) return;
  s = absl::StripLeadingAsciiWhitespace(s);
  absl::string_view name, param, rest;
  if (!MacroCall(s, &name, &param, &rest)) return;
  const size_t close = rest.find(')');
  if (close == absl::string_view::npos) return;
  const absl::string_view body = rest.substr(close + 1);
  bool entry = false, seen_global = false;
  size_t i = 0;
  while (i < body.size()) {
    if (!IdentStart(body[i]) && body[i] != '.') {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < body.size() && (IdentChar(body[j]) || body[j] == '.')) ++j;
    const absl::string_view word = body.substr(i, j - i);
    if (IsGlobalDirective(word)) seen_global = true;
    if (word == param) {
      size_t k = j;
      while (k < body.size() && (body[k] == ' ' || body[k] == '#')) ++k;
      const bool label = k < body.size() && body[k] == ':' &&
                         !(k + 1 < body.size() && body[k + 1] == ':');
      entry = entry || label || seen_global;
    }
    i = j;
  }
  (*macros)[std::string(name)] = entry;
}

struct Line {
  int number;
  absl::string_view code;  // comments cut, leading blanks stripped
};

}  // namespace

bool SameSymbol(absl::string_view asm_name, absl::string_view c_name) {
  return asm_name == c_name ||
         (asm_name.size() == c_name.size() + 1 && asm_name[0] == '_' &&
          asm_name.substr(1) == c_name);
}

std::vector<AsmEntry> ParseAsmEntries(absl::string_view text) {
  const std::string clean = StripCComments(text);
  std::vector<Line> lines;
  std::map<std::string, bool> macros;  // the file's own: defines an entry?
  std::string joined;                  // a #define with its continuations
  int number = 0;
  for (absl::string_view raw : absl::StrSplit(clean, '\n')) {
    ++number;
    const absl::string_view code =
        absl::StripAsciiWhitespace(CutLineComment(raw));
    if (!joined.empty() || absl::StartsWith(code, "#")) {
      joined.append(code.data(), code.size());
      if (absl::EndsWith(code, "\\")) continue;
      LearnMacro(joined, &macros);
      joined.clear();
      continue;
    }
    if (!code.empty()) lines.push_back({number, code});
  }

  std::set<std::string> globals;
  std::vector<std::pair<int, std::string>> starts;  // line, name
  std::vector<std::pair<int, std::string>> labels;
  std::multimap<std::string, int> ends;
  for (const Line& l : lines) {
    absl::string_view code = l.code, rest;
    const absl::string_view word =
        code[0] == '.' ? code.substr(0, code.find_first_of(" \t"))
                       : absl::string_view();
    if (IsGlobalDirective(word) || word == ".end" || word == ".endp" ||
        word == ".size") {
      absl::string_view args =
          absl::StripLeadingAsciiWhitespace(code.substr(word.size()));
      const bool list = word == ".globl" || word == ".global";
      for (absl::string_view a : absl::StrSplit(args, ',')) {
        const absl::string_view sym =
            Symbol(absl::StripLeadingAsciiWhitespace(a), &rest);
        if (sym.empty()) break;
        if (IsGlobalDirective(word)) globals.insert(std::string(sym));
        if (!IsGlobalDirective(word)) ends.emplace(std::string(sym), l.number);
        if (!list) break;
      }
      continue;
    }
    absl::string_view macro, arg;
    if (MacroCall(code, &macro, &arg, &rest)) {
      auto known = macros.find(std::string(macro));
      const bool entry =
          known != macros.end() ? known->second : LooksLikeEntryMacro(macro);
      if (entry) starts.push_back({l.number, std::string(arg)});
      if (LooksLikeEndMacro(macro)) ends.emplace(std::string(arg), l.number);
      if (entry || LooksLikeEndMacro(macro)) continue;
    }
    const absl::string_view label = Symbol(code, &rest);
    if (!label.empty() && absl::ConsumePrefix(&rest, ":") &&
        !absl::StartsWith(rest, ":") && !absl::StartsWith(rest, "=")) {
      labels.push_back({l.number, std::string(label)});
    }
  }
  for (const auto& [line, name] : labels) {
    if (globals.count(name)) starts.push_back({line, name});
  }
  std::sort(starts.begin(), starts.end());

  std::vector<AsmEntry> out;
  std::set<std::string> seen;
  for (size_t k = 0; k < starts.size(); ++k) {
    const auto& [line, name] = starts[k];
    if (!seen.insert(name).second) continue;
    const int last = lines.empty() ? number : lines.back().number;
    int end = k + 1 < starts.size() ? starts[k + 1].first - 1 : last;
    auto [b, e] = ends.equal_range(name);
    for (auto it = b; it != e; ++it) {
      if (it->second >= line) end = std::min(end, it->second);
    }
    out.push_back({name, line, std::max(end, line), {}});
  }
  // References: the identifiers of each entry's lines, registers (%rax)
  // and directives (.word) left out.
  size_t li = 0;
  for (AsmEntry& entry : out) {
    while (li < lines.size() && lines[li].number < entry.line) ++li;
    for (size_t j = li; j < lines.size() && lines[j].number <= entry.end_line;
         ++j) {
      const absl::string_view c = lines[j].code;
      for (size_t i = 0; i < c.size();) {
        if (!IdentStart(c[i]) ||
            (i > 0 &&
             (c[i - 1] == '%' || c[i - 1] == '.' || IdentChar(c[i - 1])))) {
          ++i;
          continue;
        }
        const absl::string_view id = LeadingIdent(c.substr(i));
        entry.refs.push_back({std::string(id), lines[j].number});
        i += id.size();
      }
    }
  }
  return out;
}

}  // namespace vzsim::portcheck
