// R7 and R10 over a whole architecture (checks.h).
//
// R7: kernel_thread() must refuse to run in a container. Ports write it in
// C (i386, ia64, sparc64: arch/<arch>/kernel/process.c) or in assembly
// (x86_64: arch/x86_64/kernel/entry.S, alpha, frv), and the check may live
// in a helper: 028stab's x86_64 kernel_thread calls do_fork_kthread() in
// process.c, which checks. So a definition is judged by what it reaches:
// its own body, the C functions it calls, the assembly routines it enters,
// a few levels deep.
//
// R10: show_mem (mm code) and cpu_khz (clock code, where a port has one)
// must be exported for the VE modules. A definition is covered by an
// EXPORT_SYMBOL in its own file, or in a file that does not define the
// symbol (an arch's *_ksyms.c); ia64 defines show_mem twice
// (arch/ia64/mm/contig.c and discontig.c, one per memory model), and each
// needs its export.
#include <set>

#include "absl/strings/str_cat.h"
#include "tools/portcheck/checks.h"

namespace vzsim::portcheck {
namespace {

constexpr int kHelperDepth = 4;
constexpr const char* kExported[] = {"show_mem", "cpu_khz"};

bool IsExecEnvCheck(absl::string_view s) {
  return s == "get_exec_env" || s == "ve_is_super" || s == "ve_allow_kthreads";
}

// Whether `name` (a C function or an assembly routine of this
// architecture) checks the exec env itself or through what it calls.
bool Checks(const ArchFacts& facts, const std::string& name, int depth,
            std::set<std::string>* seen) {
  if (depth > kHelperDepth || !seen->insert(name).second) return false;
  auto [cb, ce] = facts.c_functions.equal_range(name);
  for (auto it = cb; it != ce; ++it) {
    if (it->second.checks_exec_env) return true;
    for (const std::string& callee : it->second.callees) {
      if (Checks(facts, callee, depth + 1, seen)) return true;
    }
  }
  for (const auto& [asm_name, fn] : facts.asm_functions) {
    if (!SameSymbol(asm_name, name)) continue;
    for (const auto& [ref, line] : fn.entry.refs) {
      if (ref != asm_name && Checks(facts, ref, depth + 1, seen)) return true;
    }
  }
  return false;
}

bool IsCallMnemonic(absl::string_view s) {
  return s == "call" || s == "callq" || s == "calll" || s == "bl" ||
         s == "BL" || s == "bsr" || s == "jsr" || s == "jal" || s == "br";
}

// Where an assembly kernel_thread hands off: the first C function or
// other routine of the architecture it names, or a fork primitive; failing
// those, the first call instruction's target.
std::pair<std::string, int> HandOff(const ArchFacts& facts,
                                    const AsmEntry& entry) {
  for (const auto& [ref, line] : entry.refs) {
    if (ref == entry.name) continue;
    if (ref == "do_fork" || ref == "sys_clone" || ref == "__NR_clone" ||
        facts.c_functions.count(ref) || facts.asm_functions.count(ref)) {
      return {ref, line};
    }
  }
  for (size_t k = 0; k + 1 < entry.refs.size(); ++k) {
    const auto& [ref, line] = entry.refs[k];
    const bool first_on_line = k == 0 || entry.refs[k - 1].second != line;
    if (first_on_line && IsCallMnemonic(ref) &&
        entry.refs[k + 1].second == line) {
      return entry.refs[k + 1];
    }
  }
  return {"", entry.line};
}

bool AnyChecks(const ArchFacts& facts, const std::string& self,
               const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    std::set<std::string> seen = {self};
    if (name != self && Checks(facts, name, 1, &seen)) return true;
  }
  return false;
}

void CheckKernelThread(const ArchFacts& facts, std::vector<Finding>* out) {
  auto [cb, ce] = facts.c_functions.equal_range("kernel_thread");
  for (auto it = cb; it != ce; ++it) {
    const ArchFacts::CFunction& fn = it->second;
    if (fn.checks_exec_env || AnyChecks(facts, it->first, fn.callees)) continue;
    out->push_back({"R7", Severity::kError, fn.file, fn.first_statement_line,
                    "kernel_thread",
                    "starts a kernel thread whatever the exec env: neither "
                    "it nor a helper it calls checks get_exec_env(); the "
                    "check goes here, after the declarations",
                    ""});
  }
  for (const auto& [name, fn] : facts.asm_functions) {
    if (!SameSymbol(name, "kernel_thread")) continue;
    std::vector<std::string> refs;
    for (const auto& ref : fn.entry.refs) refs.push_back(ref.first);
    if (AnyChecks(facts, name, refs)) continue;
    const auto [target, line] = HandOff(facts, fn.entry);
    out->push_back(
        {"R7", Severity::kError, fn.file, line, name,
         target.empty()
             ? std::string("is entered in assembly and starts the thread "
                           "with no exec-env check: call a C helper that "
                           "checks first")
             : absl::StrCat(
                   "is entered in assembly and hands off to ",
                   target == "__NR_clone" ? "the clone system call" : target,
                   " with no exec-env check: call a C helper that "
                   "checks first"),
         ""});
  }
}

void CheckExports(const ArchFacts& facts, const std::string& arch,
                  const std::string& root, bool whole,
                  std::vector<Finding>* out) {
  for (const char* sym : kExported) {
    auto exp = facts.exported_in.find(sym);
    const std::set<std::string> none;
    const std::set<std::string>& in =
        exp == facts.exported_in.end() ? none : exp->second;
    auto [db, de] = facts.definitions.equal_range(sym);
    std::set<std::string> defining;
    for (auto it = db; it != de; ++it) defining.insert(it->second.file);
    bool elsewhere = false;  // exported by a file that defines nothing
    for (const std::string& file : in) elsewhere |= !defining.count(file);
    for (auto it = db; it != de; ++it) {
      if (elsewhere || in.count(it->second.file)) continue;
      out->push_back(
          {"R10", Severity::kError, it->second.file, it->second.line, sym,
           absl::StrCat("is defined here but not exported (EXPORT_SYMBOL): ",
                        std::string(sym) == "show_mem"
                            ? "the VE watchdog module (vzwdog) cannot load"
                            : "modules cannot read it, as they can on "
                              "vanilla x86"),
           ""});
    }
    if (db == de && in.empty() && whole) {
      out->push_back({"R10", Severity::kNote, root, 0, sym,
                      absl::StrCat(arch.empty() ? "this architecture" : arch,
                                   " defines no ", sym,
                                   ": nothing to export unless it has one "
                                   "under another name"),
                      ""});
    }
  }
}

}  // namespace

