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
  // `int (*hook)` then its parameters on the next line: a declarator
  // (arch/ia64/kernel/mca.c: ia64_mca_ucmc_extension), not a macro call.
  if (t[b + 2].text == "*") return false;
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

std::set<std::string> DefinedVariables(absl::string_view text) {
  std::set<std::string> out;
  for (const Item& it : SplitItems(text)) {
    if (it.kind != Item::kCode || !it.function.empty()) continue;
    const absl::string_view s = text.substr(it.begin, it.end - it.begin);
    const auto t = portcheck::LexC(s);
    if (t.empty() || t.back().text != ";") continue;
    if (t.size() == 3 && (t[0].text == "struct" || t[0].text == "union" ||
                          t[0].text == "enum")) {
      continue;  // a tag's declaration
    }
    // Before any initializer: no storage class but the default, and no
    // parenthesis or brace (a prototype, a macro call, a struct body).
    bool skip = false;
    for (const Token& k : t) {
      if (k.text == "=") break;
      if (k.text == "static" || k.text == "extern" || k.text == "typedef" ||
          k.text == "(" || k.text == "{") {
        skip = true;
        break;
      }
    }
    if (!skip) out.insert(it.defines.begin(), it.defines.end());
  }
  return out;
}

std::string Prototype(absl::string_view text, const std::string& fn) {
  for (const Item& it : SplitItems(text)) {
    if (it.function != fn) continue;
    const absl::string_view s = text.substr(it.begin, it.end - it.begin);
    const auto t = portcheck::LexC(s);
    std::string head;
    for (const Token& k : t) {
      if (k.text == "{") break;
      if (k.directive) continue;
      if (k.text == "static") return "";
      if (k.text == "inline" || k.text == "__inline__" ||
          k.text == "__inline") {
        continue;
      }
      absl::StrAppend(&head, head.empty() ? "" : " ", k.text);
    }
    return head + ";\n";
  }
  return "";
}

bool DefinesStatic(absl::string_view text, const std::string& fn) {
  for (const Item& it : SplitItems(text)) {
    if (it.function != fn) continue;
    for (const Token& k :
         portcheck::LexC(text.substr(it.begin, it.end - it.begin))) {
      if (k.text == "{") break;
      if (k.text == "static" && !k.directive) return true;
    }
    return false;
  }
  return false;
}

namespace {

// The item's text with each inline assembly statement (asm or __asm__,
// with or without volatile) replaced by the prelude's stub:
// hx_inline_asm("template", output, n, inputs...) when it has an output
// operand, else hx_inline_asm0("template").
std::string WithoutInlineAsm(absl::string_view s) {
  const auto t = portcheck::LexC(s);
  auto text_of = [&](size_t b, size_t e) {  // tokens [b, e) as written
    if (b >= e) return std::string();
    const size_t from = t[b].text.data() - s.data();
    const size_t to = t[e - 1].text.data() - s.data() + t[e - 1].text.size();
    return std::string(s.substr(from, to - from));
  };
  std::string out;
  size_t copied = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    const absl::string_view w = t[i].text;
    if (w != "asm" && w != "__asm__" && w != "__asm") continue;
    size_t j = i + 1;
    while (j < t.size() &&
           (t[j].text == "volatile" || t[j].text == "__volatile__" ||
            t[j].text == "__volatile"))
      ++j;
    if (j >= t.size() || t[j].text != "(") continue;
    // Operands: `"constraint" (expr)`; the outputs after the first colon,
    // the inputs after the second.
    int depth = 0, colons = 0;
    size_t k = j, colon = 0;
    std::vector<std::string> outs, ins;
    for (; k < t.size(); ++k) {
      if (t[k].text == "(") ++depth;
      if (t[k].text == ")" && --depth == 0) break;
      if (depth == 1 && t[k].text == ":") {
        if (++colons == 1) colon = k;
      }
      if (depth == 2 && t[k].text == "(" && t[k - 1].kind == Token::kString &&
          (colons == 1 || colons == 2)) {
        size_t e = k + 1;
        for (int d = 1; e < t.size(); ++e) {
          if (t[e].text == "(") ++d;
          if (t[e].text == ")" && --d == 0) break;
        }
        (colons == 1 ? outs : ins).push_back(text_of(k + 1, e));
      }
    }
    if (k >= t.size()) break;
    const std::string insn = text_of(j + 1, colon ? colon : k);
    std::string args = absl::StrCat(ins.size());
    for (const std::string& in : ins) {
      absl::StrAppend(&args, ", (unsigned long)(", in, ")");
    }
    const size_t from = t[i].text.data() - s.data();
    absl::StrAppend(&out, s.substr(copied, from - copied),
                    outs.empty() ? absl::StrCat("hx_inline_asm0(", insn, ")")
                                 : absl::StrCat("hx_inline_asm(", insn, ", ",
                                                outs[0], ", ", args, ")"));
    copied = t[k].text.data() - s.data() + 1;
    i = k;
  }
  absl::StrAppend(&out, s.substr(copied));
  return out;
}

}  // namespace

Unit Extract(absl::string_view text, absl::string_view path,
             const std::set<std::string>& wanted,
             const std::set<std::string>& replaced,
             const std::map<std::string, std::string>& after) {
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
    if (it.kind == Item::kCode) {
      unit.defined.insert(it.defines.begin(), it.defines.end());
    }
    const absl::string_view body = text.substr(it.begin, it.end - it.begin);
    absl::StrAppend(
        &unit.text, "#line ", it.line, " \"", path, "\"\n",
        it.function.empty() ? std::string(body) : WithoutInlineAsm(body), "\n");
    if (auto a = after.find(it.function);
        !it.function.empty() && a != after.end()) {
      unit.text += a->second;
    }
  }
  return unit;
}

}  // namespace vzsim::harness
