#include "tools/portcheck/source.h"

#include <algorithm>

#include "absl/strings/match.h"

namespace vzsim::portcheck {
namespace {

bool IsKeywordNotName(absl::string_view s) {
  return s == "if" || s == "for" || s == "while" || s == "switch" ||
         s == "sizeof" || s == "return" || s == "__attribute__" ||
         s == "typeof" || s == "__typeof__";
}

bool IsInitMarker(absl::string_view s) {
  return s == "__init" || s == "__devinit" || s == "__cpuinit" ||
         s == "__meminit" || s == "__init_or_module";
}

bool IsDeclarationWord(absl::string_view s) {
  static const char* const kWords[] = {
      "struct",   "union",  "enum",     "const",  "volatile", "static",
      "register", "extern", "unsigned", "signed", "int",      "long",
      "short",    "char",   "void",     "float",  "double",   "_Bool",
      "typedef",  "auto",   "u8",       "u16",    "u32",      "u64"};
  for (const char* w : kWords) {
    if (s == w) return true;
  }
  return false;
}

bool IsStatementWord(absl::string_view s) {
  static const char* const kWords[] = {
      "return", "if",       "for",  "while",   "do",   "switch", "goto",
      "break",  "continue", "case", "default", "else", "asm",    "__asm__"};
  for (const char* w : kWords) {
    if (s == w) return true;
  }
  return false;
}

// A `{` that opens a struct body or an initializer, not a block.
bool IsAggregateOpening(const CFile& f, size_t j) {
  const auto aggregate = [&](size_t k) {
    return f.Is(k, "struct") || f.Is(k, "union") || f.Is(k, "enum");
  };
  return f.Is(j - 1, "=") || aggregate(j - 1) ||
         (j >= 2 && f[j - 1].kind == Token::kIdent && aggregate(j - 2));
}

// Parses a function body into statements, recording its `if`s and the
// starts of its top-level statements. Every step moves forward, so bad
// input (unbalanced braces from #ifdef'd code) cannot loop.
class BodyParser {
 public:
  BodyParser(const CFile& f, std::vector<IfStatement>* ifs,
             std::vector<size_t>* top)
      : f_(f), ifs_(ifs), top_(top) {}

  void Block(size_t i, size_t end, bool top) {
    while (i < end) {
      if (top && top_ != nullptr) top_->push_back(i);
      i = std::max(Statement(i, end), i + 1);
    }
  }

 private:
  size_t CloseWithin(size_t open, size_t limit) const {
    return std::min(f_.Close(open), limit);
  }

  size_t Statement(size_t i, size_t limit) {
    if (i >= limit) return limit;
    const absl::string_view s = f_[i].text;
    if (s == "{") {
      const size_t close = CloseWithin(i, limit);
      Block(i + 1, close, false);
      return std::min(close + 1, limit);
    }
    if (s == ";" || s == "}") return i + 1;
    if (s == "if" && f_.Is(i + 1, "(")) return If(i, limit);
    if ((s == "for" || s == "while" || s == "switch") && f_.Is(i + 1, "(")) {
      return Statement(CloseWithin(i + 1, limit) + 1, limit);
    }
    if (s == "do") {
      const size_t body_end = Statement(i + 1, limit);
      if (!f_.Is(body_end, "while") || !f_.Is(body_end + 1, "(")) {
        return body_end;
      }
      const size_t close = CloseWithin(body_end + 1, limit);
      return std::min(close + (f_.Is(close + 1, ";") ? 2 : 1), limit);
    }
    if (s == "else") return Statement(i + 1, limit);
    if (s == "case" || s == "default") {
      size_t j = i + 1;
      while (j < limit && f_[j].text != ":") ++j;
      return std::min(j + 1, limit);
    }
    if (f_[i].kind == Token::kIdent && f_.Is(i + 1, ":")) return i + 2;
    return Expression(i, limit);
  }

  size_t If(size_t i, size_t limit) {
    const size_t close = CloseWithin(i + 1, limit);
    const size_t index = ifs_->size();
    ifs_->push_back({i + 2, close, close + 1, close + 1, 0, 0});
    const size_t then_end = Statement(close + 1, limit);
    size_t else_begin = then_end, else_end = then_end;
    if (f_.Is(then_end, "else") && then_end < limit) {
      else_begin = then_end + 1;
      else_end = Statement(else_begin, limit);
    }
    IfStatement& st = (*ifs_)[index];
    st.then_end = then_end;
    st.else_begin = else_begin;
    st.else_end = else_end;
    return else_end;
  }

