#include "kernel/log_ring.h"

#include <string>

#include "gtest/gtest.h"

namespace vzsim {
namespace {

TEST(LogRingTest, HoldsWhatWasWritten) {
  LogRing ring(16);
  ring.Append("abc\n");
  ring.Append("de\n");
  EXPECT_EQ(ring.Contents(), "abc\nde\n");
  EXPECT_EQ(ring.LineCount(), 2u);
  EXPECT_EQ(ring.total_written(), 7u);
}

TEST(LogRingTest, OverwritesTheOldestWhenFull) {
  LogRing ring(8);
  ring.Append("0123456");
  ring.Append("789");
  EXPECT_EQ(ring.Contents(), "23456789");
  EXPECT_EQ(ring.total_written(), 10u);
}

TEST(LogRingTest, AnOversizedMessageKeepsItsTail) {
  LogRing ring(4);
  ring.Append("ab");
  ring.Append("0123456789");
  EXPECT_EQ(ring.Contents(), "6789");
  EXPECT_EQ(ring.total_written(), 12u);
}

TEST(LogRingTest, VeSizeIs4KiB) {
  LogRing ring(LogRing::kVeSize);
  const std::string line(100, 'x');
  for (int i = 0; i < 100; ++i) ring.Append(line + "\n");
  EXPECT_EQ(ring.Contents().size(), 4096u);
  EXPECT_EQ(LogRing::kHostSize, 32u * 1024);
}

TEST(LogRingTest, ZeroCapacityIgnoresEverything) {
  LogRing ring(0);
  ring.Append("x");
  EXPECT_EQ(ring.Contents(), "");
}

}  // namespace
}  // namespace vzsim
