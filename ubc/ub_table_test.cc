// The beancounter table's life cycle (kernel/ub/beancounter.c), each test
// named after the kernel function it models.
#include "ubc/ub_table.h"

#include <cerrno>
#include <vector>

#include "gtest/gtest.h"
#include "ubc/fake_ub_host.h"

namespace vzsim {
namespace {

constexpr unsigned long kPages = 262144;  // 1 GiB

class UbTableTest : public ::testing::Test {
 protected:
  std::vector<uid_t> Listed() {
    std::vector<uid_t> ids;
    for (user_beancounter* ub : table.List()) {
      ids.push_back(ub->parent == nullptr ? ub->ub_uid : 1000 + ub->ub_uid);
    }
    return ids;
  }
  FakeUbHost host;
  UbTable table{&host, kPages, MaxThreadsFor(kPages, 8192)};
};

TEST_F(UbTableTest, UbInitEarlyMakesAnUnlimitedUb0ListedLast) {
  user_beancounter* ub0 = table.ub0();
  ASSERT_NE(ub0, nullptr);
  EXPECT_EQ(ub0->ub_uid, 0u);
  EXPECT_EQ(UbRead(ub0->ub_parms[UB_NUMPROC].limit), UB_MAXVALUE);
  EXPECT_EQ(UbRead(ub0->ub_parms[UB_DUMMY].barrier), UB_MAXVALUE);
  EXPECT_EQ(table.count(), 1);
  EXPECT_EQ(Listed(), std::vector<uid_t>{0});
}

TEST_F(UbTableTest, GetBeancounterByuidMakesSyslimitsAtTheHead) {
  EXPECT_EQ(table.GetByUid(101, /*create=*/false), nullptr);
  user_beancounter* a = table.GetByUid(101, true);
  user_beancounter* b = table.GetByUid(102, true);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(atomic_read(&a->ub_refcount), 1);  // the caller's
  EXPECT_EQ(UbRead(a->ub_parms[UB_NUMPROC].limit), 8192u);
  EXPECT_EQ(UbRead(a->ub_parms[UB_PHYSPAGES].barrier), 0u);
  EXPECT_EQ(UbRead(a->ub_parms[UB_DUMMY].limit), 0u);
  EXPECT_EQ(Listed(), (std::vector<uid_t>{102, 101, 0}));
  EXPECT_EQ(table.count(), 3);
  // Found again: the same one, one more reference.
  EXPECT_EQ(table.GetByUid(101, true), a);
  EXPECT_EQ(atomic_read(&a->ub_refcount), 2);
  EXPECT_EQ(table.Find(102), b);
  EXPECT_EQ(atomic_read(&b->ub_refcount), 1);  // Find takes none
}

TEST_F(UbTableTest, PutBeancounterReleasesAtTheLastReference) {
  user_beancounter* a = table.GetByUid(101, true);
  get_beancounter(a);
  ASSERT_EQ(UbSetLimits(a, UB_NUMPROC, 5, 5), 0);
  put_beancounter(a);
  EXPECT_EQ(table.Find(101), a);  // one reference left
  put_beancounter(a);
  EXPECT_EQ(table.Find(101), nullptr);  // gone from the hash and the list
  EXPECT_EQ(Listed(), std::vector<uid_t>{0});
  EXPECT_EQ(table.count(), 1);
  EXPECT_EQ(host.log(), "");  // it held nothing
  // Made again: fresh limits, at the head again.
  user_beancounter* b = table.GetByUid(102, true);
  user_beancounter* again = table.GetByUid(101, true);
  EXPECT_NE(again, a);
  EXPECT_EQ(UbRead(again->ub_parms[UB_NUMPROC].limit), 8192u);
  EXPECT_EQ(Listed(), (std::vector<uid_t>{101, 102, 0}));
  put_beancounter(b);
  put_beancounter(again);
}

TEST_F(UbTableTest, BcVerifyHeldWarnsForEachCounterStillHeld) {
  user_beancounter* a = table.GetByUid(101, true);
  ASSERT_EQ(charge_beancounter(a, UB_NUMPROC, 3, UB_FORCE), 0);
  ASSERT_EQ(charge_beancounter(a, UB_KMEMSIZE, 100, UB_FORCE), 0);
  a->ub_unused_privvmpages = 7;
  put_beancounter(a);
  EXPECT_EQ(host.log(),
            "<4>Ub 101 helds 100 in kmemsize on put\n"
            "<4>Ub 101 helds 3 in numproc on put\n"
            "<4>Ub 101 helds 7 in unused_privvmpages on put\n");
}

TEST_F(UbTableTest, PutBeancounterNeverReleasesUb0) {
  user_beancounter* ub0 = table.ub0();
  put_beancounter(ub0);  // the table's own reference
  EXPECT_EQ(host.log(), "<3>Trying to put ub0\n");
  EXPECT_EQ(table.Find(0), ub0);
}

TEST_F(UbTableTest, PutBeancounterReportsABadRefcount) {
  user_beancounter* a = table.GetByUid(101, true);
  __put_beancounter_batch(a, 2);  // a bug: now -1
  put_beancounter(a);
  EXPECT_NE(host.log().find("<3>UB: Bad refcount (-2) on put of 101 ("),
            std::string::npos);
}

TEST_F(UbTableTest, GetSubbeancounterByidFindsOrMakesAndHoldsTheParent) {
  user_beancounter* top = table.GetByUid(101, true);
  EXPECT_EQ(table.GetSub(top, 3, false), nullptr);
  user_beancounter* sub = table.GetSub(top, 3, true);
  ASSERT_NE(sub, nullptr);
  EXPECT_EQ(sub->parent, top);
  EXPECT_EQ(atomic_read(&top->ub_refcount), 2);  // the child holds one
  EXPECT_EQ(top->ub_childs, 1);
  EXPECT_EQ(UbRead(sub->ub_parms[UB_NUMPROC].limit), UB_MAXVALUE);
  EXPECT_EQ(table.GetSub(top, 3, true), sub);  // found, not a duplicate
  EXPECT_EQ(table.count(), 2);                 // ub0 and 101: tops only
  EXPECT_EQ(Listed(), (std::vector<uid_t>{1003, 101, 0}));
  // The same id under another parent is another beancounter.
  user_beancounter* other = table.GetByUid(102, true);
  EXPECT_NE(table.GetSub(other, 3, true), sub);
  EXPECT_EQ(table.GetSub(nullptr, 3, true), nullptr);
}

TEST_F(UbTableTest, GetSubbeancounterByidHasNoDepthLimit) {
  user_beancounter* ub = table.GetByUid(101, true);
  for (int depth = 0; depth < 20; ++depth) ub = table.GetSub(ub, 1, true);
  ASSERT_NE(ub, nullptr);
  EXPECT_EQ(charge_beancounter(ub, UB_NUMFLOCK, 1, UB_HARD), 0);
  EXPECT_EQ(Held(table.Find(101), UB_NUMFLOCK), 1u);
}

TEST_F(UbTableTest, ReleasingASubDropsItsParentToo) {
  user_beancounter* top = table.GetByUid(101, true);
  user_beancounter* sub = table.GetSub(top, 3, true);
  put_beancounter(top);  // only the child holds it now
  EXPECT_EQ(table.Find(101), top);
  put_beancounter(sub);  // releases the child, then the parent
  EXPECT_EQ(table.Find(101), nullptr);
  EXPECT_EQ(Listed(), std::vector<uid_t>{0});
}

}  // namespace
}  // namespace vzsim
