#include "tools/portcheck/portcheck.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "arch/rules.h"
#include "tools/portcheck/lexer.h"

namespace vzsim::portcheck {
namespace {

namespace fs = std::filesystem;

struct Function {
  std::string name;
  int line;
  size_t begin, end;  // token range of the body, braces included
};

// Abseil 20220623 has no StrContainsIgnoreCase.
bool ContainsIgnoreCase(absl::string_view haystack, absl::string_view needle) {
  return absl::StrContains(absl::AsciiStrToLower(haystack),
                           absl::AsciiStrToLower(needle));
}

bool Is(const std::vector<Token>& t, size_t i, absl::string_view text) {
  return i < t.size() && t[i].text == text;
}

bool IsCall(const std::vector<Token>& t, size_t i, absl::string_view name) {
  return t[i].kind == Token::kIdent && t[i].text == name && Is(t, i + 1, "(");
}

// The index of the bracket matching the one at `i`, searching backwards.
size_t MatchBack(const std::vector<Token>& t, size_t i, absl::string_view open,
                 absl::string_view close) {
  int depth = 0;
  for (size_t j = i + 1; j-- > 0;) {
    if (t[j].text == close) ++depth;
    if (t[j].text == open && --depth == 0) return j;
  }
  return std::string::npos;
}

// Top-level function definitions: a `{` at depth 0 after `name(...)`,
// skipping attribute macros between the parameter list and the brace.
std::vector<Function> Functions(const std::vector<Token>& t) {
  static const std::set<std::string> kNotNames = {
      "if", "for", "while", "switch", "sizeof", "return", "__attribute__"};
  std::vector<Function> out;
  int depth = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].text == "}") depth = std::max(0, depth - 1);
    if (t[i].text != "{") continue;
    if (depth++ > 0) continue;
    size_t pos = i;
    std::string name;
    int line = 0;
    while (pos > 0 && t[pos - 1].text == ")") {
      const size_t open = MatchBack(t, pos - 1, "(", ")");
      if (open == std::string::npos || open == 0) break;
      const Token& before = t[open - 1];
      if (before.kind != Token::kIdent ||
          kNotNames.count(std::string(before.text))) {
        break;
      }
      if (absl::StartsWith(before.text, "__") &&
          before.text != "__die") {  // __must_hold(x), __acquires(x) ...
        pos = open - 1;
        continue;
      }
      name = std::string(before.text);
      line = before.line;
      break;
    }
    if (name.empty()) continue;
    int d = 0;
    size_t end = i;
    for (; end < t.size(); ++end) {
      if (t[end].text == "{") ++d;
      if (t[end].text == "}" && --d == 0) break;
    }
    out.push_back({name, line, i, std::min(end, t.size() - 1)});
  }
  return out;
}

bool BodyHas(const std::vector<Token>& t, const Function& f,
             std::initializer_list<absl::string_view> idents) {
  for (size_t i = f.begin; i <= f.end; ++i) {
    for (absl::string_view id : idents) {
      if (t[i].text == id) return true;
    }
  }
  return false;
}

bool StringHas(const Token& tok, absl::string_view needle) {
  return tok.kind == Token::kString && ContainsIgnoreCase(tok.text, needle);
}

// The statement (up to `;`, `{` or `}`) that token `i` belongs to.
std::pair<size_t, size_t> Statement(const std::vector<Token>& t, size_t i) {
  size_t b = i, e = i;
  while (b > 0 && t[b - 1].text != ";" && t[b - 1].text != "{" &&
         t[b - 1].text != "}") {
    --b;
  }
  while (e + 1 < t.size() && t[e].text != ";") ++e;
  return {b, e};
}

bool HandsOutGlobalPid(const std::vector<Token>& t, size_t b, size_t e) {
  for (size_t i = b; i + 1 <= e; ++i) {
    if (t[i].text == "->" && (Is(t, i + 1, "pid") || Is(t, i + 1, "tgid"))) {
      return true;
    }
  }
  return false;
}

class FileScanner {
 public:
  FileScanner(absl::string_view path, std::vector<Finding>* out)
      : path_(path), out_(out) {}

  void Add(const char* rule, Severity sev, int line, std::string what) {
    out_->push_back({rule, sev, path_, line, std::move(what)});
  }

  // `t` and `fns` belong to the caller, which lexed the file once.
  void ScanC(const std::vector<Token>& t, const std::vector<Function>& fns) {
    t_ = &t;
    fns_ = &fns;
    PlainTaskWalks();
    for (const Function& f : *fns_) {
      HandBuiltVmas(f);
      UserReports(f);
      KernelThread(f);
      RegisterDump(f);
      UserPids(f);
    }
  }

