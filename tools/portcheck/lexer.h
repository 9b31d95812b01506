// A C lexer good enough to read kernel arch sources as C, not as lines:
// comments vanish, string and character literals are single tokens (whose
// text is kept, for format-string checks), backslash-newline continuations
// join lines, and every token knows its line. It does not preprocess, but it
// marks the tokens of preprocessor lines (`#define ...`, `#ifdef ...`) so
// readers can keep them apart from code.
#ifndef VZSIM_TOOLS_PORTCHECK_LEXER_H_
#define VZSIM_TOOLS_PORTCHECK_LEXER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace vzsim::portcheck {

struct Token {
  enum Kind { kIdent, kNumber, kString, kChar, kPunct };
  Kind kind;
  absl::string_view text;  // a view into the source: identifiers and
                           // punctuation as written, literals with quotes
  int line;
  bool directive = false;  // part of a preprocessor line
};

// The tokens of C source `text`, which must outlive them. Two-character
// operators (->, ==, !=, <=, >=, &&, ||, ++, --, +=, -=, |=, &=, <<, >>) are
// one token, so `=` is always an assignment.
std::vector<Token> LexC(absl::string_view text);

// `text` with C comments replaced by spaces (newlines kept), for the
// line-oriented reading of assembly files.
std::string StripCComments(absl::string_view text);

}  // namespace vzsim::portcheck

#endif  // VZSIM_TOOLS_PORTCHECK_LEXER_H_