  // An expression statement up to its `;`. A keyword that starts a
  // statement ends it early: what came before was a loop macro's header
  // (`list_for_each(p, head) if (...)`), and the loop's body follows.
  size_t Expression(size_t i, size_t limit) {
    size_t j = i;
    while (j < limit) {
      const absl::string_view s = f_[j].text;
      if (s == "(" || s == "[") {
        j = CloseWithin(j, limit) + 1;
        continue;
      }
      if (s == ";") return j + 1;
      if (s == "}") return j;
      if (s == "{" && j > i && IsAggregateOpening(f_, j)) {
        j = CloseWithin(j, limit) + 1;  // `struct { ... } x;`, `= { ... }`
        continue;
      }
      if (j > i && (s == "{" || s == "if" || s == "for" || s == "while" ||
                    s == "do" || s == "switch")) {
        return j;
      }
      ++j;
    }
    return limit;
  }

  const CFile& f_;
  std::vector<IfStatement>* ifs_;
  std::vector<size_t>* top_;
};

// Which tokens sit in the other branches of a conditional group (`#else`,
// `#elif`): braces opened in one branch and again in the other would
// unbalance the structure (arch/sparc/kernel/process.c: exit_thread()), so
// the structure is read from one branch. That is the first, unless it is
// `#if 0`, whose code is dead: then the next.
std::vector<bool> AlternativeBranches(const std::vector<Token>& all) {
  std::vector<bool> alt(all.size(), false);
  struct Group {
    bool in_alt;      // the current branch is an alternative one
    bool first_dead;  // the group opened with `#if 0`
    int branch;       // 0 for the first
  };
  std::vector<Group> stack;
  int alt_depth = 0;  // enclosing groups whose current branch is alternative
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].directive && all[i].text == "#" && i + 1 < all.size()) {
      const absl::string_view kw = all[i + 1].text;
      if (kw == "if" || kw == "ifdef" || kw == "ifndef") {
        const bool dead = kw == "if" && i + 2 < all.size() &&
                          all[i + 2].text == "0" &&
                          !(i + 3 < all.size() && all[i + 3].directive &&
                            all[i + 3].line == all[i + 2].line);
        stack.push_back({dead, dead, 0});
        alt_depth += dead;
      } else if ((kw == "else" || kw == "elif") && !stack.empty()) {
        Group& g = stack.back();
        alt_depth -= g.in_alt;
        ++g.branch;
        g.in_alt = !(g.first_dead && g.branch == 1);
        alt_depth += g.in_alt;
      } else if (kw == "endif" && !stack.empty()) {
        alt_depth -= stack.back().in_alt;
        stack.pop_back();
      }
    }
    alt[i] = alt_depth > 0;
  }
  return alt;
}

}  // namespace

CFile::CFile(absl::string_view text) {
  std::vector<Token> all = LexC(text);
  FindDebugBlocks(all);
  const std::vector<bool> alt = AlternativeBranches(all);
  t_.reserve(all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].directive) continue;
    (alt[i] ? alternatives_ : t_).push_back(all[i]);
  }
  FindFunctions();
  FindZeroVariables();
}

const Function* CFile::EnclosingLine(int line) const {
  for (const Function& f : fns_) {
    if (line > t_[f.begin].line && line < f.end_line) return &f;
  }
  return nullptr;
}

bool CFile::IsCall(size_t i, absl::string_view name) const {
  return i < t_.size() && t_[i].kind == Token::kIdent &&
         (name.empty() || t_[i].text == name) && Is(i + 1, "(");
}

size_t CFile::Close(size_t open) const {
  if (open >= t_.size()) return t_.size();
  const absl::string_view o = t_[open].text;
  const absl::string_view c = o == "(" ? ")" : o == "[" ? "]" : "}";
  int depth = 0;
  for (size_t j = open; j < t_.size(); ++j) {
    if (t_[j].text == o) ++depth;
    if (t_[j].text == c && --depth == 0) return j;
  }
  return t_.size();
}

