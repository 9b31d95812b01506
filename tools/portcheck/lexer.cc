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

}  // namespace

std::vector<Token> LexC(absl::string_view s) {
  std::vector<Token> out;
  out.reserve(s.size() / 4);
  int line = 1;
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const char c = s[i];
    if (c == '\n') {
      ++line;
      ++i;
    } else if (c == '\\' && i + 1 < n && s[i + 1] == '\n') {
      ++line;  // a continuation: the macro goes on
      i += 2;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
      i += 2;
      while (i + 1 < n && !(s[i] == '*' && s[i + 1] == '/')) {
        if (s[i] == '\n') ++line;
        ++i;
      }
      i = i + 2 <= n ? i + 2 : n;
    } else if (c == '/' && i + 1 < n && s[i + 1] == '/') {
      while (i < n && s[i] != '\n') ++i;
    } else if (c == '"' || c == '\'') {
      const size_t start = i++;
      const int start_line = line;
      while (i < n && s[i] != c && s[i] != '\n') {
        if (s[i] == '\\' && i + 1 < n) {
          if (s[i + 1] == '\n') ++line;
          ++i;
        }
        ++i;
      }
      if (i < n && s[i] == c) ++i;
      out.push_back({c == '"' ? Token::kString : Token::kChar,
                     s.substr(start, i - start), start_line});
    } else if (IdentStart(c)) {
      const size_t start = i;
      while (i < n && IdentChar(s[i])) ++i;
      out.push_back({Token::kIdent, s.substr(start, i - start), line});
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      const size_t start = i;
      while (i < n && (IdentChar(s[i]) || s[i] == '.')) ++i;
      out.push_back({Token::kNumber, s.substr(start, i - start), line});
    } else {
      // Two-character operators that matter here: -> (member access).
      if (c == '-' && i + 1 < n && s[i + 1] == '>') {
        out.push_back({Token::kPunct, s.substr(i, 2), line});
        i += 2;
      } else {
        out.push_back({Token::kPunct, s.substr(i, 1), line});
        ++i;
      }
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
