// One C source file read as code: its tokens (preprocessor lines set
// apart), its function definitions with their extents, the `if` statements
// that control each line, and the lines that only a debug build compiles.
// The checks (checks.h) ask it questions instead of walking raw tokens.
#ifndef VZSIM_TOOLS_PORTCHECK_SOURCE_H_
#define VZSIM_TOOLS_PORTCHECK_SOURCE_H_

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "tools/portcheck/lexer.h"

namespace vzsim::portcheck {

struct Function {
  std::string name;
  int line;           // where the name is written
  size_t begin, end;  // token indexes of the body's braces
  int end_line;       // the closing brace's line
  bool init;          // marked __init (or __devinit, __cpuinit): boot-time
};

// An `if` statement: token ranges [begin, end) of its condition (inside the
// parentheses), its then-branch and its else-branch (empty when none).
struct IfStatement {
  size_t cond_begin, cond_end;
  size_t then_begin, then_end;
  size_t else_begin, else_end;
};

// A condition that controls a token: the `if`'s condition range, and
// whether the token sits in the else-branch.
struct Guard {
  size_t begin, end;
  bool negated;
};

class CFile {
 public:
  // `text` must outlive the CFile.
  explicit CFile(absl::string_view text);
  CFile(const CFile&) = delete;
  CFile& operator=(const CFile&) = delete;

  // Code tokens: everything but preprocessor lines, and of each `#if` /
  // `#else` group one branch only (the first live one), so that braces
  // balance.
  const std::vector<Token>& tokens() const { return t_; }
  // The code of the other branches, for checks that look at names alone.
  const std::vector<Token>& alternatives() const { return alternatives_; }
  const std::vector<Function>& functions() const { return fns_; }
  const Token& operator[](size_t i) const { return t_[i]; }
  size_t size() const { return t_.size(); }

  // The function whose body holds token `i`, or line `line`; or null.
  const Function* Enclosing(size_t i) const;
  const Function* EnclosingLine(int line) const;
  // True on lines inside `#ifdef DEBUG...` (any macro naming DEBUG or DBG,
  // or a TEST_ macro) or `#if 0` blocks: code a normal build does not
  // compile.
  bool InDebugBlock(int line) const;
  // True for a file-scope variable set to zero (or static and not set): a
  // switch that is off unless someone turns it on.
  bool IsOffByDefault(absl::string_view name) const {
    return zero_vars_.count(std::string(name)) > 0;
  }

  bool Is(size_t i, absl::string_view text) const {
    return i < t_.size() && t_[i].text == text;
  }
  // `name (` with `name` an identifier (any name when `name` is empty).
  bool IsCall(size_t i, absl::string_view name = "") const;
  // The index of the bracket closing the one at `open`, or size().
  size_t Close(size_t open) const;
  // The arguments of the call whose name is at `i`: [begin, end) ranges.
  std::vector<std::pair<size_t, size_t>> Args(size_t i) const;
  // The statement holding token `i`: from the token after the previous
  // `;`, `{` or `}` to its `;` (both inclusive).
  std::pair<size_t, size_t> Statement(size_t i) const;
  // Whether an identifier or literal in [b, e) has this exact text.
  bool Has(size_t b, size_t e, absl::string_view text) const;

  // The `if` statements of a function body, outermost first.
  std::vector<IfStatement> Ifs(const Function& f) const;
  // The conditions that control token `i` in `f`, outermost first.
  std::vector<Guard> Guards(const Function& f, size_t i) const;
  // The line after `f`'s declarations (after its opening brace when it
  // has none): where a check at the top of a function goes.
  int FirstStatementLine(const Function& f) const;

 private:
  void FindFunctions();
  void FindZeroVariables();
  void FindDebugBlocks(const std::vector<Token>& all);

  std::vector<Token> t_, alternatives_;
  std::vector<Function> fns_;
  std::vector<std::pair<int, int>> debug_lines_;  // inclusive ranges
  std::set<std::string> zero_vars_;
};

}  // namespace vzsim::portcheck

#endif  // VZSIM_TOOLS_PORTCHECK_SOURCE_H_