std::vector<std::pair<size_t, size_t>> CFile::Args(size_t i) const {
  std::vector<std::pair<size_t, size_t>> out;
  if (!IsCall(i)) return out;
  const size_t close = Close(i + 1);
  size_t begin = i + 2;
  for (size_t j = begin; j < close; ++j) {
    const absl::string_view s = t_[j].text;
    if (s == "(" || s == "[" || s == "{") {
      j = Close(j);
    } else if (s == ",") {
      out.push_back({begin, j});
      begin = j + 1;
    }
  }
  if (begin < close) out.push_back({begin, close});
  return out;
}

std::pair<size_t, size_t> CFile::Statement(size_t i) const {
  size_t b = i, e = i;
  while (b > 0 && t_[b - 1].text != ";" && t_[b - 1].text != "{" &&
         t_[b - 1].text != "}") {
    --b;
  }
  while (e + 1 < t_.size() && t_[e].text != ";") ++e;
  return {b, e};
}

bool CFile::Has(size_t b, size_t e, absl::string_view text) const {
  for (size_t j = b; j < e && j < t_.size(); ++j) {
    if (t_[j].text == text) return true;
  }
  return false;
}

const Function* CFile::Enclosing(size_t i) const {
  auto it =
      std::upper_bound(fns_.begin(), fns_.end(), i,
                       [](size_t v, const Function& f) { return v < f.begin; });
  if (it == fns_.begin()) return nullptr;
  --it;
  return i <= it->end ? &*it : nullptr;
}

bool CFile::InDebugBlock(int line) const {
  for (const auto& [from, to] : debug_lines_) {
    if (line >= from && line <= to) return true;
  }
  return false;
}

std::vector<IfStatement> CFile::Ifs(const Function& f) const {
  std::vector<IfStatement> ifs;
  BodyParser(*this, &ifs, nullptr).Block(f.begin + 1, f.end, false);
  return ifs;
}

std::vector<Guard> CFile::Guards(const Function& f, size_t i) const {
  std::vector<Guard> out;
  for (const IfStatement& st : Ifs(f)) {
    if (i >= st.then_begin && i < st.then_end) {
      out.push_back({st.cond_begin, st.cond_end, false});
    } else if (i >= st.else_begin && i < st.else_end) {
      out.push_back({st.cond_begin, st.cond_end, true});
    }
  }
  return out;
}

int CFile::FirstStatementLine(const Function& f) const {
  std::vector<IfStatement> ifs;
  std::vector<size_t> top;
  BodyParser(*this, &ifs, &top).Block(f.begin + 1, f.end, true);
  int after = t_[f.begin].line + 1;  // after the last declaration
  for (size_t k = 0; k < top.size(); ++k) {
    const size_t s = top[k];
    const Token& tok = t_[s];
    if (tok.kind != Token::kIdent || IsStatementWord(tok.text)) break;
    const bool declaration =
        IsDeclarationWord(tok.text) || absl::StartsWith(tok.text, "DEFINE_") ||
        absl::StartsWith(tok.text, "DECLARE_") ||
        (s + 1 < t_.size() && t_[s + 1].kind == Token::kIdent &&
         !Is(s + 2, "(")) ||
        (Is(s + 1, "*") && s + 2 < t_.size() &&
         t_[s + 2].kind == Token::kIdent &&
         (Is(s + 3, "=") || Is(s + 3, ";") || Is(s + 3, ",") ||
          Is(s + 3, "[")));
    if (!declaration) break;
    const size_t next = k + 1 < top.size() ? top[k + 1] : f.end;
    after = t_[next - 1].line + 1;
  }
  return after;
}

