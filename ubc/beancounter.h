// User beancounters (UBC), the model's side: after OpenVZ's
// kernel/ub/beancounter.c. The C structs, the resource indices and
// charge_beancounter() / uncharge_beancounter() are the kernel face
// (include/ub/beancounter.h); this header adds the model's record of a
// beancounter and the calls only the C++ model and its tools make.
//
//   vzsim::UbRecord ub(101, /*parent=*/nullptr, &host);
//   if (charge_beancounter(&ub, UB_PRIVVMPAGES, pages, UB_HARD) < 0) ...
//   vzsim::UbRead(ub.ub_parms[UB_PRIVVMPAGES].held)
//
// Thread safety: charges and uncharges are lock-free and may run on any
// number of CPUs at once. `held` moves by compare-and-swap, so no update is
// lost and a successful UB_HARD / UB_SOFT charge never leaves `held` above
// the bound it checked. Barrier and limit changes (setublimit) are atomic per
// field; a charge racing with one checks either the old or the new bound.
// Read the ubparm fields with UbRead().
#ifndef VZSIM_UBC_BEANCOUNTER_H_
#define VZSIM_UBC_BEANCOUNTER_H_

#include <atomic>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "include/ub/beancounter.h"

// The printed name of resource `res` ("dummy" for the unused ones), or "?"
// out of range.
absl::string_view ub_resource_name(int res);

namespace vzsim {

// What a beancounter needs from the kernel that owns it: the host log and
// the simulated clock (for the rate limit of its messages).
class UbHost {
 public:
  virtual ~UbHost() = default;
  virtual void HostPrintk(absl::string_view text) = 0;
  virtual int64_t NowNs() const = 0;
};

// The model's record of a beancounter: every user_beancounter the model
// makes is one, so RecordOf(ub) is always valid.
struct UbRecord : user_beancounter {
  // A beancounter with every barrier and limit at UB_MAXVALUE and nothing
  // held. `host` may be null (warnings then go nowhere).
  UbRecord(uid_t id, user_beancounter* parent_ub, UbHost* ub_host);
  UbRecord(const UbRecord&) = delete;
  UbRecord& operator=(const UbRecord&) = delete;

  UbHost* const host;
  uint64_t create_seq = 0;  // set once by the owner, for listing order
  std::atomic<bool> underflowed{false};  // an uncharge ever went below 0

  // Rate limit of "Fatal resource shortage" messages: 4 per 300 s.
  std::atomic<int64_t> shortage_window_start{-1};
  std::atomic<int> shortage_in_window{0};
};

inline UbRecord* RecordOf(user_beancounter* ub) {
  return static_cast<UbRecord*>(ub);
}
inline const UbRecord* RecordOf(const user_beancounter* ub) {
  return static_cast<const UbRecord*>(ub);
}

// A ubparm field, read atomically (charges change them without a lock).
inline unsigned long UbRead(const unsigned long& field) {
  return __atomic_load_n(&field, __ATOMIC_RELAXED);
}

}  // namespace vzsim

// ub_set_limits(): the bounds of one resource. -EINVAL for a bad resource, a
// value above UB_MAXVALUE, or barrier > limit (vzsim's stricter rule).
int ub_set_limits(user_beancounter* ub, int res, unsigned long barrier,
                  unsigned long limit);
// Ends an accounting period: maxheld and minheld of every resource := held.
void ub_end_period(user_beancounter* ub);

#endif  // VZSIM_UBC_BEANCOUNTER_H_
