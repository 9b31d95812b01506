// A small JSON reader for tests (sarif_test.cc): RFC 8259 values, strict
// enough to reject what a real consumer would (trailing commas, bad
// escapes, raw control characters, unpaired surrogates are accepted as
// code points). Not for use outside tests.
#ifndef VZSIM_TOOLS_PORTCHECK_JSON_FOR_TEST_H_
#define VZSIM_TOOLS_PORTCHECK_JSON_FOR_TEST_H_

#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace vzsim::portcheck::testing {

struct Json {
  enum Kind { kNull, kBool, kNumber, kString, kArray, kObject } kind = kNull;
  bool boolean = false;
  double number = 0;
  bool integer = false;  // written without fraction or exponent
  std::string string;
  std::vector<Json> array;
  std::map<std::string, Json> object;
};

class JsonReader {
 public:
  // Parses all of `text`; false (with `error()`) on any defect.
  bool Parse(const std::string& text, Json* out) {
    s_ = &text;
    i_ = 0;
    if (!Value(out, 0)) return false;
    Blank();
    return i_ == s_->size() || Fail("text after the value");
  }
  const std::string& error() const { return error_; }

 private:
  bool Fail(const std::string& why) {
    error_ = why + " at byte " + std::to_string(i_);
    return false;
  }
  void Blank() {
    while (i_ < s_->size() &&
           std::string(" \t\n\r").find((*s_)[i_]) != std::string::npos) {
      ++i_;
    }
  }
  bool Take(char c) {
    Blank();
    if (i_ < s_->size() && (*s_)[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool Word(const char* w) {
    const std::string word(w);
    if (s_->compare(i_, word.size(), word) != 0) return false;
    i_ += word.size();
    return true;
  }
  bool Value(Json* v, int depth) {
    if (depth > 64) return Fail("nesting too deep");
    Blank();
    if (i_ >= s_->size()) return Fail("end of text");
    const char c = (*s_)[i_];
    if (c == '{') return Object(v, depth);
    if (c == '[') return Array(v, depth);
    if (c == '"') {
      v->kind = Json::kString;
      return String(&v->string);
    }
    if (Word("true") || Word("false")) {
      v->kind = Json::kBool;
      v->boolean = c == 't';
      return true;
    }
    if (Word("null")) return true;
    return Number(v);
  }
  bool Number(Json* v) {
    const size_t start = i_;
    if (i_ < s_->size() && (*s_)[i_] == '-') ++i_;
    size_t digits = 0;
    while (i_ < s_->size() && std::isdigit((*s_)[i_])) ++i_, ++digits;
    if (digits == 0) return Fail("not a value");
    if (digits > 1 && (*s_)[start + ((*s_)[start] == '-')] == '0') {
      return Fail("leading zero");
    }
    v->integer = true;
    if (i_ < s_->size() &&
        ((*s_)[i_] == '.' || (*s_)[i_] == 'e' || (*s_)[i_] == 'E')) {
      v->integer = false;
      while (i_ < s_->size() &&
             std::string("0123456789.eE+-").find((*s_)[i_]) !=
                 std::string::npos) {
        ++i_;
      }
    }
    v->kind = Json::kNumber;
    v->number = std::strtod(s_->substr(start, i_ - start).c_str(), nullptr);
    return true;
  }
  bool String(std::string* out) {
    ++i_;  // the opening quote
    while (i_ < s_->size() && (*s_)[i_] != '"') {
      const unsigned char c = (*s_)[i_++];
      if (c < 0x20) return Fail("raw control character in a string");
      if (c != '\\') {
        out->push_back(static_cast<char>(c));
        continue;
      }
      if (i_ >= s_->size()) return Fail("escape at the end");
      const char e = (*s_)[i_++];
      const std::string simple = "\"\\/bfnrt";
      if (simple.find(e) != std::string::npos) {
        out->push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e);
      } else if (e == 'u') {
        if (i_ + 4 > s_->size()) return Fail("short \\u escape");
        for (int k = 0; k < 4; ++k) {
          if (!std::isxdigit((*s_)[i_ + k])) return Fail("bad \\u escape");
        }
        const long cp = std::strtol(s_->substr(i_, 4).c_str(), nullptr, 16);
        i_ += 4;
        out->push_back(cp < 0x80 ? static_cast<char>(cp) : '?');
      } else {
        return Fail("bad escape");
      }
    }
    if (i_ >= s_->size()) return Fail("unterminated string");
    ++i_;
    return true;
  }
  bool Array(Json* v, int depth) {
    v->kind = Json::kArray;
    ++i_;
    if (Take(']')) return true;
    do {
      v->array.emplace_back();
      if (!Value(&v->array.back(), depth + 1)) return false;
    } while (Take(','));
    return Take(']') || Fail("expected ] or ,");
  }
  bool Object(Json* v, int depth) {
    v->kind = Json::kObject;
    ++i_;
    if (Take('}')) return true;
    do {
      Blank();
      std::string key;
      if (i_ >= s_->size() || (*s_)[i_] != '"' || !String(&key)) {
        return Fail("expected a key");
      }
      if (v->object.count(key)) return Fail("duplicate key " + key);
      if (!Take(':')) return Fail("expected :");
      if (!Value(&v->object[key], depth + 1)) return false;
    } while (Take(','));
    return Take('}') || Fail("expected } or ,");
  }

  const std::string* s_ = nullptr;
  size_t i_ = 0;
  std::string error_;
};

}  // namespace vzsim::portcheck::testing

#endif  // VZSIM_TOOLS_PORTCHECK_JSON_FOR_TEST_H_
