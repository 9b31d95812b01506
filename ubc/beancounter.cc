#include "ubc/beancounter.h"

#include <cerrno>

#include "absl/strings/str_format.h"

namespace {

constexpr int64_t kShortageWindowNs = 300LL * 1000 * 1000 * 1000;
constexpr int kShortageBurst = 4;

bool ValidResource(int res) { return res >= 0 && res < UB_RESOURCES; }

// Adds `val` to held if the result stays within `bound`; the CAS loop is
// what keeps concurrent charges from overshooting the bound together.
bool TryAdd(ubparm& p, uint64_t val, uint64_t bound, uint64_t* new_held) {
  uint64_t cur = p.held.load(std::memory_order_relaxed);
  for (;;) {
    const uint64_t next = cur + val;
    if (next < cur || next > bound) return false;  // overflow or over bound
    if (p.held.compare_exchange_weak(cur, next, std::memory_order_acq_rel,
                                     std::memory_order_relaxed)) {
      *new_held = next;
      return true;
    }
  }
}

// Subtracts with a clamp at 0. Returns false if it had to clamp.
bool Sub(ubparm& p, uint64_t val) {
  uint64_t cur = p.held.load(std::memory_order_relaxed);
  for (;;) {
    const bool clamp = val > cur;
    const uint64_t next = clamp ? 0 : cur - val;
    if (p.held.compare_exchange_weak(cur, next, std::memory_order_acq_rel,
                                     std::memory_order_relaxed)) {
      return !clamp;
    }
  }
}

void RaiseTo(std::atomic<uint64_t>& field, uint64_t v) {
  uint64_t cur = field.load(std::memory_order_relaxed);
  while (v > cur &&
         !field.compare_exchange_weak(cur, v, std::memory_order_relaxed)) {
  }
}

void LowerTo(std::atomic<uint64_t>& field, uint64_t v) {
  uint64_t cur = field.load(std::memory_order_relaxed);
  while (v < cur &&
         !field.compare_exchange_weak(cur, v, std::memory_order_relaxed)) {
  }
}

// The bound a charge of strictness `strict` must stay within.
uint64_t BoundFor(const ubparm& p, ub_severity strict) {
  const uint64_t barrier = p.barrier.load(std::memory_order_relaxed);
  const uint64_t limit = p.limit.load(std::memory_order_relaxed);
  switch (strict) {
    case UB_HARD:
      return barrier < limit ? barrier : limit;
    case UB_SOFT:
      return limit;
    default:
      return UINT64_MAX;
  }
}

// "Fatal resource shortage" at most kShortageBurst times per window.
bool ShortageRatelimit(user_beancounter* ub) {
  if (ub->host == nullptr) return false;
  const int64_t now = ub->host->NowNs();
  int64_t start = ub->shortage_window_start.load();
  if (start < 0 || now - start >= kShortageWindowNs) {
    if (ub->shortage_window_start.compare_exchange_strong(start, now)) {
      ub->shortage_in_window.store(0);
    }
  }
  return ub->shortage_in_window.fetch_add(1) < kShortageBurst;
}

}  // namespace

absl::string_view ub_resource_name(int res) {
  static constexpr const char* kNames[UB_RESOURCES] = {
      "kmemsize",     "lockedpages",  "privvmpages", "shmpages",
      "dummy",        "numproc",      "physpages",   "vmguarpages",
      "oomguarpages", "numtcpsock",   "numflock",    "numpty",
      "numsiginfo",   "tcpsndbuf",    "tcprcvbuf",   "othersockbuf",
      "dgramrcvbuf",  "numothersock", "dcachesize",  "numfile",
      "dummy",        "dummy",        "dummy",       "numiptent"};
  return ValidResource(res) ? kNames[res] : "?";
}

int charge_beancounter(user_beancounter* ub, int res, uint64_t val,
                       ub_severity strict) {
  if (ub == nullptr || !ValidResource(res) || val > UB_MAXVALUE ||
      (strict != UB_HARD && strict != UB_SOFT && strict != UB_FORCE)) {
    return -EINVAL;
  }
  // Walk to the top; each level checks its own bounds. Remember what each
  // level reached so that maxheld moves only once the whole walk succeeded.
  user_beancounter* levels[16];
  uint64_t reached[16];
  int n = 0;
  for (user_beancounter* u = ub; u != nullptr; u = u->parent) {
    ubparm& p = u->ub_parms[res];
    uint64_t now = 0;
    if (n == 16 || !TryAdd(p, val, BoundFor(p, strict), &now)) {
      for (int i = 0; i < n; ++i) Sub(levels[i]->ub_parms[res], val);
      p.failcnt.fetch_add(1, std::memory_order_relaxed);
      if (strict == UB_SOFT && ShortageRatelimit(u)) {
        u->host->HostPrintk(
            absl::StrFormat("Fatal resource shortage: %s, UB %u.\n",
                            ub_resource_name(res), u->ub_uid));
      }
      return -ENOMEM;
    }
    levels[n] = u;
    reached[n++] = now;
  }
  for (int i = 0; i < n; ++i) {
    RaiseTo(levels[i]->ub_parms[res].maxheld, reached[i]);
    LowerTo(levels[i]->ub_parms[res].minheld, reached[i]);
  }
  return 0;
}

void uncharge_beancounter(user_beancounter* ub, int res, uint64_t val) {
  if (ub == nullptr || !ValidResource(res)) return;
  for (user_beancounter* u = ub; u != nullptr; u = u->parent) {
    if (!Sub(u->ub_parms[res], val)) {
      u->underflowed.store(true);
      if (u->host != nullptr) {
        u->host->HostPrintk(
            absl::StrFormat("Uncharging too much %llu: %s, UB %u.\n",
                            static_cast<unsigned long long>(val),
                            ub_resource_name(res), u->ub_uid));
      }
    }
  }
}

int ub_set_limits(user_beancounter* ub, int res, uint64_t barrier,
                  uint64_t limit) {
  if (ub == nullptr || !ValidResource(res) || barrier > UB_MAXVALUE ||
      limit > UB_MAXVALUE || barrier > limit) {
    return -EINVAL;
  }
  ub->ub_parms[res].barrier.store(barrier);
  ub->ub_parms[res].limit.store(limit);
  return 0;
}

void ub_end_period(user_beancounter* ub) {
  if (ub == nullptr) return;
  for (ubparm& p : ub->ub_parms) {
    const uint64_t held = p.held.load();
    p.maxheld.store(held);
    p.minheld.store(held);
  }
}

user_beancounter* top_beancounter(user_beancounter* ub) {
  while (ub != nullptr && ub->parent != nullptr) ub = ub->parent;
  return ub;
}
