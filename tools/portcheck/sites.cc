// Deriving the sites a port changed from its diff (eval.h): each changed
// block is read for the names it removes and adds.
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/portcheck/asm.h"
#include "tools/portcheck/eval.h"
#include "tools/portcheck/source.h"

namespace vzsim::portcheck {
namespace {

bool IsSource(absl::string_view p) {
  return absl::EndsWith(p, ".c") || absl::EndsWith(p, ".h") ||
         absl::EndsWith(p, ".S") || absl::EndsWith(p, ".s");
}

bool ReadFile(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream s;
  s << in.rdbuf();
  *text = s.str();
  return true;
}

// The functions (or assembly routines) of one tree file, by line.
class Extents {
 public:
  explicit Extents(const std::string& path) {
    std::string text;
    if (!ReadFile(path, &text)) return;
    if (absl::EndsWith(path, ".S") || absl::EndsWith(path, ".s")) {
      for (const AsmEntry& e : ParseAsmEntries(text)) {
        ranges_.emplace_back(e.line, e.end_line, e.name);
      }
      return;
    }
    const CFile f(text);
    for (const Function& fn : f.functions()) {
      ranges_.emplace_back(fn.line, fn.end_line, fn.name);
    }
  }

  // The function holding a change of lines [first, last]: one holding
  // `first`, else one holding `last`. An insertion between two lines must
  // be inside the function on both sides: a new function added after an
  // old one is in neither.
  std::string At(int first, int last, bool insertion) const {
    for (int line : {first, last}) {
      for (const auto& [from, to, name] : ranges_) {
        const bool in = line >= from && line <= to;
        if (in && (!insertion || (first >= from && last <= to))) return name;
      }
    }
    return "";
  }

