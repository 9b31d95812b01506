#include "ubc/beancounter.h"

#include <cerrno>

#include "absl/strings/str_format.h"

namespace {

constexpr int64_t kShortageWindowNs = 300LL * 1000 * 1000 * 1000;
constexpr int kShortageBurst = 4;

bool ValidResource(int res) { return res >= 0 && res < UB_RESOURCES; }

// The ubparm fields are plain unsigned longs (a C struct); every access goes
// through GCC's __atomic builtins, which C code could use as well.
unsigned long Load(const unsigned long& field) {
  return __atomic_load_n(&field, __ATOMIC_RELAXED);
}
void Store(unsigned long& field, unsigned long v) {
  __atomic_store_n(&field, v, __ATOMIC_RELAXED);
}
bool Cas(unsigned long& field, unsigned long* expected, unsigned long desired,
         int success_order) {
  return __atomic_compare_exchange_n(&field, expected, desired, /*weak=*/true,
                                     success_order, __ATOMIC_RELAXED);
}

// Adds `val` to held if the result stays within `bound`; the CAS loop is
// what keeps concurrent charges from overshooting the bound together.
bool TryAdd(ubparm& p, unsigned long val, unsigned long bound,
            unsigned long* new_held) {
  unsigned long cur = Load(p.held);
  for (;;) {
    const unsigned long next = cur + val;
    if (next < cur || next > bound) return false;  // overflow or over bound
    if (Cas(p.held, &cur, next, __ATOMIC_ACQ_REL)) {
      *new_held = next;
      return true;
    }
  }
}

// Subtracts with a clamp at 0. Returns false if it had to clamp.
bool Sub(ubparm& p, unsigned long val) {
  unsigned long cur = Load(p.held);
  for (;;) {
    const bool clamp = val > cur;
    const unsigned long next = clamp ? 0 : cur - val;
    if (Cas(p.held, &cur, next, __ATOMIC_ACQ_REL)) return !clamp;
  }
}

void RaiseTo(unsigned long& field, unsigned long v) {
  unsigned long cur = Load(field);
  while (v > cur && !Cas(field, &cur, v, __ATOMIC_RELAXED)) {
  }
}

void LowerTo(unsigned long& field, unsigned long v) {
  unsigned long cur = Load(field);
  while (v < cur && !Cas(field, &cur, v, __ATOMIC_RELAXED)) {
  }
}

// The bound a charge of strictness `strict` must stay within.
unsigned long BoundFor(const ubparm& p, ub_severity strict) {
  const unsigned long barrier = Load(p.barrier);
  const unsigned long limit = Load(p.limit);
  switch (strict) {
    case UB_HARD:
      return barrier < limit ? barrier : limit;
    case UB_SOFT:
      return limit;
    default:
      return ~0UL;
  }
}

// "Fatal resource shortage" at most kShortageBurst times per window.
bool ShortageRatelimit(vzsim::UbRecord* ub) {
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

namespace vzsim {

UbRecord::UbRecord(uid_t id, user_beancounter* parent_ub, UbHost* ub_host)
    : user_beancounter{}, host(ub_host) {
  ub_uid = id;
  parent = parent_ub;
  for (ubparm& p : ub_parms) p.barrier = p.limit = UB_MAXVALUE;
}

}  // namespace vzsim

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

int charge_beancounter(user_beancounter* ub, int res, unsigned long val,
                       ub_severity strict) {
  if (ub == nullptr || !ValidResource(res) || val > UB_MAXVALUE ||
      (strict != UB_HARD && strict != UB_SOFT && strict != UB_FORCE)) {
    return -EINVAL;
  }
  // Walk to the top; each level checks its own bounds. Remember what each
  // level reached so that maxheld moves only once the whole walk succeeded.
  user_beancounter* levels[16];
  unsigned long reached[16];
  int n = 0;
  for (user_beancounter* u = ub; u != nullptr; u = u->parent) {
    ubparm& p = u->ub_parms[res];
    unsigned long now = 0;
    if (n == 16 || !TryAdd(p, val, BoundFor(p, strict), &now)) {
      for (int i = 0; i < n; ++i) Sub(levels[i]->ub_parms[res], val);
      __atomic_add_fetch(&p.failcnt, 1, __ATOMIC_RELAXED);
      if (strict == UB_SOFT && ShortageRatelimit(vzsim::RecordOf(u))) {
        vzsim::RecordOf(u)->host->HostPrintk(
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

void uncharge_beancounter(user_beancounter* ub, int res, unsigned long val) {
  if (ub == nullptr || !ValidResource(res)) return;
  for (user_beancounter* u = ub; u != nullptr; u = u->parent) {
    if (!Sub(u->ub_parms[res], val)) {
      vzsim::UbRecord* rec = vzsim::RecordOf(u);
      rec->underflowed.store(true);
      if (rec->host != nullptr) {
        rec->host->HostPrintk(
            absl::StrFormat("Uncharging too much %llu: %s, UB %u.\n",
                            static_cast<unsigned long long>(val),
                            ub_resource_name(res), u->ub_uid));
      }
    }
  }
}

int ub_set_limits(user_beancounter* ub, int res, unsigned long barrier,
                  unsigned long limit) {
  if (ub == nullptr || !ValidResource(res) || barrier > UB_MAXVALUE ||
      limit > UB_MAXVALUE || barrier > limit) {
    return -EINVAL;
  }
  Store(ub->ub_parms[res].barrier, barrier);
  Store(ub->ub_parms[res].limit, limit);
  return 0;
}

void ub_end_period(user_beancounter* ub) {
  if (ub == nullptr) return;
  for (ubparm& p : ub->ub_parms) {
    const unsigned long held = Load(p.held);
    Store(p.maxheld, held);
    Store(p.minheld, held);
  }
}
