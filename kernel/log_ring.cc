#include "kernel/log_ring.h"

#include <algorithm>

namespace vzsim {

void LogRing::Append(absl::string_view text) {
  const size_t cap = buf_.size();
  if (cap == 0) return;
  // Only the last `cap` bytes of an oversized message can survive.
  if (text.size() > cap) {
    end_ += text.size() - cap;
    text = text.substr(text.size() - cap);
  }
  for (char c : text) buf_[end_++ % cap] = c;
}

std::string LogRing::Contents() const {
  const size_t cap = buf_.size();
  if (end_ <= cap) return buf_.substr(0, end_);
  const size_t start = end_ % cap;
  return buf_.substr(start) + buf_.substr(0, start);
}

size_t LogRing::LineCount() const {
  const std::string text = Contents();
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace vzsim
