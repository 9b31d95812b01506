// Kernel: printk, ve_printk and printk_ratelimit (SPEC.md section 7).
#include <cerrno>

#include "kernel/errno_status.h"
#include "kernel/kernel.h"

namespace vzsim {
namespace {

constexpr int64_t kRatelimitWindowNs = 5LL * 1000 * 1000 * 1000;  // 5 s
constexpr int kRatelimitBurst = 10;

}  // namespace

void Kernel::Printk(absl::string_view text) {
  absl::MutexLock lock(&log_lock_);
  host_log_.Append(text);
}

absl::Status Kernel::VePrintk(ve_struct* env, int dst, absl::string_view text) {
  if (env == nullptr) return ErrnoError(-EINVAL, "ve_printk: no VE");
  if (dst != VE0_LOG && dst != VE_LOG && dst != VE_LOG_BOTH) {
    return ErrnoError(-EINVAL,
                      "ve_printk: dst must be VE0_LOG, VE_LOG or "
                      "VE_LOG_BOTH");
  }
  absl::MutexLock lock(&log_lock_);
  if (env == ve0_) {  // the host has one log: written once
    host_log_.Append(text);
    return absl::OkStatus();
  }
  if (dst & VE_LOG) {
    std::unique_ptr<LogRing>& log = RecordOf(env)->log_buf;
    if (log == nullptr) log = std::make_unique<LogRing>(LogRing::kVeSize);
    log->Append(text);
  }
  if (dst & VE0_LOG) host_log_.Append(text);
  return absl::OkStatus();
}

bool Kernel::PrintkRatelimit() {
  absl::MutexLock lock(&log_lock_);
  const int64_t now = now_ns();
  if (ratelimit_window_start_ < 0 ||
      now - ratelimit_window_start_ >= kRatelimitWindowNs) {
    ratelimit_window_start_ = now;
    ratelimit_in_window_ = 0;
  }
  if (ratelimit_in_window_ < kRatelimitBurst) {
    ++ratelimit_in_window_;
    return true;
  }
  ++ratelimit_missed_;
  return false;
}

std::string Kernel::HostLog() const {
  absl::MutexLock lock(&log_lock_);
  return host_log_.Contents();
}

std::string Kernel::VeLog(const ve_struct* ve) const {
  absl::MutexLock lock(&log_lock_);
  if (ve == nullptr) return "";
  if (ve == ve0_) return host_log_.Contents();
  const std::unique_ptr<LogRing>& log = RecordOf(ve)->log_buf;
  return log == nullptr ? "" : log->Contents();
}

uint64_t Kernel::VeLogBytesWritten(const ve_struct* ve) const {
  absl::MutexLock lock(&log_lock_);
  if (ve == nullptr) return 0;
  if (ve == ve0_) return host_log_.total_written();
  const std::unique_ptr<LogRing>& log = RecordOf(ve)->log_buf;
  return log == nullptr ? 0 : log->total_written();
}

}  // namespace vzsim
