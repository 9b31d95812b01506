// R1, R3, R4, R5 and R9 over one C file (checks.h).
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/portcheck/checks.h"

namespace vzsim::portcheck {
namespace {

bool IsVmaInsert(const CFile& f, size_t i) {
  return f.IsCall(i, "insert_vm_struct") || f.IsCall(i, "insert_vma_struct") ||
         f.IsCall(i, "install_special_mapping");
}

bool WritableFlag(absl::string_view s) {
  return s == "VM_WRITE" || ((absl::StartsWith(s, "VM_DATA_") ||
                              absl::StartsWith(s, "VM_STACK_")) &&
                             absl::EndsWith(s, "FLAGS"));
}

bool AnyWritable(const CFile& f, size_t b, size_t e) {
  for (size_t j = b; j < e && j < f.size(); ++j) {
    if (WritableFlag(f[j].text)) return true;
  }
  return false;
}

// The right-hand sides assigned to `lhs` (`vma->vm_flags` as "vma" and
// "vm_flags", or a plain variable with `field` empty) in [b, e).
std::vector<std::pair<size_t, size_t>> Assignments(const CFile& f, size_t b,
                                                   size_t e,
                                                   absl::string_view var,
                                                   absl::string_view field) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t j = b; j < e; ++j) {
    if (f[j].text != var) continue;
    size_t op = j + 1;
    if (!field.empty()) {
      if (!f.Is(j + 1, "->") || !f.Is(j + 2, field)) continue;
      op = j + 3;
    }
    if (!f.Is(op, "=") && !f.Is(op, "|=")) continue;
    out.push_back({op + 1, f.Statement(op).second});
  }
  return out;
}

// Whether the VMA inserted by the call at `i` is writable: the flags its
// `vm_flags` was given before the call in `fn` (following one plain
// variable), else whether the function names a writable flag at all.
bool InsertsWritable(const CFile& f, const Function& fn, size_t i) {
  const auto args = f.Args(i);
  std::vector<std::pair<size_t, size_t>> exprs;
  if (f[i].text == "install_special_mapping" && args.size() > 3) {
    exprs.push_back(args[3]);
  } else if (args.size() > 1 && args[1].second > args[1].first) {
    exprs = Assignments(f, fn.begin, i, f[args[1].second - 1].text, "vm_flags");
  }
  if (exprs.empty()) return AnyWritable(f, fn.begin, fn.end);
  for (auto [b, e] : exprs) {
    if (AnyWritable(f, b, e)) return true;
    if (e == b + 1 && f[b].kind == Token::kIdent) {  // `= flags;`
      for (auto [b2, e2] : Assignments(f, fn.begin, b, f[b].text, "")) {
        if (AnyWritable(f, b2, e2)) return true;
      }
    }
  }
  return false;
}

// Inside the arguments of a call that prints to the host's log or console.
bool InHostOutput(const CFile& f, const Function& fn, size_t i) {
  int depth = 0;
  for (size_t j = i; j > fn.begin; --j) {
    const absl::string_view s = f[j].text;
    if (s == ";" || s == "{" || s == "}") return false;
    if (s == ")") ++depth;
    if (s == "(" && depth-- == 0 && f[j - 1].kind == Token::kIdent) {
      const absl::string_view call = f[j - 1].text;
      if (call == "printk" || call == "printf" || call == "prom_printf" ||
          call == "early_printk" || call == "print_symbol") {
        return true;
      }
      depth = 0;
    }
  }
  return false;
}

bool GivesGlobalPid(const CFile& f, size_t b, size_t e) {
  for (size_t j = b; j + 1 < e; ++j) {
    if (f[j].text == "->" && (f.Is(j + 1, "pid") || f.Is(j + 1, "tgid"))) {
      return true;
    }
  }
  return false;
}

// A left-hand side a user reads: siginfo's si_pid, or a saved user
// register (`regs->...`, `u_regs[...]`).
const char* UserSlot(const CFile& f, size_t b, size_t e) {
  for (size_t j = b; j < e; ++j) {
    const absl::string_view s = f[j].text;
    if (s == "si_pid") return "si_pid";
    if (s == "u_regs") return "a user register";
    if (f[j].kind == Token::kIdent && absl::EndsWith(s, "regs") &&
        (f.Is(j + 1, "->") || f.Is(j + 1, "."))) {
      return "a user register";
    }
  }
  return nullptr;
}