  void ScanAsm(absl::string_view text) {
    std::istringstream lines(StripCComments(text));
    std::string line;
    for (int n = 1; std::getline(lines, line); ++n) {
      const std::string s(absl::StripAsciiWhitespace(line));
      if (absl::StartsWith(s, "kernel_thread:") ||
          absl::StartsWith(s, "ENTRY(kernel_thread)") ||
          absl::StartsWith(s, "GLOBAL_ENTRY(kernel_thread)")) {
        Add("R7", Severity::kError, n,
            "kernel_thread is entered in assembly, where no exec-env check "
            "can be made: check in a C wrapper before entering it");
      }
    }
  }

 private:
  const Function* Enclosing(size_t i) const {
    for (const Function& f : *fns_) {
      if (i >= f.begin && i <= f.end) return &f;
    }
    return nullptr;
  }

  // R3, R4, R9: identifiers that must not appear as they are.
  void PlainTaskWalks() {
    for (size_t i = 0; i < t_->size(); ++i) {
      const Token& tok = (*t_)[i];
      if (tok.kind != Token::kIdent) continue;
      if (IsCall(*t_, i, "find_task_by_pid")) {
        Add("R3", Severity::kError, tok.line,
            "find_task_by_pid() looks the pid up in the whole system");
      } else if (tok.text == "for_each_process" ||
                 tok.text == "do_each_thread" ||
                 tok.text == "while_each_thread") {
        Add("R4", Severity::kError, tok.line,
            absl::StrCat(tok.text, " walks every task of the system"));
      } else if (tok.text == "system_utsname") {
        const Function* f = Enclosing(i);
        const bool dump = f != nullptr && IsDumpName(f->name);
        Add("R9", dump ? Severity::kNote : Severity::kError, tok.line,
            dump ? absl::StrCat("system_utsname in ", f->name,
                                "(): host-only output, right as it is")
                 : "system_utsname reports the host's identity to whoever "
                   "asks");
      }
    }
  }

  static bool IsDumpName(const std::string& name) {
    return name == "show_regs" || name == "show_registers" ||
           name == "die_if_kernel" || name == "__die" || name == "die" ||
           name == "__show_regs";
  }

  // R1
  void HandBuiltVmas(const Function& f) {
    if (BodyHas(*t_, f, {"ub_memory_charge"})) return;
    for (size_t i = f.begin; i <= f.end; ++i) {
      if (!IsCall(*t_, i, "insert_vm_struct") &&
          !IsCall(*t_, i, "insert_vma_struct") &&
          !IsCall(*t_, i, "install_special_mapping")) {
        continue;
      }
      const bool writable =
          BodyHas(*t_, f,
                  {"VM_WRITE", "VM_DATA_DEFAULT_FLAGS", "VM_STACK_FLAGS",
                   "VM_STACK_DEFAULT_FLAGS"});
      Add("R1", writable ? Severity::kError : Severity::kNote, (*t_)[i].line,
          writable
              ? absl::StrCat((*t_)[i].text, "() of a writable VMA in ", f.name,
                             "(), which never calls ub_memory_charge()")
              : absl::StrCat((*t_)[i].text, "() in ", f.name,
                             "(): the VMA looks read-only, which charges "
                             "nothing; check its flags"));
    }
  }

  // R2
  void UserReports(const Function& f) {
    const bool fault_path = ContainsIgnoreCase(f.name, "fault") ||
                            ContainsIgnoreCase(f.name, "trap") ||
                            ContainsIgnoreCase(f.name, "unaligned") ||
                            ContainsIgnoreCase(path_, "fault") ||
                            ContainsIgnoreCase(path_, "trap") ||
                            ContainsIgnoreCase(path_, "unaligned");
    if (!fault_path) return;
    for (size_t i = f.begin; i <= f.end; ++i) {
      if (!IsCall(*t_, i, "printk")) continue;
      // The format string: the first string literal of the call.
      size_t s = i + 2;
      while (s <= f.end && (*t_)[s].kind != Token::kString &&
             (*t_)[s].text != ")") {
        ++s;
      }
      if (s > f.end || (*t_)[s].kind != Token::kString) continue;
      const Token& fmt = (*t_)[s];
      if (StringHas(fmt, "segfault") || StringHas(fmt, "unaligned") ||
          StringHas(fmt, "unhandled") || StringHas(fmt, "%s[%d]") ||
          StringHas(fmt, "%s(%d)")) {
        Add("R2", Severity::kError, (*t_)[i].line,
            absl::StrCat("printk(", fmt.text.substr(0, 40),
                         fmt.text.size() > 40 ? "...\"" : "", ") in ", f.name,
                         "(): a user can trigger it at will"));
      }
    }
  }