 private:
  std::vector<std::tuple<int, int, std::string>> ranges_;
};

// A maximal run of removed and added lines, with where it sits on each
// side (a pure insertion sits between two old lines, and so on).
struct Block {
  std::string removed, added;
  bool pure_insertion = false, pure_removal = false;
  int old_first = 0, old_last = 0, new_first = 0, new_last = 0;
};

std::vector<Block> Blocks(const Hunk& h) {
  std::vector<Block> out;
  int old_prev = h.old_start - 1, new_prev = h.new_start - 1;
  for (size_t i = 0; i < h.lines.size();) {
    if (h.lines[i].kind == ' ') {
      old_prev = h.lines[i].old_line;
      new_prev = h.lines[i].new_line;
      ++i;
      continue;
    }
    Block b;
    b.old_first = b.old_last = old_prev + 1;
    b.new_first = b.new_last = new_prev + 1;
    bool removed = false, added = false;
    for (; i < h.lines.size() && h.lines[i].kind != ' '; ++i) {
      const DiffLine& l = h.lines[i];
      if (l.kind == '-') {
        absl::StrAppend(&b.removed, l.text, "\n");
        if (!removed) b.old_first = l.old_line;
        b.old_last = old_prev = l.old_line;
        removed = true;
      } else {
        absl::StrAppend(&b.added, l.text, "\n");
        if (!added) b.new_first = l.new_line;
        b.new_last = new_prev = l.new_line;
        added = true;
      }
    }
    if (!removed) b.old_first = b.old_last - 1;  // between two old lines
    if (!added) b.new_first = b.new_last - 1;
    b.pure_insertion = !removed;
    b.pure_removal = !added;
    out.push_back(std::move(b));
  }
  return out;
}

// The identifiers and string literals of a side of a block.
struct Names {
  explicit Names(const std::string& text) : code(text) {
    for (const Token& t : code.tokens()) {
      (t.kind == Token::kString ? strings : idents).insert(std::string(t.text));
    }
  }
  bool Has(absl::string_view s) const { return idents.count(std::string(s)); }
  bool HasPrefix(absl::string_view p) const {
    for (const std::string& s : idents) {
      if (absl::StartsWith(s, p)) return true;
    }
    return false;
  }
  bool Arrow(absl::string_view field) const {  // `-> field`
    for (size_t i = 0; i + 1 < code.size(); ++i) {
      if (code[i].text == "->" && code[i + 1].text == field) return true;
    }
    return false;
  }
  bool StringHas(absl::string_view needle) const {
    for (const std::string& s : strings) {
      if (absl::StrContains(absl::AsciiStrToLower(s), needle)) return true;
    }
    return false;
  }
  const CFile code;
  std::set<std::string> idents, strings;
};

bool IsPlainPrint(absl::string_view s) {
  return s == "printk" || s == "compat_printk";
}

// A plain printk whose arguments name a task (->comm, ->pid).
bool PrintNamingTask(const Names& n) {
  for (size_t i = 0; i < n.code.size(); ++i) {
    if (!n.code.IsCall(i) || !IsPlainPrint(n.code[i].text)) continue;
    const size_t close = n.code.Close(i + 1);
    for (size_t j = i + 2; j + 1 < close && j + 1 < n.code.size(); ++j) {
      if (n.code[j].text == "->" &&
          (n.code.Is(j + 1, "comm") || n.code.Is(j + 1, "pid"))) {
        return true;
      }
    }
  }
  return false;
}

bool HasExecEnvCheck(const Names& n) {
  return n.Has("get_exec_env") || n.Has("ve_is_super") ||
         n.Has("ve_allow_kthreads");
}

struct Match {
  std::string rule;
  Severity expect;
  std::string evidence;
  std::string symbol;  // R10
};

void ClassifyLookups(const Names& r, const Names& a, std::vector<Match>* out) {
  if (r.Has("find_task_by_pid") && a.HasPrefix("find_task_by_pid_")) {
    out->push_back(
        {"R3", Severity::kError, "-find_task_by_pid +find_task_by_pid_*", ""});
  }
  for (const char* walk :
       {"for_each_process", "do_each_thread", "while_each_thread"}) {
    if (r.Has(walk) && (a.Has(absl::StrCat(walk, "_ve")) ||
                        a.Has(absl::StrCat(walk, "_all")))) {
      out->push_back({"R4", Severity::kError,
                      absl::StrCat("-", walk, " +", walk, "_ve/_all"), ""});
      break;
    }
  }
  if ((r.Arrow("pid") || r.Arrow("tgid")) &&
      (a.HasPrefix("virt_") || a.Has("pid_to_vpid"))) {
    out->push_back({"R5", Severity::kError, "-(->pid) +virt_*", ""});
  }
  if (r.Has("system_utsname") && a.Has("utsname")) {
    out->push_back({"R9", Severity::kError, "-system_utsname +utsname()", ""});
  } else if (r.Has("system_utsname") && a.Has("init_utsname")) {
    out->push_back({"R9", Severity::kNote,
                    "-system_utsname +init_utsname() (host-only output)", ""});
  }
}

void ClassifyMessages(const Names& r, const Names& a, std::vector<Match>* out) {
  const bool plain_gone =
      (r.Has("printk") || r.Has("compat_printk")) && !a.Has("printk");
  if ((r.Has("printk") || r.Has("compat_printk")) && a.Has("ve_printk")) {
    out->push_back({"R2", Severity::kError, "-printk +ve_printk", ""});
  } else if (a.HasPrefix("printk_ratelimit") &&
             !r.HasPrefix("printk_ratelimit")) {
    out->push_back({"R2", Severity::kError, "+printk_ratelimit()", ""});
  } else if (plain_gone && PrintNamingTask(r)) {
    out->push_back({"R2", Severity::kError, "-printk naming the task", ""});
  }
  if ((a.Has("VEID") || a.StringHas("veid")) &&
      !(r.Has("VEID") || r.StringHas("veid"))) {
    out->push_back({"R8", Severity::kError, "+VE id in the dump", ""});
  }
}

void ClassifyArch(const Names& r, const Names& a, const std::string& added,
                  const std::string& function,
                  const std::set<std::string>& helpers,
                  std::vector<Match>* out) {
  if ((a.Has("ub_memory_charge") || a.Has("ub_memory_uncharge")) &&
      !r.Has("ub_memory_charge")) {
    out->push_back({"R1", Severity::kError, "+ub_memory_charge()", ""});
  }
  if ((a.Has("irq_enter") || (a.Has("set_exec_env") && a.Has("get_ve0"))) &&
      !r.Has("irq_enter")) {
    out->push_back({"R6", Severity::kError, "+irq_enter()", ""});
  }
  bool helper = false;
  for (const std::string& h : helpers) {
    helper = helper || (a.Has(h) && !r.Has(h));
  }
  if ((HasExecEnvCheck(a) && !HasExecEnvCheck(r) &&
       (absl::StrContains(added, "kernel_thread") ||
        function == "kernel_thread")) ||
      helper) {
    out->push_back({"R7", Severity::kError,
                    helper ? "+call to a checking helper" : "+exec-env check",
                    ""});
  }
  for (size_t i = 0; i + 2 < a.code.size(); ++i) {
    const absl::string_view s = a.code[i].text;
    const absl::string_view sym = a.code[i + 2].text;
    if ((s == "EXPORT_SYMBOL" || s == "EXPORT_SYMBOL_GPL") &&
        (sym == "show_mem" || sym == "cpu_khz")) {
      out->push_back({"R10", Severity::kError,
                      absl::StrCat("+EXPORT_SYMBOL(", sym, ")"),
                      std::string(sym)});
    }
  }
}

bool FunctionLevel(const std::string& rule) {
  return rule == "R1" || rule == "R7" || rule == "R8" || rule == "R10";
}

// Functions the patch adds whose bodies check the exec env: a call to one
// of them is how a port moves R7's check out of assembly.
std::set<std::string> CheckingHelpers(const std::vector<FileDiff>& diff) {
  std::set<std::string> out;
  for (const FileDiff& fd : diff) {
    for (const Hunk& h : fd.hunks) {
      for (const Block& b : Blocks(h)) {
        const CFile f(b.added);
        for (const Function& fn : f.functions()) {
          for (size_t i = fn.begin; i <= fn.end; ++i) {
            const absl::string_view s = f[i].text;
            if (s == "get_exec_env" || s == "ve_is_super") {
              out.insert(fn.name);
              break;
            }
          }
        }
      }
    }
  }
  return out;
}

}  // namespace

std::vector<Site> DeriveSites(const std::vector<FileDiff>& diff,
                              const Trees& trees, DiffSummary* summary) {
  const std::set<std::string> helpers = CheckingHelpers(diff);
  std::vector<Site> sites;
  for (const FileDiff& fd : diff) {
    const std::string& path = fd.new_path.empty() ? fd.old_path : fd.new_path;
    ++summary->files;
    if (!absl::StartsWith(path, trees.prefix)) {
      ++summary->outside;
      continue;
    }
    if (!IsSource(path)) continue;
    const std::string rel_old =
        fd.old_path.substr(std::min(fd.old_path.size(), trees.prefix.size()));
    const std::string rel = path.substr(trees.prefix.size());
    const Extents vanilla(absl::StrCat(trees.vanilla, "/", rel_old));
    const Extents ported(absl::StrCat(trees.ported, "/", rel));
    for (const Hunk& h : fd.hunks) {
      for (const Block& b : Blocks(h)) {
        ++summary->blocks;
        const std::string fn =
            vanilla.At(b.old_first, b.old_last, b.pure_insertion);
        const Names removed(b.removed), added(b.added);
        std::vector<Match> matches;
        ClassifyLookups(removed, added, &matches);
        ClassifyMessages(removed, added, &matches);
        ClassifyArch(removed, added, b.added, fn, helpers, &matches);
        if (!matches.empty()) ++summary->attributed;
        for (const Match& m : matches) {
          const std::string function = m.symbol.empty() ? fn : m.symbol;
          if (function.empty()) {
            summary->new_code[m.rule].push_back(
                absl::StrCat(rel, ":", b.new_first, " (", m.evidence, ")"));
            continue;
          }
          Site s{m.rule,
                 rel,
                 function,
                 m.symbol.empty()
                     ? ported.At(b.new_first, b.new_last, b.pure_removal)
                     : m.symbol,
                 b.old_first,
                 b.old_last,
                 b.new_first,
                 b.new_last,
                 m.expect,
                 m.evidence};
          Site* same = nullptr;
          for (Site& t : sites) {
            if (FunctionLevel(m.rule) && t.rule == s.rule && t.file == s.file &&
                t.function == s.function) {
              same = &t;
            }
          }
          if (same == nullptr) {
            sites.push_back(std::move(s));
            continue;
          }
          same->old_first = std::min(same->old_first, s.old_first);
          same->old_last = std::max(same->old_last, s.old_last);
          same->new_first = std::min(same->new_first, s.new_first);
          same->new_last = std::max(same->new_last, s.new_last);
          if (!absl::StrContains(same->evidence, s.evidence)) {
            absl::StrAppend(&same->evidence, ", ", s.evidence);
          }
        }
      }
    }
  }
  return sites;
}

}  // namespace vzsim::portcheck
