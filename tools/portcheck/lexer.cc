#include "tools/portcheck/lexer.h"

#include <cctype>

namespace vzsim::portcheck {
namespace {

bool IdentStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool IdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The two-character operators kept whole.
bool TwoCharOperator(char a, char b) {
  switch (a) {
    case '-':
      return b == '>' || b == '-' || b == '=';
    case '+':
      return b == '+' || b == '=';
    case '=':
    case '!':
      return b == '=';
    case '<':
      return b == '=' || b == '<';
    case '>':
      return b == '=' || b == '>';
    case '&':
      return b == '&' || b == '=';
    case '|':
      return b == '|' || b == '=';
    default:
      return false;
  }
}

// The end of the comment, string or character literal starting at `i`.
size_t SkipBlockComment(absl::string_view s, size_t i, int* line) {
  i += 2;
  while (i + 1 < s.size() && !(s[i] == '*' && s[i + 1] == '/')) {
    if (s[i] == '\n') ++*line;
    ++i;
  }
  return i + 2 <= s.size() ? i + 2 : s.size();
}

size_t SkipLiteral(absl::string_view s, size_t i, int* line) {
  const char quote = s[i++];
  while (i < s.size() && s[i] != quote && s[i] != '\n') {
    if (s[i] == '\\' && i + 1 < s.size()) {
      if (s[i + 1] == '\n') ++*line;
      ++i;
    }
    ++i;
  }
  return i < s.size() && s[i] == quote ? i + 1 : i;
}

}  // namespace

std::vector<Token> LexC(absl::string_view s) {
  std::vector<Token> out;
  out.reserve(s.size() / 4);
  int line = 1;
  size_t i = 0;
  const size_t n = s.size();
  bool line_start = true;  // nothing but blanks since the newline
  bool directive = false;  // inside a preprocessor line
  while (i < n) {
    const char c = s[i];
    if (c == '\n') {
      ++line;
      ++i;
      line_start = true;
      directive = false;
    } else if (c == '\\' && i + 1 < n && s[i + 1] == '\n') {
      ++line;  // a continuation: the macro goes on
      i += 2;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
      i = SkipBlockComment(s, i, &line);
    } else if (c == '/' && i + 1 < n && s[i + 1] == '/') {
      while (i < n && s[i] != '\n') ++i;
    } else {
      if (line_start && c == '#') directive = true;
      line_start = false;
      const size_t start = i;
      const int start_line = line;
      Token::Kind kind = Token::kPunct;
      if (c == '"' || c == '\'') {
        i = SkipLiteral(s, i, &line);
        kind = c == '"' ? Token::kString : Token::kChar;
      } else if (IdentStart(c)) {
        while (i < n && IdentChar(s[i])) ++i;
        kind = Token::kIdent;
      } else if (std::isdigit(static_cast<unsigned char>(c))) {
        while (i < n && (IdentChar(s[i]) || s[i] == '.')) ++i;
        kind = Token::kNumber;
      } else {
        i += i + 1 < n && TwoCharOperator(c, s[i + 1]) ? 2 : 1;
      }
      out.push_back({kind, s.substr(start, i - start), start_line, directive});
    }
  }
  return out;
}

std::string StripCComments(absl::string_view s) {
  std::string out(s);
  size_t i = 0;
  while (i + 1 < out.size()) {
    if (out[i] == '/' && out[i + 1] == '*') {
      size_t j = i + 2;
      while (j + 1 < out.size() && !(out[j] == '*' && out[j + 1] == '/')) ++j;
      const size_t end = j + 2 <= out.size() ? j + 2 : out.size();
      for (size_t k = i; k < end; ++k) {
        if (out[k] != '\n') out[k] = ' ';
      }
      i = end;
    } else if (out[i] == '/' && out[i + 1] == '/') {
      while (i < out.size() && out[i] != '\n') out[i++] = ' ';
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace vzsim::portcheck
