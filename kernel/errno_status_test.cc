#include "kernel/errno_status.h"

#include <cerrno>

#include "gtest/gtest.h"

namespace vzsim {
namespace {

TEST(ErrnoStatusTest, ZeroIsOk) {
  EXPECT_TRUE(ErrnoError(0, "x").ok());
  EXPECT_EQ(ErrnoOf(absl::OkStatus()), 0);
}

TEST(ErrnoStatusTest, KeepsTheExactErrnoWhereAbslWouldMergeThem) {
  absl::Status nomem = ErrnoError(-ENOMEM, "fork");
  absl::Status again = ErrnoError(-EAGAIN, "fork");
  EXPECT_EQ(nomem.code(), again.code());  // both "resource exhausted"
  EXPECT_EQ(ErrnoOf(nomem), ENOMEM);
  EXPECT_EQ(ErrnoOf(again), EAGAIN);
}

TEST(ErrnoStatusTest, AcceptsPositiveErrnoAndNamesIt) {
  absl::Status s = ErrnoError(EBUSY, "enter VE 101");
  EXPECT_EQ(ErrnoOf(s), EBUSY);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("enter VE 101"), absl::string_view::npos);
  EXPECT_NE(s.message().find("EBUSY"), absl::string_view::npos);
}

TEST(ErrnoStatusTest, ForeignStatusMapsToAClosestErrno) {
  EXPECT_EQ(ErrnoOf(absl::NotFoundError("x")), ENOENT);
  EXPECT_EQ(ErrnoOf(absl::PermissionDeniedError("x")), EPERM);
  EXPECT_EQ(ErrnoOf(absl::InternalError("x")), EINVAL);
}

TEST(ErrnoStatusTest, KernelReturnToStatus) {
  EXPECT_TRUE(KernelReturnToStatus(5, "x").ok());
  EXPECT_EQ(ErrnoOf(KernelReturnToStatus(-ESRCH, "x")), ESRCH);
}

TEST(ErrnoStatusTest, NamesAreTheKernelsAndUnknownOnesAreMarked) {
  EXPECT_EQ(ErrnoName(EPERM), "EPERM");
  EXPECT_EQ(ErrnoName(ECHILD), "ECHILD");
  EXPECT_EQ(ErrnoName(9999), "E?");
}

}  // namespace
}  // namespace vzsim
