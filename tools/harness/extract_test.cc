#include "tools/harness/extract.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/harness/harness.h"

namespace vzsim::harness {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

constexpr char kFile[] = R"c(#include <linux/kernel.h>
#define LIMIT 3
#define UNUSED_MACRO 9
struct counter { int n; };
typedef struct counter counter_t;
enum { RED, GREEN = 4 };
static counter_t hits;
static int helper(int x);
DO_ERROR(0, SIGFPE, "divide error", divide_error)
static DEFINE_SPINLOCK(lock);
#ifdef CONFIG_SMP
static int per_cpu_thing;
#else
static int per_cpu_thing = 1;
#endif

static int helper(int x)
{
	return x < LIMIT ? GREEN : per_cpu_thing;
}

static int unrelated(void)
{
	return UNUSED_MACRO;
}

fastcall int wanted(int y)
{
#ifdef CONFIG_A
	if (y) {
#else
	if (!y) {
#endif
		hits.n++;
	}
	return helper(y);
}
EXPORT_SYMBOL(wanted);
EXPORT_SYMBOL(unrelated);
)c";

TEST(Extract, TakesTheFunctionAndWhatItNeedsTransitively) {
  const Unit u = Extract(kFile, "arch/x/kernel/f.c", {"wanted", "absent"});
  EXPECT_THAT(u.found, ElementsAre("wanted"));
  EXPECT_THAT(u.included, ElementsAre("helper", "wanted"));
  EXPECT_THAT(u.text, HasSubstr("#define LIMIT 3"));
  EXPECT_THAT(u.text, HasSubstr("struct counter { int n; };"));
  EXPECT_THAT(u.text, HasSubstr("typedef struct counter counter_t;"));
  EXPECT_THAT(u.text, HasSubstr("enum { RED, GREEN = 4 };"));
  EXPECT_THAT(u.text, HasSubstr("static counter_t hits;"));
  EXPECT_THAT(u.text, HasSubstr("static int helper(int x);"));
  EXPECT_THAT(u.text, HasSubstr("EXPORT_SYMBOL(wanted);"));
  // Both branches of an #if stay, for the shim's configuration to pick.
  EXPECT_THAT(u.text, HasSubstr("#ifdef CONFIG_SMP\n"));
  EXPECT_THAT(u.text, HasSubstr("static int per_cpu_thing = 1;"));
  // What nothing wanted uses stays out, and so do the file's #includes.
  EXPECT_THAT(u.text, Not(HasSubstr("unrelated")));
  EXPECT_THAT(u.text, Not(HasSubstr("UNUSED_MACRO")));
  EXPECT_THAT(u.text, Not(HasSubstr("DO_ERROR")));
  EXPECT_THAT(u.text, Not(HasSubstr("DEFINE_SPINLOCK")));
  EXPECT_THAT(u.text, Not(HasSubstr("#include")));
  // Compiler messages cite the real file and line.
  EXPECT_THAT(u.text, HasSubstr("#line 27 \"arch/x/kernel/f.c\"\nfastcall"));
}

TEST(Extract, LeavesOutWhatTheShimReplaces) {
  const Unit u = Extract(kFile, "f.c", {"wanted"}, {"helper"});
  EXPECT_THAT(u.included, ElementsAre("wanted"));
  EXPECT_THAT(u.text, Not(HasSubstr("LIMIT")));
}

TEST(Extract, SplitsItemsAndFindsFunctions) {
  EXPECT_THAT(DefinedFunctions(kFile),
              UnorderedElementsAre("helper", "unrelated", "wanted"));
  // An #if branch's unbalanced brace does not swallow the rest.
  const std::vector<Item> items = SplitItems(kFile);
  EXPECT_EQ(items.back().kind, Item::kCode);
  EXPECT_THAT(items.back().defines, ElementsAre("unrelated"));
}

TEST(Extract, ReplacesInlineAssemblyWithTheStub) {
  constexpr char kAsm[] = R"c(long fault_address(long flags)
{
	long address, ds;

	__asm__("movq %%cr2,%0" : "=r" (address));
	asm volatile("movl %%ds,%0" : "=r" (ds) : "i" (3), "r" (flags));
	__asm__ __volatile__("flushw");
	return address + ds;
}
)c";
  const Unit u = Extract(kAsm, "f.c", {"fault_address"});
  EXPECT_THAT(u.text,
              HasSubstr("hx_inline_asm(\"movq %%cr2,%0\", address, 0);"));
  EXPECT_THAT(u.text,
              HasSubstr("hx_inline_asm(\"movl %%ds,%0\", ds, 2, "
                        "(unsigned long)(3), (unsigned long)(flags));"));
  EXPECT_THAT(u.text, HasSubstr("hx_inline_asm0(\"flushw\");"));
  EXPECT_THAT(u.text, Not(HasSubstr("__asm__")));
}

