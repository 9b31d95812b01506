// User beancounters (UBC): per-container resource accounting, SPEC.md
// section 5, after the OpenVZ kernel's kernel/ub/beancounter.c.
//
// Each beancounter keeps, for each of 24 resources, how much is held now, the
// extremes since the last accounting period, a barrier and a limit, and how
// many charges were refused:
//
//   if (charge_beancounter(ub, UB_PRIVVMPAGES, pages, UB_HARD) < 0)
//     return -ENOMEM;                        // refused; failcnt went up
//   ...
//   uncharge_beancounter(ub, UB_PRIVVMPAGES, pages);
//
// Thread safety: charges and uncharges are lock-free and may run on any
// number of CPUs at once. `held` moves by compare-and-swap, so no update is
// lost and a successful UB_HARD / UB_SOFT charge never leaves `held` above
// the bound it checked. Barrier and limit changes (setublimit) are atomic per
// field; a charge racing with one checks either the old or the new bound.
#ifndef VZSIM_UBC_BEANCOUNTER_H_
#define VZSIM_UBC_BEANCOUNTER_H_

#include <atomic>
#include <cstdint>

#include "absl/strings/string_view.h"

// Resource indices (include/ub/beancounter.h). 4 and 20..22 are unused.
enum {
  UB_KMEMSIZE = 0,
  UB_LOCKEDPAGES = 1,
  UB_PRIVVMPAGES = 2,
  UB_SHMPAGES = 3,
  UB_DUMMY = 4,
  UB_NUMPROC = 5,
  UB_PHYSPAGES = 6,
  UB_VMGUARPAGES = 7,
  UB_OOMGUARPAGES = 8,
  UB_NUMTCPSOCK = 9,
  UB_NUMFLOCK = 10,
  UB_NUMPTY = 11,
  UB_NUMSIGINFO = 12,
  UB_TCPSNDBUF = 13,
  UB_TCPRCVBUF = 14,
  UB_OTHERSOCKBUF = 15,
  UB_DGRAMRCVBUF = 16,
  UB_NUMOTHERSOCK = 17,
  UB_DCACHESIZE = 18,
  UB_NUMFILE = 19,
  UB_NUMIPTENT = 23,
  UB_RESOURCES = 24,
};

// How hard a charge may push (enum ub_severity).
enum ub_severity { UB_HARD = 0, UB_SOFT = 1, UB_FORCE = 2 };

// The largest value, which also means "unlimited".
constexpr uint64_t UB_MAXVALUE = (uint64_t{1} << 63) - 1;

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

}  // namespace vzsim

// One resource of one beancounter (struct ubparm). Read with the accessors
// of user_beancounter; every field is atomic.
struct ubparm {
  std::atomic<uint64_t> held{0};
  std::atomic<uint64_t> maxheld{0};
  std::atomic<uint64_t> minheld{0};
  std::atomic<uint64_t> barrier{UB_MAXVALUE};
  std::atomic<uint64_t> limit{UB_MAXVALUE};
  std::atomic<uint64_t> failcnt{0};
};

struct user_beancounter {
  user_beancounter(uint32_t id, user_beancounter* parent, vzsim::UbHost* host)
      : ub_uid(id), parent(parent), host(host) {}
  user_beancounter(const user_beancounter&) = delete;
  user_beancounter& operator=(const user_beancounter&) = delete;

  const uint32_t ub_uid;           // the id (a VE's is its veid)
  user_beancounter* const parent;  // null for a top-level beancounter
  vzsim::UbHost* const host;
  uint64_t create_seq = 0;  // set once by the owner, for listing order
  ubparm ub_parms[UB_RESOURCES];
  std::atomic<bool> underflowed{false};  // an uncharge ever went below 0

  // Rate limit of "Fatal resource shortage" messages: 4 per 300 s.
  std::atomic<int64_t> shortage_window_start{-1};
  std::atomic<int> shortage_in_window{0};
};

// charge_beancounter(): adds `val` of `res` to `ub` and each of its parents.
// Returns 0, -ENOMEM when a level refuses (nothing stays charged, that
// level's failcnt goes up), or -EINVAL for a bad resource or val > UB_MAXVALUE.
int charge_beancounter(user_beancounter* ub, int res, uint64_t val,
                       ub_severity strict);
// uncharge_beancounter(): takes `val` back at every level; never fails.
// Going below 0 clamps at 0, marks the beancounter and logs a warning.
void uncharge_beancounter(user_beancounter* ub, int res, uint64_t val);

// ub_set_limits(): the bounds of one resource. -EINVAL for a bad resource, a
// value above UB_MAXVALUE, or barrier > limit (vzsim's stricter rule).
int ub_set_limits(user_beancounter* ub, int res, uint64_t barrier,
                  uint64_t limit);
// Ends an accounting period: maxheld and minheld of every resource := held.
void ub_end_period(user_beancounter* ub);
// The top of `ub`'s hierarchy (top_beancounter()).
user_beancounter* top_beancounter(user_beancounter* ub);

#endif  // VZSIM_UBC_BEANCOUNTER_H_
