// Extraction: the functions a rule concerns, taken out of a real kernel
// source file with everything of that file they need (static helpers and
// other functions of the file they call, file-local structs, typedefs,
// enums, macros and variables, transitively), as one C translation unit.
//
// The file is read as a sequence of top-level items: preprocessor lines
// (#define, #if..., #include) and code items (a declaration up to its `;`,
// a function definition up to its closing brace, a bare macro call such as
// traps.c's DO_ERROR(...) lines). Each item defines some names and uses
// others; the unit holds the wanted functions and the closure of what they
// use, in the file's order, with every #if/#else/#endif kept so that the
// shim's configuration picks the branch, the file's #includes dropped (the
// kernel face and the shim headers stand for them), and a #line before each
// item so that the compiler's messages cite the real file and line.
#ifndef VZSIM_TOOLS_HARNESS_EXTRACT_H_
#define VZSIM_TOOLS_HARNESS_EXTRACT_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace vzsim::harness {

struct Item {
  enum Kind { kCode, kDefine, kCondition, kDropped };
  Kind kind = kCode;
  size_t begin = 0, end = 0;  // byte range in the file's text
  int line = 0;               // the first line
  std::string function;       // the name, when a function definition
  std::set<std::string> defines, uses;
};

// The top-level items of C source `text`.
std::vector<Item> SplitItems(absl::string_view text);

// The names of the functions `text` defines (C function definitions).
std::set<std::string> DefinedFunctions(absl::string_view text);

// Symbols a file-scope `__asm__` block or an assembly file makes global
// (`.global x` / `.globl x`): functions written in assembly inside C files
// (i386's kernel_thread_helper in kernel/process.c).
std::set<std::string> AsmGlobals(absl::string_view text);
// Labels defined inside the asm strings of a C file (a routine written in
// a file-scope __asm__ block without a .global).
std::set<std::string> AsmLabels(absl::string_view text);

struct Unit {
  std::string text;                   // the C translation unit (no prelude)
  std::vector<std::string> found;     // wanted functions defined in the file
  std::vector<std::string> included;  // every function the unit holds
  std::set<std::string> defined;      // every name its code items define
};

// Global variables `text` defines at file scope (not static).
std::set<std::string> DefinedVariables(absl::string_view text);

// The declaration of function `fn` as `text` defines it (its head up to
// the body, then `;`), for other units that call it; "" when `text` does
// not define it or defines it static.
std::string Prototype(absl::string_view text, const std::string& fn);

// True when `text` defines function `fn` static (file-local).
bool DefinesStatic(absl::string_view text, const std::string& fn);

// The unit holding `wanted` (those the file defines) and what they need.
// Inline assembly in its functions becomes hx_inline_asm() (the prelude's
// stub: the simulation runs no kernel instructions, and many, such as a
// read of %cr2, would fault in a user process).
// `path` is the file's name for #line (a path from the tree's root). Items
// defining a name in `replaced` are left out: the arch's shim defines that
// name instead (a stack walker the simulation has no stack for). `after`:
// text to put right after a function's definition, inside the same
// #if branches (the function may be configured out).
Unit Extract(absl::string_view text, absl::string_view path,
             const std::set<std::string>& wanted,
             const std::set<std::string>& replaced = {},
             const std::map<std::string, std::string>& after = {});

}  // namespace vzsim::harness

#endif  // VZSIM_TOOLS_HARNESS_EXTRACT_H_