void CollectFacts(const std::string& file, const CFile& f, ArchFacts* facts) {
  for (const Function& fn : f.functions()) {
    ArchFacts::CFunction c{file, fn.line, 0, false, {}};
    std::set<absl::string_view> callees;
    for (size_t i = fn.begin; i <= fn.end; ++i) {
      c.checks_exec_env = c.checks_exec_env || IsExecEnvCheck(f[i].text);
      if (f.IsCall(i)) callees.insert(f[i].text);
    }
    for (absl::string_view s : callees) c.callees.emplace_back(s);
    if (fn.name == "kernel_thread") {
      c.first_statement_line = f.FirstStatementLine(fn);
    }
    if (fn.name == "show_mem") {
      facts->definitions.emplace(fn.name,
                                 ArchFacts::Definition{file, fn.end_line});
    }
    facts->c_functions.emplace(fn.name, std::move(c));
  }
  int depth = 0;
  for (size_t i = 0; i + 2 < f.size(); ++i) {
    const absl::string_view s = f[i].text;
    if (s == "{") ++depth;
    if (s == "}") --depth;
    if ((s == "EXPORT_SYMBOL" || s == "EXPORT_SYMBOL_GPL") &&
        f.Is(i + 1, "(")) {
      facts->exported_in[std::string(f[i + 2].text)].insert(file);
    }
    if (depth == 0 && s == "cpu_khz" &&
        (f.Is(i + 1, ";") || f.Is(i + 1, "=")) &&
        !(i > 0 && f.Has(f.Statement(i).first, i, "extern"))) {
      facts->definitions.emplace("cpu_khz",
                                 ArchFacts::Definition{file, f[i].line});
    }
  }
}

void CollectFacts(const std::string& file, std::vector<AsmEntry> entries,
                  ArchFacts* facts) {
  for (AsmEntry& e : entries) {
    std::string name = e.name;
    facts->asm_functions.emplace(std::move(name),
                                 ArchFacts::AsmFunction{file, std::move(e)});
  }
}

void CheckArch(const ArchFacts& facts, const std::string& arch,
               const std::string& root, bool whole, std::vector<Finding>* out) {
  CheckKernelThread(facts, out);
  CheckExports(facts, arch, root, whole, out);
}

}  // namespace vzsim::portcheck