  // R7
  void KernelThread(const Function& f) {
    if (f.name != "kernel_thread") return;
    if (BodyHas(*t_, f, {"get_exec_env", "ve_is_super"})) return;
    Add("R7", Severity::kError, f.line,
        "kernel_thread() starts threads whatever the exec env");
  }

  // R8
  void RegisterDump(const Function& f) {
    if (!IsDumpName(f.name)) return;
    bool pid = false, veid = false;
    for (size_t i = f.begin; i <= f.end; ++i) {
      if (StringHas((*t_)[i], "pid")) pid = true;
      if (StringHas((*t_)[i], "veid") || (*t_)[i].text == "VEID") veid = true;
    }
    if (pid && !veid) {
      Add("R8", Severity::kError, f.line,
          absl::StrCat(f.name, "() prints a pid but no VE id"));
    }
  }

  // R5
  void UserPids(const Function& f) {
    std::set<size_t> seen;
    for (size_t i = f.begin; i <= f.end; ++i) {
      const bool si_pid = (*t_)[i].text == "si_pid";
      const bool put_user = IsCall(*t_, i, "put_user");
      const bool user_regs = (*t_)[i].text == "u_regs" ||
                             ((*t_)[i].text == "regs" && Is(*t_, i + 1, "->"));
      const bool ret =
          (*t_)[i].text == "return" && (absl::StartsWith(f.name, "sys_") ||
                                        absl::StrContains(f.name, "getpid") ||
                                        absl::StrContains(f.name, "getppid"));
      if (!si_pid && !put_user && !user_regs && !ret) continue;
      auto [b, e] = Statement(*t_, i);
      if (seen.count(b)) continue;
      bool assigns = put_user || ret;
      for (size_t j = b; j <= e && !assigns; ++j)
        assigns = (*t_)[j].text == "=";
      if (!assigns || !HandsOutGlobalPid(*t_, b, e)) continue;
      seen.insert(b);
      Add("R5", Severity::kError, (*t_)[i].line,
          absl::StrCat(si_pid     ? "si_pid"
                       : put_user ? "put_user()"
                       : ret      ? "the syscall's return value"
                                  : "a user register",
                       " gets a global pid (->pid / ->tgid) in ", f.name,
                       "()"));
    }
  }

  std::string path_;
  std::vector<Finding>* out_;
  const std::vector<Token>* t_ = nullptr;
  const std::vector<Function>* fns_ = nullptr;
};

bool IsC(absl::string_view path) {
  return absl::EndsWith(path, ".c") || absl::EndsWith(path, ".h");
}
bool IsAsm(absl::string_view path) {
  return absl::EndsWith(path, ".S") || absl::EndsWith(path, ".s");
}

// R10 bookkeeping over the whole tree.
struct Exports {
  std::set<std::string> exported;
  std::map<std::string, std::pair<std::string, int>> defined;  // name -> site

  void Scan(const std::string& path, const std::vector<Token>& t,
            const std::vector<Function>& fns) {
    for (size_t i = 0; i + 2 < t.size(); ++i) {
      if ((t[i].text == "EXPORT_SYMBOL" || t[i].text == "EXPORT_SYMBOL_GPL") &&
          t[i + 1].text == "(") {
        exported.insert(std::string(t[i + 2].text));
      }
    }
    for (const Function& f : fns) {
      if (f.name == "show_mem")
        defined.emplace("show_mem", std::make_pair(path, f.line));
    }
    int depth = 0;
    for (size_t i = 0; i + 1 < t.size(); ++i) {
      if (t[i].text == "{") ++depth;
      if (t[i].text == "}") --depth;
      if (depth == 0 && t[i].text == "cpu_khz" &&
          (t[i + 1].text == ";" || t[i + 1].text == "=") &&
          !(i > 0 && t[i - 1].text == "extern")) {
        defined.emplace("cpu_khz", std::make_pair(path, t[i].line));
      }
    }
  }

  // `tree` is empty when no directory was scanned: then only symbols that
  // are defined but not exported are reported.
  void Report(const std::string& tree, std::vector<Finding>* out) const {
    for (const char* sym : {"show_mem", "cpu_khz"}) {
      if (exported.count(sym)) continue;
      auto it = defined.find(sym);
      if (it != defined.end()) {
        out->push_back({"R10", Severity::kError, it->second.first,
                        it->second.second,
                        absl::StrCat(sym,
                                     " is defined here but not exported "
                                     "(EXPORT_SYMBOL)")});
      } else if (!tree.empty()) {
        out->push_back(
            {"R10", Severity::kError, tree, 0,
             absl::StrCat("the tree neither defines nor exports ", sym)});
      }
    }
  }
};

const char* SeverityName(Severity s) {
  return s == Severity::kError ? "error" : "note";
}

std::string Instead(const std::string& rule) {
  const PortingRule* r = FindRule(rule);
  return r == nullptr ? "" : r->instead;
}

