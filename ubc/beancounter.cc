// The charge core of the beancounters: kernel/ub/beancounter.c
// (__charge_beancounter_locked(), charge_beancounter(), the _notop forms,
// the uncharges and their warning, ub_ratelimit(), the initialisers).
#include "ubc/beancounter.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>

#include "absl/strings/str_format.h"

namespace {

bool ValidResource(int res) { return res >= 0 && res < UB_RESOURCES; }

unsigned long Load(const unsigned long& field) {
  return __atomic_load_n(&field, __ATOMIC_RELAXED);
}
void Store(unsigned long& field, unsigned long v) {
  __atomic_store_n(&field, v, __ATOMIC_RELAXED);
}

}  // namespace

extern "C" {

const char* ub_rnames[] = {
    "kmemsize", "lockedpages", "privvmpages", "shmpages", "dummy", "numproc",
    "physpages", "vmguarpages", "oomguarpages", "numtcpsock", "numflock",
    "numpty", "numsiginfo", "tcpsndbuf", "tcprcvbuf", "othersockbuf",
    "dgramrcvbuf", "numothersock", "dcachesize", "numfile", "dummy", "dummy",
    "dummy", "numiptent",
    // The page counters (UB_UNUSEDPRIVVM ...), for warnings only.
    "unused_privvmpages", "tmpfs_respages", "swap_pages", "held_pages"};

int print_ub_uid(user_beancounter* ub, char* buf, int size) {
  if (ub == nullptr || buf == nullptr || size <= 0) return 0;
  if (ub->parent != nullptr) {
    return snprintf(buf, size, "%u.%u", ub->parent->ub_uid, ub->ub_uid);
  }
  return snprintf(buf, size, "%u", ub->ub_uid);
}

void uncharge_warn(user_beancounter* ub, int resource, unsigned long val,
                   unsigned long held) {
  vzsim::UbRecord* rec = vzsim::RecordOf(ub);
  rec->underflowed.store(true, std::memory_order_relaxed);
  if (rec->host == nullptr) return;
  char id[64];
  print_ub_uid(ub, id, sizeof(id));
  rec->host->HostPrintk(
      absl::StrFormat("<3>Uncharging too much %lu h %lu, res %s ub %s\n", val,
                      held, ub_resource_name(resource), id));
}

int __charge_beancounter_locked(user_beancounter* ub, int resource,
                                unsigned long val, ub_severity strict) {
  if (!ValidResource(resource)) return -EINVAL;
  if (strict != UB_HARD && strict != UB_SOFT && strict != UB_FORCE) {
    vzsim::UbRecord* rec = vzsim::RecordOf(ub);
    if (rec->host != nullptr)
      rec->host->HostBug("kernel/ub/beancounter.c", 413);
    return -EINVAL;
  }
  ubparm& p = ub->ub_parms[resource];
  // held and val are at most UB_MAXVALUE each: the sum cannot wrap.
  const unsigned long held = Load(p.held) + val;
  const bool over = (strict == UB_HARD && held > Load(p.barrier)) ||
                    (strict != UB_FORCE && held > Load(p.limit));
  if (!over) {
    Store(p.held, held);
    ub_adjust_maxheld(ub, resource);
    return 0;
  }
  // Only a refused UB_SOFT charge is reported, and at most as often as the
  // beancounter's bucket lets it.
  vzsim::UbRecord* rec = vzsim::RecordOf(ub);
  if (strict == UB_SOFT &&
      vzsim::UbRatelimit(
          &ub->ub_limit_rl,
          rec->host != nullptr ? vzsim::JiffiesAt(rec->host->NowNs()) : 0) &&
      rec->host != nullptr) {
    rec->host->HostPrintk(absl::StrFormat(
        "<6>Fatal resource shortage: %s, UB %d.\n", ub_resource_name(resource),
        static_cast<int>(ub->ub_uid)));
  }
  Store(p.failcnt, Load(p.failcnt) + 1);
  return -ENOMEM;
}

void __uncharge_beancounter_locked(user_beancounter* ub, int resource,
                                   unsigned long val) {
  if (!ValidResource(resource)) return;
  ubparm& p = ub->ub_parms[resource];
  const unsigned long held = Load(p.held);
  if (held < val) {
    uncharge_warn(ub, resource, val, held);
    val = held;
  }
  Store(p.held, held - val);
}

int charge_beancounter(user_beancounter* ub, int resource, unsigned long val,
                       ub_severity strict) {
  if (ub == nullptr || !ValidResource(resource) || val > UB_MAXVALUE) {
    return -EINVAL;
  }
  user_beancounter* p;
  int err = 0;
  for (p = ub; p != nullptr; p = p->parent) {
    spin_lock(&p->ub_lock);
    err = __charge_beancounter_locked(p, resource, val, strict);
    spin_unlock(&p->ub_lock);
    if (err != 0) break;
  }
  if (err == 0) return 0;
  // Give back what the lower levels took; their maxheld stays raised.
  for (user_beancounter* q = ub; q != p; q = q->parent) {
    spin_lock(&q->ub_lock);
    __uncharge_beancounter_locked(q, resource, val);
    spin_unlock(&q->ub_lock);
  }
  return err;
}

void uncharge_beancounter(user_beancounter* ub, int resource,
                          unsigned long val) {
  if (!ValidResource(resource)) return;
  for (user_beancounter* p = ub; p != nullptr; p = p->parent) {
    spin_lock(&p->ub_lock);
    __uncharge_beancounter_locked(p, resource, val);
    spin_unlock(&p->ub_lock);
  }
}

void __charge_beancounter_notop(user_beancounter* ub, int resource,
                                unsigned long val) {
  if (!ValidResource(resource)) return;
  for (user_beancounter* p = ub; p != nullptr && p->parent != nullptr;
       p = p->parent) {
    spin_lock(&p->ub_lock);
    __charge_beancounter_locked(p, resource, val, UB_FORCE);
    spin_unlock(&p->ub_lock);
  }
}

void __uncharge_beancounter_notop(user_beancounter* ub, int resource,
                                  unsigned long val) {
  if (!ValidResource(resource)) return;
  for (user_beancounter* p = ub; p != nullptr && p->parent != nullptr;
       p = p->parent) {
    spin_lock(&p->ub_lock);
    __uncharge_beancounter_locked(p, resource, val);
    spin_unlock(&p->ub_lock);
  }
}

}  // extern "C"

