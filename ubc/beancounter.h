// User beancounters (UBC), the model's side of one beancounter: after
// OpenVZ's kernel/ub/beancounter.c. The C struct, the resource indices and
// the charge calls are the kernel face (include/ub/beancounter.h); this
// header adds the model's record of a beancounter and the calls only the
// C++ model and its tools make.
//
//   vzsim::UbRecord ub(101, /*parent=*/nullptr, &host);   // unlimited
//   if (charge_beancounter(&ub, UB_LOCKEDPAGES, pages, UB_HARD) < 0) ...
//   vzsim::UbRead(ub.ub_parms[UB_LOCKEDPAGES].held)
//
// Beancounters of a running kernel are made and released by its table
// (ubc/ub_table.h); a standalone record (tests, benchmarks) has no table and
// is never released.
//
// Thread safety: charges take the beancounter's ub_lock (one level at a
// time, as the kernel does); read a counter without it with UbRead().
#ifndef VZSIM_UBC_BEANCOUNTER_H_
#define VZSIM_UBC_BEANCOUNTER_H_

#include <atomic>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "include/asm/param.h"
#include "include/ub/beancounter.h"

// The printed name of resource `res` ("dummy" for the unused ones), of a
// page counter (UB_UNUSEDPRIVVM ...), or "?" out of range.
absl::string_view ub_resource_name(int res);

namespace vzsim {

class UbTable;

// What a beancounter needs from the kernel that owns it: the host log, the
// simulated clock (for the rate limit of its messages), and a place to
// record a kernel BUG().
class UbHost {
 public:
  virtual ~UbHost() = default;
  virtual void HostPrintk(absl::string_view text) = 0;
  virtual int64_t NowNs() const = 0;
  // BUG() at the kernel's `file`:`line`: recorded and logged; the model
  // goes on (the caller returns an error).
  virtual void HostBug(absl::string_view file, int line) = 0;
};

// jiffies at `now_ns` of the simulated clock, at include/asm/param.h's HZ.
inline uint64_t JiffiesAt(int64_t now_ns) {
  return now_ns <= 0 ? 0 : static_cast<uint64_t>(now_ns / (1000000000 / HZ));
}

// The model's record of a beancounter: every user_beancounter the model
// makes is one, so RecordOf(ub) is always valid.
struct UbRecord : user_beancounter {
  // A beancounter with one reference, nothing held, and every barrier and
  // limit at UB_MAXVALUE (kernel/ub/beancounter.c:
  // init_beancounter_nolimits(), init_beancounter_struct()). `host` may be
  // null (warnings then go nowhere). With a parent, it holds no reference
  // on it: the table's get_subbeancounter_byid() takes that.
  UbRecord(uid_t id, user_beancounter* parent_ub, UbHost* ub_host);
  UbRecord(const UbRecord&) = delete;
  UbRecord& operator=(const UbRecord&) = delete;

  UbHost* const host;
  UbTable* table = nullptr;  // the table that lists it; null when standalone
  // Some uncharge took back more than was held (uncharge_warn() was called):
  // a model-side mark for tests, beside the kernel's log line.
  std::atomic<bool> underflowed{false};
};

inline UbRecord* RecordOf(user_beancounter* ub) {
  return static_cast<UbRecord*>(ub);
}
inline const UbRecord* RecordOf(const user_beancounter* ub) {
  return static_cast<const UbRecord*>(ub);
}

// A ubparm field or page counter, read without the lock.
inline unsigned long UbRead(const unsigned long& field) {
  return __atomic_load_n(&field, __ATOMIC_RELAXED);
}

// kernel/ub/beancounter.c: init_beancounter_nolimits(): every barrier and
// limit UB_MAXVALUE; the warnings' bucket: 4, then 1 per 300 s.
void InitBeancounterNolimits(user_beancounter* ub);
// init_beancounter_syslimits(): what a new top-level beancounter starts
// with on a machine of `num_physpages` pages whose fork_init() allowed
// `max_threads` tasks: a limit for kmemsize, lockedpages, shmpages,
// numproc, the socket, file and lock counts; 0 for the rest but privvmpages
// (UB_MAXVALUE); every barrier equal to its limit.
void InitBeancounterSyslimits(user_beancounter* ub, unsigned long num_physpages,
                              unsigned long max_threads);

// ub_ratelimit(): whether a warning may go out at `jiffies` (a leaky
// bucket: `burst` at once, then one each `interval` after the last one let
// through). The caller holds what guards `p` (its beancounter's ub_lock).
bool UbRatelimit(ub_rate_info* p, uint64_t now_jiffies);

// Sets barrier and limit of `res` under the lock, as setublimit does after
// its checks; held, maxheld and failcnt stay. -EINVAL for a null ub or a bad
// resource.
int UbSetLimits(user_beancounter* ub, int res, unsigned long barrier,
                unsigned long limit);

// The calls of the kernel that take the top level apart from the rest
// (numproc, numfile, privvmpages): under the top's lock, then the lower
// levels with UB_FORCE. 0 or -ENOMEM.
int UbChargeTopThenRest(user_beancounter* ub, int res, unsigned long val,
                        ub_severity strict);
void UbUnchargeTopThenRest(user_beancounter* ub, int res, unsigned long val);

}  // namespace vzsim

#endif  // VZSIM_UBC_BEANCOUNTER_H_