TEST(Extract, FindsAssemblyRoutines) {
  EXPECT_THAT(AsmGlobals(".globl do_thing\n.global other\n"),
              UnorderedElementsAre("do_thing", "other"));
  EXPECT_THAT(AsmLabels("__asm__(\".text\\n\"\n\"helper:\\n\\t\"\n\"ret\");"),
              ElementsAre("helper"));
}

// A function pointer whose parameter list starts on the next line is one
// declaration (arch/ia64/kernel/mca.c), not a bare macro call.
TEST(SplitItems, AFunctionPointerOverTwoLinesIsOneDeclaration) {
  constexpr char kPointer[] =
      "int (*extension)\n\t(void *, struct state *)\n\t= NULL;\nint x;\n";
  const std::vector<Item> items = SplitItems(kPointer);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(absl::string_view(kPointer).substr(items[0].begin,
                                               items[0].end - items[0].begin),
            "int (*extension)\n\t(void *, struct state *)\n\t= NULL;");
  EXPECT_TRUE(items[0].function.empty());
}

// What the harness puts after a function stays in the function's #if
// branch: a function configured out takes it along.
TEST(Extract, TextAfterAFunctionStaysInsideItsConditional) {
  constexpr char kConfigured[] = R"c(#ifdef CONFIG_PERFMON
static int pfm_thing(void)
{
	return 1;
}
#endif
)c";
  const Unit u = Extract(kConfigured, "arch/x/perfmon.c", {"pfm_thing"}, {},
                         {{"pfm_thing", "/* after */\n"}});
  const size_t fn = u.text.find("return 1;");
  const size_t after = u.text.find("/* after */");
  const size_t endif = u.text.find("#endif");
  ASSERT_NE(after, std::string::npos);
  EXPECT_LT(fn, after);
  EXPECT_LT(after, endif);
  EXPECT_TRUE(DefinesStatic(kConfigured, "pfm_thing"));
  EXPECT_TRUE(DefinesStatic(kFile, "helper"));
  EXPECT_FALSE(DefinesStatic(kFile, "wanted"));
}

TEST(MissingName, ReadsCompilerAndLoaderMessages) {
  EXPECT_EQ(MissingName("f.c:3:5: error: 'THREAD_SIZE' undeclared (first "
                        "use in this function)"),
            "THREAD_SIZE");
  EXPECT_EQ(MissingName("error: implicit declaration of function "
                        "'notify_die' [-Werror=implicit-function-"
                        "declaration]"),
            "notify_die");
  EXPECT_EQ(MissingName("error: unknown type name 'spinlock_t'"), "spinlock_t");
  EXPECT_EQ(MissingName("error: use of undeclared identifier 'uts_sem'"),
            "uts_sem");
  EXPECT_EQ(MissingName("error: call to undeclared function 'oops_enter'"),
            "oops_enter");
  EXPECT_EQ(MissingName("/tmp/x/R8.so: undefined symbol: show_free_areas"),
            "show_free_areas");
  EXPECT_EQ(MissingName("error: 'struct thread_info' has no member named "
                        "'previous_esp'"),
            "previous_esp");
  EXPECT_EQ(MissingName("error: expected ';' before '}' token"), "");
}

}  // namespace
}  // namespace vzsim::harness
