// The kernel face of the log (kernel/printk.c): printk(), ve_printk(),
// printk_ratelimit(), print_tainted(), and sprintf() for C code.
#include "kernel/printk.h"

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <string>

#include "include/linux/kallsyms.h"
#include "include/linux/seq_file.h"
#include "kernel/cpu.h"

namespace {

std::string Format(const char* fmt, va_list args) {
  if (fmt == nullptr) return "";
  char buf[1024];  // the kernel's printk_buf is 1 KiB too
  std::vsnprintf(buf, sizeof(buf), fmt, args);
  return buf;
}

// kernel/printk.c: printk_ratelimit_jiffies (5 * HZ), printk_ratelimit_burst.
constexpr int kRatelimitJiffies = 5 * HZ;
constexpr int kRatelimitBurst = 10;

}  // namespace

extern "C" {

int printk(const char* fmt, ...) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  va_list args;
  va_start(args, fmt);
  const std::string text = Format(fmt, args);
  va_end(args);
  return k->Printk(text);
}

int ve_printk(int dst, const char* fmt, ...) {
  vzsim::Kernel* k = vzsim::this_kernel();
  task_struct* t = current;
  if (k == nullptr || t == nullptr) return -ESRCH;
  va_list args;
  va_start(args, fmt);
  const std::string text = Format(fmt, args);
  va_end(args);
  return k->VePrintk(t->ve_task_info.exec_env, dst, text);
}

int __printk_ratelimit(int ratelimit_jiffies, int ratelimit_burst) {
  vzsim::Kernel* k = vzsim::this_kernel();
  return k != nullptr && k->PrintkRatelimit(ratelimit_jiffies, ratelimit_burst);
}

int printk_ratelimit(void) {
  return __printk_ratelimit(kRatelimitJiffies, kRatelimitBurst);
}

// kernel/panic.c: print_tainted(); the model never taints.
const char* print_tainted(void) { return "Not tainted"; }

void panic(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  const std::string why = Format(fmt, args);
  va_end(args);
  printk(KERN_EMERG "Kernel panic - not syncing: %s\n", why.c_str());
}

int seq_printf(struct seq_file* s, const char* fmt, ...) {
  if (s == nullptr || s->buf == nullptr || s->count >= s->size) return -1;
  va_list args;
  va_start(args, fmt);
  const int n =
      std::vsnprintf(s->buf + s->count, s->size - s->count, fmt, args);
  va_end(args);
  if (n < 0 || static_cast<size_t>(n) >= s->size - s->count) {
    s->count = s->size;
    return -1;
  }
  s->count += static_cast<size_t>(n);
  return 0;
}

// kernel/module.c: print_modules(); the model loads no module code.
void print_modules(void) { printk("Modules linked in:\n"); }

// kernel/kallsyms.c: __print_symbol(), without a symbol table: the address.
void __print_symbol(const char* fmt, unsigned long address) {
  char sym[32];
  std::snprintf(sym, sizeof(sym), "0x%lx", address);
  std::string text = fmt == nullptr ? "" : fmt;
  const size_t at = text.find("%s");
  if (at != std::string::npos) text.replace(at, 2, sym);
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k != nullptr) k->Printk(text);
}

}  // extern "C"
