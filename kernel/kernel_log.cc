// Kernel: the host log, each VE's log and printk_ratelimit()'s bucket
// (kernel/printk.c: __vprintk(), ve_vprintk(), __printk_ratelimit()).
#include <cstdio>

#include "kernel/kernel.h"

namespace vzsim {
namespace {

// printk_buf: one call formats at most 1023 characters.
constexpr size_t kPrintkBufLen = 1024;
// default_message_loglevel
constexpr char kDefaultLevel = '4';

bool StartsWithLevel(absl::string_view s) {
  return s.size() >= 3 && s[0] == '<' && s[1] >= '0' && s[1] <= '7' &&
         s[2] == '>';
}

}  // namespace

// __vprintk()'s copy loop with printk_time off: a line that does not start
// with "<0>".."<7>" gets "<4>" first. log_level_unknown is one flag for the
// host and every VE, so a fragment without '\n' leaves the next call, even
// to another log, continuing that line.
int Kernel::AppendLogLocked(LogRing* ring, absl::string_view text) {
  if (text.size() >= kPrintkBufLen) text = text.substr(0, kPrintkBufLen - 1);
  int printed_len = static_cast<int>(text.size());
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size(); ++i) {
    if (log_level_unknown_) {
      if (!StartsWithLevel(text.substr(i))) {
        out += '<';
        out += kDefaultLevel;
        out += '>';
        printed_len += 3;
      }
      log_level_unknown_ = false;
    }
    out += text[i];
    if (text[i] == '\n') log_level_unknown_ = true;
  }
  ring->Append(out);
  return printed_len;
}

int Kernel::Printk(absl::string_view text) {
  absl::MutexLock lock(&log_lock_);
  return AppendLogLocked(&host_log_, text);
}

// ve_vprintk(): no errno for a strange dst; from a VE with neither bit,
// nothing is written and 0 comes back.
int Kernel::VePrintk(ve_struct* env, int dst, absl::string_view text) {
  if (env == nullptr) return 0;
  absl::MutexLock lock(&log_lock_);
  int printed_len = 0;
  if (env == ve0_ || (dst & VE0_LOG)) {
    printed_len = AppendLogLocked(&host_log_, text);
  }
  if (env != ve0_ && (dst & VE_LOG)) {
    std::unique_ptr<LogRing>& log = RecordOf(env)->log_buf;
    if (log == nullptr) log = std::make_unique<LogRing>(LogRing::kVeSize);
    printed_len = AppendLogLocked(log.get(), text);
  }
  return printed_len;
}

bool Kernel::PrintkRatelimit(int ratelimit_jiffies, int ratelimit_burst) {
  int lost = 0;
  {
    absl::MutexLock lock(&log_lock_);
    const unsigned long now = static_cast<unsigned long>(
        static_cast<uint64_t>(now_ns()) * HZ / 1000000000ULL);
    const unsigned long interval =
        static_cast<unsigned long>(ratelimit_jiffies);
    const unsigned long cap =
        static_cast<unsigned long>(ratelimit_burst) * interval;
    ratelimit_toks_ += now - ratelimit_last_msg_;
    ratelimit_last_msg_ = now;
    if (ratelimit_toks_ > cap) ratelimit_toks_ = cap;
    if (ratelimit_toks_ < interval) {
      ++ratelimit_missed_;
      return false;
    }
    lost = ratelimit_missed_;
    ratelimit_missed_ = 0;
    ratelimit_toks_ -= interval;
  }
  if (lost != 0) {
    char line[64];
    std::snprintf(line, sizeof(line),
                  KERN_WARNING "printk: %d messages suppressed.\n", lost);
    Printk(line);
  }
  return true;
}

std::string Kernel::HostLog() const {
  absl::MutexLock lock(&log_lock_);
  return host_log_.Contents();
}

uint64_t Kernel::HostLogBytesWritten() const {
  absl::MutexLock lock(&log_lock_);
  return host_log_.total_written();
}

std::string Kernel::HostLogSince(uint64_t mark) const {
  absl::MutexLock lock(&log_lock_);
  const std::string all = host_log_.Contents();
  const uint64_t gained = host_log_.total_written() - mark;
  return gained >= all.size() ? all : all.substr(all.size() - gained);
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