std::string JsonString(absl::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += absl::StrFormat("\\u%04x", c);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

std::vector<Finding> ScanSource(absl::string_view path,
                                absl::string_view text) {
  std::vector<Finding> out;
  FileScanner scanner(path, &out);
  if (IsC(path)) {
    const std::vector<Token> tokens = LexC(text);
    scanner.ScanC(tokens, Functions(tokens));
  }
  if (IsAsm(path)) scanner.ScanAsm(text);
  return out;
}

absl::StatusOr<Report> ScanPaths(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  std::string tree;  // the first directory scanned, for tree-wide findings
  for (const std::string& p : paths) {
    std::error_code ec;
    if (!fs::exists(p, ec)) {
      return absl::NotFoundError(
          absl::StrCat(p, ": no such file or directory"));
    }
    if (fs::is_directory(p, ec)) {
      if (tree.empty()) tree = p;
      for (auto it = fs::recursive_directory_iterator(p, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) &&
            (IsC(it->path().string()) || IsAsm(it->path().string()))) {
          files.push_back(it->path().string());
        }
      }
      if (ec) {
        return absl::PermissionDeniedError(
            absl::StrCat(p, ": cannot be read: ", ec.message()));
      }
    } else {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  Report report;
  Exports exports;
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      return absl::PermissionDeniedError(
          absl::StrCat(f, ": cannot be read: ", std::strerror(errno)));
    }
    std::stringstream text;
    text << in.rdbuf();
    const std::string content = text.str();
    FileScanner scanner(f, &report.findings);
    if (IsC(f)) {
      const std::vector<Token> tokens = LexC(content);  // once per file
      const std::vector<Function> fns = Functions(tokens);
      scanner.ScanC(tokens, fns);
      exports.Scan(f, tokens, fns);
    } else {
      scanner.ScanAsm(content);
    }
    ++report.files_scanned;
  }
  exports.Report(tree, &report.findings);
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [](const Finding& a, const Finding& b) {
                     return std::tie(a.file, a.line) < std::tie(b.file, b.line);
                   });
  return report;
}

std::string RenderText(const Report& report) {
  std::string out;
  std::string file;
  std::map<std::string, std::pair<int, int>> per_rule;  // errors, notes
  std::set<std::string> files;
  for (const Finding& f : report.findings) {
    if (f.file != file) {
      file = f.file;
      files.insert(file);
      absl::StrAppend(&out, out.empty() ? "" : "\n", file, "\n");
    }
    absl::StrAppendFormat(&out, "  %5s  %-3s %-5s %s\n",
                          f.line > 0 ? absl::StrCat(f.line) : "-", f.rule,
                          SeverityName(f.severity), f.what);
    if (f.severity == Severity::kError) {
      absl::StrAppend(&out, "              instead: ", Instead(f.rule), "\n");
    }
    auto& counts = per_rule[f.rule];
    (f.severity == Severity::kError ? counts.first : counts.second)++;
  }
  absl::StrAppend(&out, out.empty() ? "" : "\n", "Summary:\n");
  for (const PortingRule& rule : PortingRules()) {
    auto it = per_rule.find(rule.id);
    if (it == per_rule.end()) continue;
    absl::StrAppendFormat(&out, "  %-3s %-26s %3d error(s), %3d note(s)\n",
                          rule.id, rule.title, it->second.first,
                          it->second.second);
  }
  absl::StrAppendFormat(&out, "%d site(s) in %d file(s); %d file(s) scanned\n",
                        report.findings.size(), files.size(),
                        report.files_scanned);
  return out;
}

std::string RenderJson(const Report& report) {
  std::map<std::string, int> summary;
  std::vector<std::string> items;
  for (const Finding& f : report.findings) {
    ++summary[f.rule];
    items.push_back(
        absl::StrCat("    {\"rule\": ", JsonString(f.rule),
                     ", \"severity\": ", JsonString(SeverityName(f.severity)),
                     ", \"file\": ", JsonString(f.file), ", \"line\": ", f.line,
                     ", \"what\": ", JsonString(f.what),
                     ", \"instead\": ", JsonString(Instead(f.rule)), "}"));
  }
  std::vector<std::string> counts;
  for (const auto& [rule, n] : summary) {
    counts.push_back(absl::StrCat(JsonString(rule), ": ", n));
  }
  return absl::StrCat("{\n  \"files_scanned\": ", report.files_scanned,
                      ",\n  \"findings\": [\n", absl::StrJoin(items, ",\n"),
                      items.empty() ? "" : "\n", "  ],\n  \"summary\": {",
                      absl::StrJoin(counts, ", "), "}\n}\n");
}

}  // namespace vzsim::portcheck
