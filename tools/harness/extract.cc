#include "tools/harness/extract.h"

#include <cctype>
#include <map>
#include <regex>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tools/portcheck/lexer.h"

namespace vzsim::harness {
namespace {

using portcheck::Token;

bool IsIdent(const Token& t) { return t.kind == Token::kIdent; }

// Names that take a parenthesized argument without being the declarator.
bool IsAttributeWord(absl::string_view s) {
  return s == "__attribute__" || s == "__attribute" || s == "__section__" ||
         s == "__aligned" || s == "__typeof__" || s == "typeof" ||
         s == "__typeof" || s == "__asm__" || s == "asm";
}

size_t Offset(absl::string_view text, const Token& t) {
  return t.text.data() - text.data();
}

// A `#` that opens a preprocessor line (only blanks before it).
bool OpensDirective(absl::string_view text, const Token& t) {
  if (!t.directive || t.text != "#") return false;
  for (size_t i = Offset(text, t); i > 0; --i) {
    const char c = text[i - 1];
    if (c == '\n') return true;
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

// One preprocessor line, tokens [b, e).
Item DirectiveItem(absl::string_view text, const std::vector<Token>& t,
                   size_t b, size_t e) {
  Item it;
  it.begin = Offset(text, t[b]);
  it.end = Offset(text, t[e - 1]) + t[e - 1].text.size();
  it.line = t[b].line;
  const absl::string_view word = b + 1 < e ? t[b + 1].text : "";
  if (word == "define" || word == "undef") {
    it.kind = Item::kDefine;
    if (b + 2 < e) it.defines.insert(std::string(t[b + 2].text));
    for (size_t i = b + 3; i < e; ++i) {
      if (IsIdent(t[i])) it.uses.insert(std::string(t[i].text));
    }
  } else if (word == "if" || word == "ifdef" || word == "ifndef" ||
             word == "elif" || word == "else" || word == "endif") {
    it.kind = Item::kCondition;
  } else {
    it.kind = Item::kDropped;  // #include, #error, #pragma, #line
  }
  return it;
}

// The names a declaration (not a function definition) introduces.
void DeclaredNames(const std::vector<Token>& t, size_t b, size_t e, Item* it) {
  // `[static] MACRO(args);`: DEFINE_SPINLOCK(x), EXPORT_SYMBOL(f),
  // DEFINE_PER_CPU(type, name): the last plain argument is the name.
  // A bare call with no `;` (DO_ERROR(...) generating a function whose
  // name it pastes together) defines nothing a reader can name.
  size_t m = b;
  while (m < e && (t[m].text == "static" || t[m].text == "extern")) ++m;
  if (m + 1 < e && IsIdent(t[m]) && t[m + 1].text == "(" &&
      !IsAttributeWord(t[m].text)) {
    if (t[e - 1].text != ";") return;
    int depth = 0;
    std::string last;
    for (size_t i = m + 1; i < e; ++i) {
      if (t[i].text == "(") ++depth;
      if (t[i].text == ")" && --depth == 0) break;
      if (depth == 1 && IsIdent(t[i]) && i + 1 < e &&
          (t[i - 1].text == "(" || t[i - 1].text == ",") &&
          (t[i + 1].text == "," || t[i + 1].text == ")")) {
        last = std::string(t[i].text);
      }
    }
    if (!last.empty()) it->defines.insert(last);
    return;
  }
  int paren = 0, brace = 0;
  const bool is_enum = [&] {
    for (size_t i = b; i < e; ++i)
      if (t[i].text == "enum") return true;
    return false;
  }();
  for (size_t i = b; i < e; ++i) {
    const absl::string_view s = t[i].text;
    const absl::string_view next = i + 1 < e ? t[i + 1].text : "";
    if (s == "(" || s == "[") ++paren;
    if (s == ")" || s == "]") --paren;
    if (s == "{") ++brace;
    if (s == "}") --brace;
    if (!IsIdent(t[i])) continue;
    const bool top = paren == 0 && brace == 0;
    if (top && (next == ";" || next == "," || next == "=" || next == "[" ||
                next == "__attribute__" || next == "{" ||
                (next == "(" && !IsAttributeWord(s)))) {
      it->defines.insert(std::string(s));  // variable, typedef, tag, proto
    } else if (paren == 1 && brace == 0 && next == ")" && i > b &&
               t[i - 1].text == "*") {
      it->defines.insert(std::string(s));  // (*fn_ptr)
    } else if (is_enum && brace == 1 && paren == 0 &&
               (next == "," || next == "=" || next == "}")) {
      it->defines.insert(std::string(s));  // an enum constant
    }
  }
}

// `NAME(...)` with nothing before it, ended by its `)`: a bare macro call
// at file scope (traps.c's DO_ERROR(...) lines carry no `;`).
bool BareMacroCallEnds(const std::vector<Token>& t, size_t b, size_t close) {
  if (close - b < 2 || !IsIdent(t[b]) || t[b + 1].text != "(") return false;
  size_t n = close + 1;
  while (n < t.size() && t[n].directive) ++n;
  if (n >= t.size()) return true;
  const absl::string_view s = t[n].text;
  return t[n].line > t[close].line && s != "{" && s != ";" && s != "=" &&
         s != "," && s != "__attribute__";
}

// One code item starting at token `b`; returns the index of its last token.
size_t CodeItem(absl::string_view text, const std::vector<Token>& t, size_t b,
                Item* it) {
  int paren = 0, brace = 0;
  bool paren_top = false, eq_top = false, is_fn = false;
  std::string fn;
  std::vector<bool> skip;  // per #if level: in a later branch
  size_t j = b;
  for (; j < t.size(); ++j) {
    const Token& tk = t[j];
    if (tk.directive) {
      if (OpensDirective(text, tk) && j + 1 < t.size()) {
        const absl::string_view w = t[j + 1].text;
        if (w == "if" || w == "ifdef" || w == "ifndef") skip.push_back(false);
        if ((w == "else" || w == "elif") && !skip.empty()) skip.back() = true;
        if (w == "endif" && !skip.empty()) skip.pop_back();
      }
      continue;
    }
    if (IsIdent(tk)) it->uses.insert(std::string(tk.text));
    bool skipping = false;
    for (bool s : skip) skipping |= s;
    if (skipping) continue;
    const absl::string_view p = tk.text;
    if (p == "(" || p == "[") {
      if (p == "(" && paren == 0 && brace == 0 && !paren_top && j > b &&
          IsIdent(t[j - 1]) && !IsAttributeWord(t[j - 1].text)) {
        paren_top = true;
        fn = std::string(t[j - 1].text);
      }
      ++paren;
    } else if (p == ")" || p == "]") {
      --paren;
      if (paren == 0 && brace == 0 && p == ")" && BareMacroCallEnds(t, b, j))
        break;
    } else if (p == "{") {
      if (brace == 0 && paren == 0) is_fn = paren_top && !eq_top;
      ++brace;
    } else if (p == "}") {
      if (--brace == 0 && is_fn) break;
    } else if (p == ";" && paren == 0 && brace == 0) {
      break;
    } else if (p == "=" && paren == 0 && brace == 0) {
      eq_top = true;
    }
  }
  if (j >= t.size()) j = t.size() - 1;
  it->kind = Item::kCode;
  it->begin = Offset(text, t[b]);
  it->end = Offset(text, t[j]) + t[j].text.size();
  it->line = t[b].line;
  if (is_fn) {
    it->function = fn;
    it->defines.insert(fn);
  } else {
    DeclaredNames(t, b, j + 1, it);
  }
  return j;
}

}  // namespace

std::vector<Item> SplitItems(absl::string_view text) {
  const std::vector<Token> t = portcheck::LexC(text);
  std::vector<Item> items;
  size_t i = 0;
  while (i < t.size()) {
    if (OpensDirective(text, t[i])) {
      size_t j = i + 1;
      while (j < t.size() && t[j].directive && !OpensDirective(text, t[j])) ++j;
      items.push_back(DirectiveItem(text, t, i, j));
      i = j;
      continue;
    }
    if (t[i].directive) {  // a stray directive token: skip it
      ++i;
      continue;
    }
    Item it;
    const size_t last = CodeItem(text, t, i, &it);
    if (!(last == i && t[i].text == ";")) items.push_back(std::move(it));
    i = last + 1;
  }
  return items;
}

std::set<std::string> DefinedFunctions(absl::string_view text) {
  std::set<std::string> out;
  for (const Item& it : SplitItems(text)) {
    if (!it.function.empty()) out.insert(it.function);
  }
  return out;
}

std::set<std::string> AsmGlobals(absl::string_view text) {
  std::set<std::string> out;
  for (absl::string_view word : {".global", ".globl"}) {
    size_t at = 0;
    while ((at = text.find(word, at)) != absl::string_view::npos) {
      size_t i = at + word.size();
      at = i;
      if (i >= text.size() || (text[i] != ' ' && text[i] != '\t')) continue;
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
      size_t e = i;
      while (e < text.size() &&
             (isalnum(static_cast<unsigned char>(text[e])) || text[e] == '_'))
        ++e;
      if (e > i) out.insert(std::string(text.substr(i, e - i)));
    }
  }
  return out;
}

std::set<std::string> AsmLabels(absl::string_view text) {
  // A label opens an asm string or follows its "\n" or "\t":
  // "kernel_thread_helper:\n\t" in vanilla i386's kernel/process.c.
  static const std::regex kLabel(R"re((?:"|\\n|\\t)([A-Za-z_]\w*):)re");
  std::set<std::string> out;
  const std::string s(text);
  for (std::sregex_iterator it(s.begin(), s.end(), kLabel), end; it != end;
       ++it) {
    out.insert((*it)[1].str());
  }
  return out;
}

Unit Extract(absl::string_view text, absl::string_view path,
             const std::set<std::string>& wanted,
             const std::set<std::string>& replaced) {
  const std::vector<Item> items = SplitItems(text);
  std::multimap<std::string, size_t> by_name;
  for (size_t i = 0; i < items.size(); ++i) {
    for (const std::string& n : items[i].defines) by_name.emplace(n, i);
  }
  Unit unit;
  std::vector<bool> selected(items.size(), false);
  std::vector<std::string> queue(wanted.begin(), wanted.end());
  std::set<std::string> seen(wanted.begin(), wanted.end());
  for (const std::string& w : wanted) {
    for (size_t i = 0; i < items.size(); ++i) {
      if (items[i].function == w) {
        unit.found.push_back(w);
        break;
      }
    }
  }
  while (!queue.empty()) {
    const std::string name = queue.back();
    queue.pop_back();
    auto range = by_name.equal_range(name);
    for (auto it = range.first; it != range.second; ++it) {
      if (selected[it->second] || replaced.count(name)) continue;
      selected[it->second] = true;
      for (const std::string& u : items[it->second].uses) {
        if (seen.insert(u).second) queue.push_back(u);
      }
    }
  }
  for (size_t i = 0; i < items.size(); ++i) {
    const Item& it = items[i];
    if (it.kind == Item::kDropped ||
        (it.kind != Item::kCondition && !selected[i]))
      continue;
    if (!it.function.empty()) unit.included.push_back(it.function);
    absl::StrAppend(&unit.text, "#line ", it.line, " \"", path, "\"\n",
                    text.substr(it.begin, it.end - it.begin), "\n");
  }
  return unit;
}

}  // namespace vzsim::harness
