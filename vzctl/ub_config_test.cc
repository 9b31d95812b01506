#include "vzctl/ub_config.h"

#include "gtest/gtest.h"
#include "include/ub/beancounter.h"

namespace vzsim {
namespace {

TEST(ParseUbConfig, ReadsAVzctlConfig) {
  auto limits = ParseUbConfig(
      "# VE 101\n"
      "\n"
      "PRIVVMPAGES=\"65536:69632\"\n"
      "  NUMPROC=\"240\"  \n"
      "KMEMSIZE=11055923:11377049\n"
      "PHYSPAGES=\"0:unlimited\"\n"
      "numfile=\"unlimited\"\n");
  ASSERT_TRUE(limits.ok()) << limits.status();
  ASSERT_EQ(limits->size(), 5u);
  EXPECT_EQ((*limits)[0].resource, UB_PRIVVMPAGES);
  EXPECT_EQ((*limits)[0].barrier, 65536u);
  EXPECT_EQ((*limits)[0].limit, 69632u);
  EXPECT_EQ((*limits)[1].resource, UB_NUMPROC);
  EXPECT_EQ((*limits)[1].barrier, 240u);
  EXPECT_EQ((*limits)[1].limit, 240u);
  EXPECT_EQ((*limits)[2].resource, UB_KMEMSIZE);
  EXPECT_EQ((*limits)[3].barrier, 0u);
  EXPECT_EQ((*limits)[3].limit, UB_MAXVALUE);
  EXPECT_EQ((*limits)[4].resource, UB_NUMFILE);
  EXPECT_EQ((*limits)[4].barrier, UB_MAXVALUE);
}

TEST(ParseUbConfig, ReportsTheLineOfTheFirstProblem) {
  EXPECT_EQ(ParseUbConfig("NUMPROC=1\nPRIVMPAGES=\"1:2\"\n").status().message(),
            "line 2: 'PRIVMPAGES' is not a beancounter resource");
  EXPECT_EQ(ParseUbConfig("NUMPROC\n").status().message(),
            "line 1: 'NUMPROC' is not NAME=\"VALUE\"");
  EXPECT_EQ(ParseUbConfig("NUMPROC=\"1:2\n").status().message(),
            "line 1: unbalanced quotes in 'NUMPROC=\"1:2'");
  EXPECT_EQ(ParseUbConfig("NUMPROC=\"1:2:3\"").status().message(),
            "line 1: NUMPROC: '1:2:3' is not BARRIER:LIMIT or a single value");
  EXPECT_EQ(ParseUbConfig("NUMPROC=\"1:lots\"").status().message(),
            "line 1: NUMPROC: 'lots' is not a number or 'unlimited'");
  EXPECT_EQ(ParseUbConfig("NUMPROC=\"\"").status().message(),
            "line 1: NUMPROC: '' is not a number or 'unlimited'");
  EXPECT_EQ(ParseUbConfig("NUMPROC=-1").status().message(),
            "line 1: NUMPROC: '-1' is not a number or 'unlimited'");
  EXPECT_EQ(ParseUbConfig("DUMMY=1").status().message(),
            "line 1: 'DUMMY' is not a beancounter resource");
  EXPECT_EQ(ParseUbConfig("NUMPROC=99999999999999999999").status().message(),
            "line 1: NUMPROC: '99999999999999999999' is not a number or "
            "'unlimited'");
}

TEST(ParseUbConfig, AnEmptyConfigSetsNothing) {
  auto limits = ParseUbConfig("# nothing\n\n");
  ASSERT_TRUE(limits.ok());
  EXPECT_TRUE(limits->empty());
}

TEST(ParseUbParam, TakesVzctlOptionNames) {
  auto l = ParseUbParam("lockedpages", "256:256");
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->resource, UB_LOCKEDPAGES);
  EXPECT_EQ(l->limit, 256u);
  // A value above UB_MAXVALUE parses; setublimit is what refuses it.
  l = ParseUbParam("NUMPROC", "9223372036854775808");
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->barrier, UB_MAXVALUE + 1);
}

}  // namespace
}  // namespace vzsim