bool ReturnsToUser(absl::string_view fn) {
  return absl::StartsWith(fn, "sys_") || absl::StrContains(fn, "getpid") ||
         absl::StrContains(fn, "getppid");
}

}  // namespace

void CheckVmas(const CFile& f, Sink* sink) {
  for (const Function& fn : f.functions()) {
    bool charged = false;
    for (size_t i = fn.begin; i <= fn.end; ++i) {
      charged = charged || f.IsCall(i, "ub_memory_charge");
      if (charged || !IsVmaInsert(f, i) || fn.init) continue;
      const auto args = f.Args(i);
      if (!args.empty() && f.Has(args[0].first, args[0].second, "init_mm")) {
        continue;  // the kernel's own mm: no beancounter to charge
      }
      const bool writable = InsertsWritable(f, fn, i);
      sink->Add("R1", writable ? Severity::kError : Severity::kNote, f[i].line,
                fn.name,
                writable ? absl::StrCat(f[i].text,
                                        "() of a writable VMA that nothing "
                                        "charges (no ub_memory_charge() "
                                        "before it)")
                         : absl::StrCat(f[i].text,
                                        "() of a VMA that looks read-only, "
                                        "which charges nothing; check its "
                                        "flags"));
    }
  }
}

// R3, R4 and R9 at one token: `call` says it is followed by `(`, `fn` is
// the enclosing function, `host_output` that it is a host log argument.
void LookupAt(const Token& tok, bool call, const Function* fn, bool host_output,
              Sink* sink) {
  const std::string name = fn == nullptr ? "" : fn->name;
  if (tok.text == "find_task_by_pid" && call) {
    sink->Add("R3", Severity::kError, tok.line, name,
              "find_task_by_pid() looks the pid up in the whole system");
  } else if (tok.text == "for_each_process" || tok.text == "do_each_thread" ||
             tok.text == "while_each_thread") {
    sink->Add("R4", Severity::kError, tok.line, name,
              absl::StrCat(tok.text, " walks every task of the system"));
  } else if (tok.text == "system_utsname") {
    const bool host =
        fn != nullptr && (IsDumpFunction(fn->name) || fn->init || host_output);
    sink->Add("R9", host ? Severity::kNote : Severity::kError, tok.line, name,
              host ? "system_utsname in host-only output (a register dump, "
                     "boot code or a host log message): right as it is"
                   : "system_utsname gives the host's identity to whoever "
                     "asks");
  }
}

void CheckLookups(const CFile& f, Sink* sink) {
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i].kind != Token::kIdent) continue;
    const Function* fn = f.Enclosing(i);
    LookupAt(f[i], f.IsCall(i), fn,
             fn != nullptr && f[i].text == "system_utsname" &&
                 InHostOutput(f, *fn, i),
             sink);
  }
  // The other branches of #if groups: names only.
  const std::vector<Token>& alt = f.alternatives();
  for (size_t i = 0; i < alt.size(); ++i) {
    if (alt[i].kind != Token::kIdent) continue;
    const bool call = i + 1 < alt.size() && alt[i + 1].text == "(";
    LookupAt(alt[i], call, f.EnclosingLine(alt[i].line), false, sink);
  }
}

void CheckUserPids(const CFile& f, Sink* sink) {
  for (const Function& fn : f.functions()) {
    std::set<size_t> seen;  // one finding per statement
    for (size_t i = fn.begin; i <= fn.end; ++i) {
      if (f[i].text != "=" && f[i].text != "return" &&
          !f.IsCall(i, "put_user")) {
        continue;
      }
      const auto [b, e] = f.Statement(i);
      if (seen.count(b)) continue;
      std::string slot;
      if (f[i].text == "=") {
        const char* s = UserSlot(f, b, i);
        if (s != nullptr && GivesGlobalPid(f, i + 1, e)) slot = s;
      } else if (f.IsCall(i, "put_user")) {
        const auto args = f.Args(i);
        if (!args.empty() && GivesGlobalPid(f, args[0].first, args[0].second)) {
          slot = "put_user()";
        }
      } else if (f[i].text == "return" && ReturnsToUser(fn.name) &&
                 GivesGlobalPid(f, i + 1, e)) {
        slot = "the syscall's return value";
      }
      if (slot.empty()) continue;
      seen.insert(b);
      sink->Add("R5", Severity::kError, f[b].line, fn.name,
                absl::StrCat(slot, " gets a global pid (->pid / ->tgid)"));
    }
  }
}

}  // namespace vzsim::portcheck
