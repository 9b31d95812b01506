// R2 (messages a user can trigger) and R8 (register dumps without the VE
// id) over one C file (checks.h).
//
// A message is a user's to trigger when user input reaches it: it names the
// current task (the process that faulted, trapped or made the call: `%s[%d]`
// with current->comm and current->pid), or it sits in a binary-format
// loader (the input is the user's executable), or in a fault or trap
// handler where it reports a user event (segfault, unaligned access) or
// runs under user_mode(regs). Messages on kernel paths (the text says
// "kernel", the function is a kernel_* handler, or !user_mode(regs)) and
// register dumps (R8's business) are not. The severity says how easily a
// user repeats it: an error when nothing stands in the way, a note when it
// is rate-limited (printk_ratelimit(), a jiffies throttle), behind a switch
// that is off by default (`int page_fault_trace = 0;`), or in a debug-only
// block.
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tools/portcheck/checks.h"

namespace vzsim::portcheck {
namespace {

bool IsPrintCall(const CFile& f, size_t i) {
  if (!f.IsCall(i)) return false;
  const absl::string_view s = f[i].text;
  return s == "printk" || s == "compat_printk" ||
         (absl::StartsWith(s, "pr_") && s != "pr_debug");
}

std::vector<std::string> Segments(absl::string_view name) {
  return absl::StrSplit(absl::AsciiStrToLower(name), '_', absl::SkipEmpty());
}

bool HasSegment(absl::string_view name,
                std::initializer_list<absl::string_view> words) {
  for (const std::string& seg : Segments(name)) {
    for (absl::string_view w : words) {
      if (seg == w) return true;
    }
  }
  return false;
}

// The file's base name, lower case.
std::string BaseName(absl::string_view path) {
  const size_t slash = path.rfind('/');
  return absl::AsciiStrToLower(
      slash == absl::string_view::npos ? path : path.substr(slash + 1));
}

// Where a function sits, as far as user input goes.
struct Reach {
  bool hardware = false;      // interrupt, NMI or machine-check code
  bool loader = false;        // a binary-format loader: the input is the user's
  bool handler = false;       // a fault or trap handler, by its name
  bool handler_file = false;  // in a fault, trap or alignment source file
};

Reach ReachOf(absl::string_view path, absl::string_view fn) {
  Reach r;
  const std::string base = BaseName(path);
  const std::string stem = base.substr(0, base.find('.'));
  r.hardware = HasSegment(fn, {"irq", "nmi", "mca", "mce"}) ||
               HasSegment(stem, {"irq", "nmi", "mca", "mce"});
  r.loader =
      absl::StrContains(base, "binfmt") || absl::StrContains(base, "aout") ||
      absl::StartsWith(base, "elf") || absl::StrContains(base, "_elf") ||
      (absl::StartsWith(fn, "load_") &&
       (absl::StrContains(fn, "binary") || absl::StrContains(fn, "library")));
  r.handler = HasSegment(fn, {"fault", "trap", "unaligned", "alignment",
                              "exception", "illegal", "emulate"});
  r.handler_file = r.handler || absl::StrContains(base, "fault") ||
                   absl::StrContains(base, "trap") ||
                   absl::StrContains(base, "align");
  return r;
}

struct Message {
  std::string format;  // the string literals of the first argument
  size_t args_begin, args_end;
};

Message ReadMessage(const CFile& f, size_t call) {
  Message m{"", 0, 0};
  const auto args = f.Args(call);
  if (args.empty()) return m;
  for (size_t j = args[0].first; j < args[0].second; ++j) {
    if (f[j].kind == Token::kString && f[j].text.size() >= 2) {
      absl::StrAppend(&m.format, f[j].text.substr(1, f[j].text.size() - 2));
    }
  }
  m.args_begin = args.size() > 1 ? args[1].first : args[0].second;
  m.args_end = args.back().second;
  return m;
}

// Variables that hold the current task in `fn` (`tsk = current`).
std::set<std::string> CurrentAliases(const CFile& f, const Function& fn) {
  std::set<std::string> out = {"current"};
  for (size_t j = fn.begin + 1; j + 2 <= fn.end; ++j) {
    if (f[j].text == "=" && f.Is(j + 1, "current") &&
        (f.Is(j + 2, ";") || f.Is(j + 2, ","))) {
      out.insert(std::string(f[j - 1].text));
    }
  }
  return out;
}

bool NamesTask(const CFile& f, const Message& m,
               const std::set<std::string>& current) {
  for (size_t j = m.args_begin; j < m.args_end && j + 2 < f.size(); ++j) {
    if (current.count(std::string(f[j].text)) && f.Is(j + 1, "->") &&
        (f.Is(j + 2, "comm") || f.Is(j + 2, "pid") || f.Is(j + 2, "tgid"))) {
      return true;
    }
  }
  return false;
}

bool MentionsUserEvent(const std::string& format) {
  const std::string s = absl::AsciiStrToLower(format);
  for (const char* w : {"segfault", "unaligned", "unhandled", "bad frame",
                        "killing", "illegal"}) {
    if (absl::StrContains(s, w)) return true;
  }
  return false;
}

bool MentionsKernel(const std::string& format) {
  for (absl::string_view w :
       absl::StrSplit(absl::AsciiStrToLower(format),
                      absl::ByAnyChar(" \t\n:,.;()[]"), absl::SkipEmpty())) {
    if (w == "kernel") return true;
  }
  return false;
}

// What the `if`s around the message say: on a kernel path, on a user
// path, rate-limited, or behind an off-by-default switch.
struct Context {
  bool kernel_path = false, user_path = false;
  bool rate_limited = false, switched_off = false;
};

Context ContextOf(const CFile& f, const Function& fn, size_t call) {
  Context c;
  for (const Guard& g : f.Guards(fn, call)) {
    std::vector<size_t> idents;
    for (size_t j = g.begin; j < g.end; ++j) {
      const absl::string_view s = f[j].text;
      if (s == "user_mode" || s == "user_mode_vm") {
        const bool bang = j > g.begin && f[j - 1].text == "!";
        (bang != g.negated ? c.kernel_path : c.user_path) = true;
      }
      if (absl::StrContains(s, "ratelimit") ||
          absl::StrContains(s, "rate_limit") || s == "jiffies") {
        c.rate_limited = true;
      }
      if (f[j].kind == Token::kIdent && s != "unlikely" && s != "likely") {
        idents.push_back(j);
      }
    }
    if (!g.negated && idents.size() == 1 && !f.Has(g.begin, g.end, "!") &&
        f.IsOffByDefault(f[idents[0]].text)) {
      c.switched_off = true;
    }
  }
  return c;
}

bool IsFatalCall(absl::string_view name) {
  return name == "panic" || name == "BUG" || HasSegment(name, {"die", "oops"});
}

// Whether the message at `call` is on the way to an oops or a panic: a call
// to panic(), BUG() or a die routine follows it on the path that falls
// through from it (out of its blocks, not into nested ones, up to a return
// or a goto). Such a message reports a kernel failure, not something a
// user repeats at will.
bool OnFatalPath(const CFile& f, const Function& fn, size_t call) {
  int depth = 0;
  for (size_t j = f.Statement(call).second + 1; j < fn.end; ++j) {
    const absl::string_view s = f[j].text;
    if (s == "{") {
      ++depth;
    } else if (s == "}") {
      depth = depth > 0 ? depth - 1 : 0;
    } else if (depth == 0 && (s == "return" || s == "goto")) {
      return false;
    } else if (depth == 0 && f.IsCall(j) && IsFatalCall(s)) {
      return true;
    }
  }
  return false;
}

bool PrintsVeId(const CFile& f, const Function& fn) {
  for (size_t j = fn.begin; j <= fn.end; ++j) {
    const std::string s = absl::AsciiStrToLower(f[j].text);
    if (f[j].text == "VEID" || absl::StrContains(s, "veid")) return true;
  }
  return false;
}

}  // namespace

bool IsDumpFunction(absl::string_view name) {
  return absl::StrContains(name, "show_regs") ||
         absl::StrContains(name, "show_registers") ||
         absl::StrContains(name, "dump_regs") ||
         HasSegment(name, {"die", "oops"});
}

// Whether the message at `i` in `fn` is one a user can trigger; sets
// `*hard` when something stands in the way of repeating it at will.
bool UserTriggerable(const CFile& f, const Function& fn, Reach reach,
                     const std::set<std::string>& current, size_t i,
                     const Message& m, const char** how) {
  const Context c = ContextOf(f, fn, i);
  if (c.kernel_path || MentionsKernel(m.format)) return false;
  const bool user = NamesTask(f, m, current) || reach.loader ||
                    (reach.handler && !OnFatalPath(f, fn, i)) ||
                    (reach.handler_file && MentionsUserEvent(m.format)) ||
                    (reach.handler_file && c.user_path);
  if (!user || OnFatalPath(f, fn, i)) return false;
  *how = c.rate_limited   ? "can be triggered by a user, at a limited rate"
         : c.switched_off ? "can be triggered by a user when a switch that "
                            "is off by default is on"
         : f.InDebugBlock(f[i].line)
             ? "can be triggered by a user in a debug build"
             : nullptr;
  return true;
}

void CheckMessages(const CFile& f, Sink* sink) {
  for (const Function& fn : f.functions()) {
    if (IsDumpFunction(fn.name) || fn.init || HasSegment(fn.name, {"kernel"})) {
      continue;
    }
    const Reach reach = ReachOf(sink->file(), fn.name);
    if (reach.hardware) continue;
    std::set<std::string> current;  // computed when first needed
    for (size_t i = fn.begin; i <= fn.end; ++i) {
      if (!IsPrintCall(f, i)) continue;
      if (current.empty()) current = CurrentAliases(f, fn);
      const Message m = ReadMessage(f, i);
      const char* how = nullptr;
      if (!UserTriggerable(f, fn, reach, current, i, m, &how)) continue;
      const std::string shown =
          m.format.size() > 40 ? m.format.substr(0, 40) + "..." : m.format;
      sink->Add("R2", how != nullptr ? Severity::kNote : Severity::kError,
                f[i].line, fn.name,
                absl::StrCat(f[i].text, "(\"", shown, "\") ",
                             how != nullptr ? how
                                            : "can be triggered by a user at "
                                              "will, into the host's log"));
    }
  }
}

void CheckDumps(const CFile& f, Sink* sink) {
  for (const Function& fn : f.functions()) {
    if (!IsDumpFunction(fn.name) || PrintsVeId(f, fn)) continue;
    for (size_t i = fn.begin; i <= fn.end; ++i) {
      if (!IsPrintCall(f, i)) continue;
      const Message m = ReadMessage(f, i);
      bool pid = absl::StrContains(absl::AsciiStrToLower(m.format), "pid");
      for (size_t j = m.args_begin; j + 1 < m.args_end && !pid; ++j) {
        pid = f[j].text == "->" && (f.Is(j + 1, "pid") || f.Is(j + 1, "tgid"));
      }
      if (!pid) continue;
      sink->Add("R8", Severity::kError, f[i].line, fn.name,
                "prints a pid but no VE id");
      break;
    }
  }
}

}  // namespace vzsim::portcheck
