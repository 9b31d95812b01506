#include "kernel/printk.h"

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <string>

#include "absl/strings/str_format.h"
#include "kernel/cpu.h"
#include "kernel/errno_status.h"

namespace {

std::string Format(const char* fmt, va_list args) {
  if (fmt == nullptr) return "";
  char buf[1024];  // the kernel's printk_buf is 1 KiB too
  std::vsnprintf(buf, sizeof(buf), fmt, args);
  return buf;
}

}  // namespace

int printk(const char* fmt, ...) {
  vzsim::Kernel* k = vzsim::this_kernel();
  if (k == nullptr) return -ESRCH;
  va_list args;
  va_start(args, fmt);
  const std::string text = Format(fmt, args);
  va_end(args);
  k->Printk(text);
  return static_cast<int>(text.size());
}

int ve_printk(int dst, const char* fmt, ...) {
  vzsim::Kernel* k = vzsim::this_kernel();
  task_struct* t = current;
  if (k == nullptr || t == nullptr) return -ESRCH;
  va_list args;
  va_start(args, fmt);
  const std::string text = Format(fmt, args);
  va_end(args);
  absl::Status s = k->VePrintk(t->ve_task_info.exec_env, dst, text);
  return s.ok() ? static_cast<int>(text.size()) : -vzsim::ErrnoOf(s);
}

int printk_ratelimit() {
  vzsim::Kernel* k = vzsim::this_kernel();
  return k != nullptr && k->PrintkRatelimit();
}

void dump_stack() {
  task_struct* t = current;
  if (t == nullptr) return;
  printk(
      "Pid: %d, comm: %.16s\nCall Trace:\n [<ffffffff8100b0a0>] "
      "dump_stack+0x10/0x20\n",
      t->pid, t->comm);
}