// Top-level function definitions: a `{` at depth 0 after `name(...)`,
// skipping attribute macros between the parameter list and the brace
// (`__acquires(x)`, `__attribute__((weak))`).
void CFile::FindFunctions() {
  int depth = 0;
  for (size_t i = 0; i < t_.size(); ++i) {
    if (t_[i].text == "}") depth = std::max(0, depth - 1);
    if (t_[i].text != "{") continue;
    if (depth++ > 0) continue;
    size_t pos = i;
    size_t name = t_.size();
    while (pos > 1 && t_[pos - 1].kind == Token::kIdent &&
           absl::StartsWith(t_[pos - 1].text, "__") &&
           t_[pos - 2].text == ")") {
      --pos;  // `f(void) __kprobes {`
    }
    while (pos > 0 && t_[pos - 1].text == ")") {
      size_t open = pos - 1;
      for (int d = 0;; --open) {  // back to the matching `(`
        if (t_[open].text == ")") ++d;
        if (t_[open].text == "(" && --d == 0) break;
        if (open == 0) break;
      }
      if (open < 2 || t_[open].text != "(") break;
      const Token& before = t_[open - 1];
      if (before.kind != Token::kIdent || IsKeywordNotName(before.text)) {
        if (before.text != "__attribute__") break;
      }
      if (t_[open - 2].text == ")" && absl::StartsWith(before.text, "__")) {
        pos = open - 1;  // an attribute after the parameters
        continue;
      }
      if (before.kind == Token::kIdent && !IsKeywordNotName(before.text)) {
        name = open - 1;
      }
      break;
    }
    if (name == t_.size()) continue;
    const size_t end = std::min(Close(i), t_.size() - 1);
    bool init = false;
    for (size_t k = name; k-- > 0 && name - k < 12;) {
      const absl::string_view s = t_[k].text;
      if (s == ";" || s == "}" || s == "{") break;
      init = init || IsInitMarker(s);
    }
    fns_.push_back({std::string(t_[name].text), t_[name].line, i, end,
                    t_[end].line, init});
  }
}

// File-scope `int x = 0;` and `static int x;`.
void CFile::FindZeroVariables() {
  int depth = 0;
  size_t decl_start = 0;
  for (size_t i = 0; i < t_.size(); ++i) {
    const absl::string_view s = t_[i].text;
    if (s == "{") ++depth;
    if (s == "}") depth = std::max(0, depth - 1);
    if (depth > 0 || s == "{") continue;
    if (s == ";" || s == "}") {
      decl_start = i + 1;
      continue;
    }
    if (t_[i].kind != Token::kIdent) continue;
    const bool is_extern = Has(decl_start, i, "extern");
    const bool zero =
        Is(i + 1, "=") && Is(i + 2, "0") && (Is(i + 3, ";") || Is(i + 3, ","));
    const bool bare_static = Is(i + 1, ";") && Has(decl_start, i, "static") &&
                             !Has(decl_start, i, "(");
    if (!is_extern && (zero || bare_static)) {
      zero_vars_.insert(std::string(s));
    }
  }
}

// `#if 0` blocks and blocks under a macro naming DEBUG or DBG, up to their
// `#else`, `#elif` or `#endif` (the other way round for `#ifndef DEBUG`).
void CFile::FindDebugBlocks(const std::vector<Token>& all) {
  struct Open {
    bool debug, debug_else;
    int since;
  };
  std::vector<Open> stack;
  for (size_t i = 0; i + 1 < all.size(); ++i) {
    if (!all[i].directive || all[i].text != "#") continue;
    const absl::string_view kw = all[i + 1].text;
    const int line = all[i].line;
    bool mentions = false, negated = kw == "ifndef", zero = false;
    size_t j = i + 2;
    for (; j < all.size() && all[j].directive && all[j].text != "#"; ++j) {
      const absl::string_view s = all[j].text;
      mentions = mentions || absl::StrContains(s, "DEBUG") ||
                 absl::StrContains(s, "DBG") || absl::StartsWith(s, "TEST_");
      if (j == i + 2) {
        negated = negated || s == "!";
        zero = kw == "if" && s == "0" &&
               !(j + 1 < all.size() && all[j + 1].directive &&
                 all[j + 1].text != "#");
      }
    }
    auto close = [&](int to) {
      if (!stack.empty() && stack.back().debug) {
        debug_lines_.push_back({stack.back().since, to});
      }
    };
    if (kw == "if" || kw == "ifdef" || kw == "ifndef") {
      const bool debug = (mentions && !negated) || zero;
      stack.push_back({debug, mentions && negated, line});
    } else if ((kw == "elif" || kw == "else") && !stack.empty()) {
      close(line);
      stack.back().debug =
          kw == "else" ? stack.back().debug_else : (mentions && !negated);
      stack.back().debug_else = false;
      stack.back().since = line;
    } else if (kw == "endif" && !stack.empty()) {
      close(line);
      stack.pop_back();
    }
  }
}

}  // namespace vzsim::portcheck
