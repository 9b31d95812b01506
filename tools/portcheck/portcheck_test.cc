#include "tools/portcheck/portcheck.h"

#include <set>
#include <string>

#include "gtest/gtest.h"

namespace vzsim::portcheck {
namespace {

std::multiset<std::string> Sites(absl::string_view path,
                                 absl::string_view text) {
  std::multiset<std::string> out;
  for (const Finding& f : ScanSource(path, text)) {
    out.insert(f.rule + (f.severity == Severity::kNote ? "note" : "") + "@" +
               std::to_string(f.line));
  }
  return out;
}

using Set = std::multiset<std::string>;

TEST(PortcheckTest, R3FindsPlainLookupsAcrossLinesButNotTheExplicitForms) {
  EXPECT_EQ(Sites("a.c", "void f(void) {\n p = find_task_by_pid(\n  nr);\n}"),
            Set{"R3@2"});
  EXPECT_EQ(Sites("a.c",
                  "void f(void) { p = find_task_by_pid_ve(nr); "
                  "q = find_task_by_pid_all(nr); }"),
            Set{});
  EXPECT_EQ(Sites("a.c",
                  "/* find_task_by_pid(nr) */ char *s = "
                  "\"find_task_by_pid(\";"),
            Set{});
}

TEST(PortcheckTest, R4FindsPlainWalksNotCommentedOnes) {
  EXPECT_EQ(Sites("a.c",
                  "void f(void) {\n for_each_process(p) n++;\n"
                  " do_each_thread(g, t) { } while_each_thread(g, t);\n}"),
            (Set{"R4@2", "R4@3", "R4@3"}));
  EXPECT_EQ(Sites("a.c",
                  "void f(void) {\n // for_each_process(p)\n"
                  " for_each_process_ve(p) n++;\n}"),
            Set{});
}

TEST(PortcheckTest, R1ChargedVmaIsFineWritableIsAnErrorReadOnlyANote) {
  EXPECT_EQ(Sites("a.c",
                  "void f(struct mm_struct *mm) {\n"
                  " vma->vm_flags = VM_READ | VM_WRITE;\n"
                  " insert_vm_struct(mm, vma);\n}"),
            Set{"R1@3"});
  EXPECT_EQ(Sites("a.c",
                  "void f(struct mm_struct *mm) {\n"
                  " vma->vm_flags = VM_READ;\n"
                  " install_special_mapping(mm, a, l, f, p);\n}"),
            Set{"R1note@3"});
  EXPECT_EQ(Sites("a.c",
                  "void f(struct mm_struct *mm) {\n"
                  " vma->vm_flags = VM_DATA_DEFAULT_FLAGS;\n"
                  " if (ub_memory_charge(mm, l, vma->vm_flags, 0, 1))\n"
                  "  return;\n"
                  " insert_vma_struct(mm, vma);\n}"),
            Set{});
}

TEST(PortcheckTest, R1SkipsTheKernelsOwnMmAndBootCode) {
  // arch/sparc/mm/sun4c.c: a VMA of init_mm, which no container owns.
  EXPECT_EQ(Sites("a.c",
                  "void locks(void) {\n vma.vm_flags = VM_READ | VM_WRITE;\n"
                  " insert_vm_struct(&init_mm, &vma);\n}\n"
                  "void __init boot(struct mm_struct *mm) {\n"
                  " vma->vm_flags = VM_WRITE;\n insert_vm_struct(mm, vma);\n}"),
            Set{});
}

TEST(PortcheckTest, LookupsInTheOtherBranchOfAnIfdefCount) {
  EXPECT_EQ(Sites("a.c",
                  "long f(int nr) {\n#ifdef CONFIG_A\n p = g(nr);\n#else\n"
                  " p = find_task_by_pid(nr);\n#endif\n return 0;\n}"),
            Set{"R3@5"});
}

TEST(PortcheckTest, R2PlainPrintkOfUserReportsInFaultPaths) {
  EXPECT_EQ(Sites("arch/x/mm/fault.c",
                  "void bad_area(void) {\n"
                  " printk(\"%s[%d]: segfault at %lx\\n\", c, p, a);\n"
                  " printk(KERN_ALERT \"Unable to handle kernel paging\");\n}"),
            Set{"R2@2"});
  EXPECT_EQ(
      Sites("arch/x/kernel/unaligned.c",
            "void user_unaligned(void) {\n"
            " if (printk_ratelimit())\n"
            "  ve_printk(VE_LOG, \"%s(%d): unaligned access\", c, p);\n}"),
      Set{});
  // Not a fault path: the same printk is not this rule's business.
  EXPECT_EQ(Sites("arch/x/kernel/setup.c",
                  "void setup(void) { printk(\"%s[%d]: hello\", c, p); }"),
            Set{});
}

TEST(PortcheckTest, R7KernelThreadInCAndInAssembly) {
  // The finding is where the check goes: the first statement.
  EXPECT_EQ(Sites("a.c",
                  "int kernel_thread(int (*fn)(void *), void *arg,\n"
                  "                  unsigned long flags)\n{\n"
                  " struct pt_regs regs;\n"
                  " return do_fork(flags, 0, 0, 0, 0, 0);\n}"),
            Set{"R7@5"});
  EXPECT_EQ(Sites("a.c",
                  "int kernel_thread(int (*fn)(void *), void *a, "
                  "unsigned long f) {\n if (!ve_is_super(get_exec_env()))"
                  " return -EPERM;\n return 0;\n}"),
            Set{});
  EXPECT_EQ(Sites("entry.S",
                  "/* kernel_thread: */\n\t.text\n\t.globl kernel_thread\n"
                  "kernel_thread:\n\tretl\n"),
            Set{"R7@4"});
  EXPECT_EQ(Sites("entry.S", "\tcall kernel_thread_helper\n"), Set{});
}

TEST(PortcheckTest, R8RegisterDumpWithPidButNoVeid) {
  EXPECT_EQ(Sites("a.c",
                  "void show_regs(struct pt_regs *r)\n{\n"
                  " printk(\"Pid: %d\\n\", current->pid);\n}"),
            Set{"R8@3"});
  EXPECT_EQ(Sites("a.c",
                  "void __die(const char *s)\n{\n"
                  " printk(\"Pid: %d veid: %d\", p, VEID(e));\n}"),
            Set{});
  EXPECT_EQ(Sites("a.c",
                  "void show_regs(struct pt_regs *r)\n{\n"
                  " printk(\"PC: %lx\\n\", r->pc);\n}"),
            Set{});
}

TEST(PortcheckTest, R5GlobalPidsHandedToUsers) {
  EXPECT_EQ(Sites("a.c",
                  "void f(struct task_struct *t) {\n"
                  " info.si_pid = current->pid;\n"
                  " info.si_pid = virt_pid(current);\n}"),
            Set{"R5@2"});
  EXPECT_EQ(Sites("a.c",
                  "long sys_getppid(void) {\n"
                  " return current->real_parent->tgid;\n}"),
            Set{"R5@2"});
  EXPECT_EQ(Sites("a.c",
                  "long getpid(struct pt_regs *regs) {\n"
                  " regs->u_regs[9] = virt_tgid(current);\n"
                  " put_user(current->tgid, ptr);\n}"),
            Set{"R5@3"});
  EXPECT_EQ(Sites("a.c", "void g(void) { if (p->pid == 1) return; }"), Set{});
}

TEST(PortcheckTest, R9SystemUtsnameIsAnErrorButANoteInRegisterDumps) {
  EXPECT_EQ(Sites("a.c",
                  "long sunos_uname(void) {\n"
                  " return copy(system_utsname.nodename);\n}\n"
                  "void show_regs(void) {\n"
                  " printk(\"%s\", system_utsname.release);\n}"),
            (Set{"R9@2", "R9note@5"}));
}

TEST(PortcheckTest, OtherFilesAreIgnored) {
  EXPECT_EQ(Sites("README", "find_task_by_pid(1)"), Set{});
}

TEST(PortcheckTreeTest, VanillaTreeHasEveryRuleAndPortedTreeNone) {
  auto vanilla = ScanPaths({"tools/portcheck/testdata/vanilla_arch"});
  ASSERT_TRUE(vanilla.ok()) << vanilla.status();
  std::set<std::string> rules;
  int errors = 0;
  for (const Finding& f : vanilla->findings) {
    rules.insert(f.rule);
    errors += f.severity == Severity::kError;
  }
  EXPECT_EQ(rules, (std::set<std::string>{"R1", "R2", "R3", "R4", "R5", "R7",
                                          "R8", "R9", "R10"}));
  EXPECT_EQ(vanilla->files_scanned, 6);

  auto ported = ScanPaths({"tools/portcheck/testdata/ported_arch"});
  ASSERT_TRUE(ported.ok()) << ported.status();
  for (const Finding& f : ported->findings) {
    EXPECT_EQ(f.severity, Severity::kNote)
        << f.file << ":" << f.line << " " << f.rule << " " << f.what;
  }
}

TEST(PortcheckTreeTest, R10DefinedButNotExportedPointsWhereTheExportGoes) {
  auto r = ScanPaths({"tools/portcheck/testdata/vanilla_arch/mm/init.c"});
  ASSERT_TRUE(r.ok());
  std::set<std::string> sites;
  for (const Finding& f : r->findings) {
    if (f.rule == "R10")
      sites.insert(f.function + "@" + std::to_string(f.line));
  }
  // show_mem's closing brace and cpu_khz's definition: EXPORT_SYMBOL follows.
  EXPECT_EQ(sites, (std::set<std::string>{"show_mem@5", "cpu_khz@7"}));
}

TEST(PortcheckTreeTest, BadPaths) {
  auto r = ScanPaths({"tools/portcheck/testdata/no_such_dir"});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("no_such_dir"), absl::string_view::npos);
}

TEST(PortcheckRenderTest, TextAndJson) {
  auto r = ScanPaths({"tools/portcheck/testdata/vanilla_arch/kernel/ptrace.c"});
  ASSERT_TRUE(r.ok());
  const std::string text = RenderText(*r);
  EXPECT_EQ(
      text.find("== tools/portcheck/testdata/vanilla_arch/kernel/"
                "ptrace.c, 1 file(s) scanned ==\n\n"
                "tools/portcheck/testdata/vanilla_arch/kernel/ptrace.c\n"),
      0u)
      << text;
  EXPECT_EQ(text.find("R10"), std::string::npos);  // one file is not a tree
  EXPECT_NE(text.find("      7  R3  error arch_ptrace(): find_task_by_pid() "
                      "looks the pid up in the whole system\n"
                      "              instead: Use find_task_by_pid_ve()"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Summary for tools/portcheck/testdata/vanilla_arch/"
                      "kernel/ptrace.c:\n  R3  explicit lookups"),
            std::string::npos);
  const std::string json = RenderJson(*r);
  EXPECT_NE(json.find("\"rule\": \"R3\", \"severity\": \"error\", "
                      "\"arch\": \"\", \"file\": "
                      "\"tools/portcheck/testdata/vanilla_arch/kernel/"
                      "ptrace.c\", \"line\": 7, \"function\": "
                      "\"arch_ptrace\""),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"files_scanned\": 1"), std::string::npos);
}

}  // namespace
}  // namespace vzsim::portcheck
