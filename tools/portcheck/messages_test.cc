// R2 (messages a user can trigger, and how easily) and R8 (register dumps).
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "tools/portcheck/portcheck.h"

namespace vzsim::portcheck {
namespace {

// "R2@line" for errors, "R2note@line" for notes.
std::multiset<std::string> Sites(const std::string& path,
                                 const std::string& text) {
  std::multiset<std::string> out;
  for (const Finding& f : ScanSource(path, text)) {
    out.insert(f.rule + (f.severity == Severity::kNote ? "note" : "") + "@" +
               std::to_string(f.line));
  }
  return out;
}

using Set = std::multiset<std::string>;

TEST(MessagesTest, AMessageNamingTheCurrentTaskIsTheUsersAnywhere) {
  EXPECT_EQ(Sites("arch/x/kernel/sys_x.c",
                  "long sys32_vm86(void) {\n"
                  "  struct task_struct *me = current;\n"
                  "  compat_printk(\"%s: vm86 mode\\n\", me->comm);\n}\n"),
            Set{"R2@3"});
  // Some other task's name (a sysrq walk) is not the caller's doing.
  EXPECT_EQ(Sites("arch/x/kernel/setup.c",
                  "void walk(struct task_struct *t) {\n"
                  "  printk(\"pid %d (%s)\\n\", t->pid, t->comm);\n}\n"),
            Set{});
}

TEST(MessagesTest, FaultHandlersLoadersAndTheirEscapes) {
  // Any message a fault handler prints on the way back to the user...
  EXPECT_EQ(Sites("arch/x/mm/fault.c",
                  "void do_page_fault(struct pt_regs *regs) {\n"
                  "  printk(\"fault at %lx\\n\", regs->pc);\n"
                  "  if (!user_mode(regs))\n"
                  "    printk(\"oops at %lx\\n\", regs->pc);\n"
                  "  printk(KERN_ALERT \"Unable to handle kernel paging\");\n"
                  "}\n"),
            Set{"R2@2"});
  // ...but not one on the way to an oops: the kernel failed, not the user.
  EXPECT_EQ(Sites("arch/x/mm/fault.c",
                  "void do_page_fault(struct pt_regs *regs) {\n"
                  "  if (bad) {\n    printk(\"bad pte %lx\\n\", v);\n  }\n"
                  "  die(\"Oops\", regs, 0);\n}\n"),
            Set{});
  // A binary-format loader's input is the user's executable.
  EXPECT_EQ(Sites("arch/x/kernel/binfmt_aout32.c",
                  "static int load_aout32_library(struct file *f) {\n"
                  "  printk(\"N_TXTOFF < BLOCK_SIZE\\n\");\n}\n"),
            Set{"R2@2"});
  // Interrupt, NMI and machine-check code is not reached by user input.
  EXPECT_EQ(Sites("arch/x/kernel/mca_drv.c",
                  "void mca_handler_bh(void) {\n"
                  "  printk(\"OS_MCA: process [pid: %d]\\n\", current->pid);\n"
                  "}\n"),
            Set{});
  // Boot code runs before any container exists.
  EXPECT_EQ(Sites("arch/x/kernel/traps.c",
                  "void __init trap_init(void) {\n"
                  "  printk(\"%s\\n\", current->comm);\n}\n"),
            Set{});
}

TEST(MessagesTest, SeverityFollowsHowEasilyAUserRepeatsIt) {
  const std::string head =
      "int page_fault_trace = 0;\nint exception_trace = 1;\n"
      "void do_page_fault(struct pt_regs *regs, long a) {\n"
      "  struct task_struct *tsk = current;\n";
  EXPECT_EQ(
      Sites("arch/x/mm/fault.c",
            head + "  if (unlikely(page_fault_trace))\n"
                   "    printk(\"pagefault rip:%lx\\n\", regs->rip);\n"
                   "  if (exception_trace && unhandled_signal(tsk, SIGSEGV))\n"
                   "    printk(\"%s[%d]: segfault\\n\", tsk->comm, tsk->pid);\n"
                   "  if (printk_ratelimit())\n"
                   "    printk(\"%s: again\\n\", tsk->comm);\n"
                   "  if ((jiffies - last) > 5*HZ)\n"
                   "    printk(\"%s: slowly\\n\", tsk->comm);\n"
                   "#ifdef DEBUG_FAULT\n"
                   "  printk(\"%s: debug\\n\", tsk->comm);\n"
                   "#endif\n"
                   "  if (exception_trace)\n"
                   "    printk(\"%s: on by default\\n\", tsk->comm);\n"
                   "}\n"),
      (Set{"R2note@6", "R2@8", "R2note@10", "R2note@12", "R2note@14",
           "R2@17"}));
  // The ported form: ve_printk goes to the VE's own log.
  EXPECT_EQ(Sites("arch/x/mm/fault.c",
                  head + "  ve_printk(VE_LOG, \"%s[%d]: segfault\\n\",\n"
                         "            tsk->comm, tsk->pid);\n}\n"),
            Set{});
}

TEST(MessagesTest, RegisterDumpsPointAtThePidPrintk) {
  // sparc64's die_if_kernel: "%s(%d)" with current->pid, no VE id.
  EXPECT_EQ(Sites("arch/x/kernel/traps.c",
                  "void die_if_kernel(char *str, struct pt_regs *regs)\n{\n"
                  "  printk(\"Oops\\n\");\n"
                  "  printk(\"%s(%d): %s\\n\", current->comm, current->pid,\n"
                  "         str);\n"
                  "  __show_regs(regs);\n}\n"),
            Set{"R8@4"});
  // The port adds the VE id next to it (arch/sparc64/kernel/traps.c).
  EXPECT_EQ(Sites("arch/x/kernel/traps.c",
                  "void die_if_kernel(char *str, struct pt_regs *regs)\n{\n"
                  "  printk(\"%s(%d): %s\\n\", current->comm, current->pid,\n"
                  "         str);\n"
                  "  printk(\"VE:EXCVE %d:%d\\n\", VEID(get_exec_env()), 0);\n"
                  "}\n"),
            Set{});
  // A dump's messages are R8's business, never R2's.
  EXPECT_EQ(Sites("arch/x/mm/fault.c",
                  "void show_regs(struct pt_regs *regs)\n{\n"
                  "  printk(\"PC: %lx\\n\", regs->pc);\n}\n"),
            Set{});
}

}  // namespace
}  // namespace vzsim::portcheck