absl::string_view ub_resource_name(int res) {
  return res >= 0 && res <= UB_HELDPAGES ? ub_rnames[res] : "?";
}

namespace vzsim {

UbRecord::UbRecord(uid_t id, user_beancounter* parent_ub, UbHost* ub_host)
    : user_beancounter{}, host(ub_host) {
  ub_magic = UB_MAGIC;
  atomic_set(&ub_refcount, 1);
  spin_lock_init(&ub_lock);
  ub_uid = id;
  parent = parent_ub;
  InitBeancounterNolimits(this);
}

void InitBeancounterNolimits(user_beancounter* ub) {
  for (ubparm& p : ub->ub_parms) {
    p.barrier = UB_MAXVALUE;
    p.limit = UB_MAXVALUE;
  }
  ub->ub_limit_rl.burst = 4;
  ub->ub_limit_rl.interval = 300 * HZ;
}

void InitBeancounterSyslimits(user_beancounter* ub, unsigned long num_physpages,
                              unsigned long max_threads) {
  // kmemsize: a sixth of RAM, at most 32 MiB (reached above 192 MiB).
  const unsigned long page_shift = 12;
  ubparm* p = ub->ub_parms;
  // The kernel starts from a zeroed default_beancounter: what is not set
  // below stays 0.
  for (int k = 0; k < UB_RESOURCES; ++k) p[k].limit = 0;
  p[UB_KMEMSIZE].limit = num_physpages > ((192UL << 20) >> page_shift)
                             ? 32UL << 20
                             : (num_physpages << page_shift) / 6;
  p[UB_LOCKEDPAGES].limit = 8;
  p[UB_PRIVVMPAGES].limit = UB_MAXVALUE;
  p[UB_SHMPAGES].limit = 64;
  p[UB_NUMPROC].limit = max_threads / 2;
  p[UB_NUMTCPSOCK].limit = 1024;
  p[UB_TCPSNDBUF].limit = 1024 * 4 * 1024;
  p[UB_TCPRCVBUF].limit = 1024 * 6 * 1024;
  p[UB_NUMOTHERSOCK].limit = 256;
  p[UB_DGRAMRCVBUF].limit = 256 * 4 * 1024;
  p[UB_OTHERSOCKBUF].limit = 256 * 8 * 1024;
  p[UB_NUMFLOCK].limit = 1024;
  p[UB_NUMPTY].limit = 16;
  p[UB_NUMSIGINFO].limit = 1024;
  p[UB_DCACHESIZE].limit = 1024 * 1024;
  p[UB_NUMFILE].limit = 1024;
  for (int k = 0; k < UB_RESOURCES; ++k) p[k].barrier = p[k].limit;
  ub->ub_limit_rl.burst = 4;
  ub->ub_limit_rl.interval = 300 * HZ;
}

bool UbRatelimit(ub_rate_info* p, uint64_t now_jiffies) {
  const uint64_t djif = now_jiffies - p->last;
  if (djif < static_cast<uint64_t>(p->interval)) {
    if (p->bucket >= p->burst) return false;  // `last` stays where it was
    ++p->bucket;
  } else {
    // Drain one message per whole interval since the last one let through.
    const uint64_t drained = djif / static_cast<unsigned>(p->interval);
    const int64_t left =
        static_cast<int64_t>(p->bucket) -
        static_cast<int64_t>(std::min<uint64_t>(drained, 1u << 30));
    p->bucket = static_cast<int>(left < 0 ? 0 : left) + 1;
  }
  p->last = now_jiffies;
  return true;
}

int UbSetLimits(user_beancounter* ub, int res, unsigned long barrier,
                unsigned long limit) {
  if (ub == nullptr || !ValidResource(res)) return -EINVAL;
  spin_lock(&ub->ub_lock);
  Store(ub->ub_parms[res].barrier, barrier);
  Store(ub->ub_parms[res].limit, limit);
  spin_unlock(&ub->ub_lock);
  return 0;
}

int UbChargeTopThenRest(user_beancounter* ub, int res, unsigned long val,
                        ub_severity strict) {
  user_beancounter* top = top_beancounter(ub);
  if (top == nullptr) return -EINVAL;
  spin_lock(&top->ub_lock);
  const int err = __charge_beancounter_locked(top, res, val, strict);
  spin_unlock(&top->ub_lock);
  if (err == 0) charge_beancounter_notop(ub, res, val);
  return err;
}

void UbUnchargeTopThenRest(user_beancounter* ub, int res, unsigned long val) {
  user_beancounter* top = top_beancounter(ub);
  if (top == nullptr) return;
  spin_lock(&top->ub_lock);
  __uncharge_beancounter_locked(top, res, val);
  spin_unlock(&top->ub_lock);
  uncharge_beancounter_notop(ub, res, val);
}

}  // namespace vzsim
