// LogRing: a kernel log buffer (the kernel's log_buf), a fixed-size ring of
// bytes. When full, the oldest text is overwritten, as printk does.
//
// The host log is one LogRing of 1 << CONFIG_LOG_BUF_SHIFT bytes, 32 KiB
// (2.6.18's init/Kconfig default for an SMP build, 15); each VE gets its
// own ring of VE_DEFAULT_LOG_BUF_LEN, 4 KiB, on its first message
// (kernel/printk.c: ve_log_init()).
//
// Thread safety: not thread-safe; the Kernel guards its rings with its log
// lock.
#ifndef VZSIM_KERNEL_LOG_RING_H_
#define VZSIM_KERNEL_LOG_RING_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace vzsim {

class LogRing {
 public:
  static constexpr size_t kHostSize = 1 << 15;  // __LOG_BUF_LEN
  static constexpr size_t kVeSize = 4 * 1024;   // VE_DEFAULT_LOG_BUF_LEN

  explicit LogRing(size_t capacity) : buf_(capacity, '\0') {}

  // Appends `text`; once the ring is full the oldest bytes are overwritten.
  void Append(absl::string_view text);
  // What the ring holds now, oldest first (at most capacity() bytes).
  std::string Contents() const;
  size_t capacity() const { return buf_.size(); }
  // Bytes ever written (not capped), like log_end.
  uint64_t total_written() const { return end_; }
  // Number of complete lines currently held.
  size_t LineCount() const;

 private:
  std::string buf_;
  uint64_t end_ = 0;
};

}  // namespace vzsim

#endif  // VZSIM_KERNEL_LOG_RING_H_
