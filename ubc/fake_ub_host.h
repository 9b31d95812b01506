// A UbHost for tests of ubc/ without a Kernel: a host log, a clock and a
// list of kernel BUGs the test reads and controls.
#ifndef VZSIM_UBC_FAKE_UB_HOST_H_
#define VZSIM_UBC_FAKE_UB_HOST_H_

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "ubc/beancounter.h"

namespace vzsim {

class FakeUbHost : public UbHost {
 public:
  void HostPrintk(absl::string_view text) override {
    absl::MutexLock l(&mu_);
    log_ += std::string(text);
  }
  int64_t NowNs() const override { return now_ns; }
  void HostBug(absl::string_view file, int line) override {
    absl::MutexLock l(&mu_);
    bugs_.push_back(absl::StrCat(file, ":", line));
  }
  std::string log() {
    absl::MutexLock l(&mu_);
    return log_;
  }
  std::vector<std::string> bugs() {
    absl::MutexLock l(&mu_);
    return bugs_;
  }
  void ClearLog() {
    absl::MutexLock l(&mu_);
    log_.clear();
  }
  int64_t now_ns = 0;

 private:
  absl::Mutex mu_;
  std::string log_;
  std::vector<std::string> bugs_;
};

inline constexpr int64_t kSecondNs = 1000LL * 1000 * 1000;

inline unsigned long Held(const user_beancounter* ub, int res) {
  return UbRead(ub->ub_parms[res].held);
}
inline unsigned long Maxheld(const user_beancounter* ub, int res) {
  return UbRead(ub->ub_parms[res].maxheld);
}
inline unsigned long Failcnt(const user_beancounter* ub, int res) {
  return UbRead(ub->ub_parms[res].failcnt);
}

}  // namespace vzsim

#endif  // VZSIM_UBC_FAKE_UB_HOST_H_
