// UtsTable: the uts namespaces of one simulated kernel and the global
// kernel.virt_osrelease (kernel/utsname.c, kernel/nsproxy.c,
// kernel/ve/vecalls.c: init_ve_namespaces()).
//
// The host's tasks share the first namespace (init_uts_ns, behind
// init_nsproxy). A VE's creation clones its creator's names into a new one
// (copy_utsname()) and overwrites the release with virt_osrelease as it is
// at that moment; later changes of the sysctl reach only VEs made later.
// Only VE creation makes a namespace: with CONFIG_VE clone() and unshare()
// refuse CLONE_NEWUTS.
//
// The table owns every namespace until it is destroyed; the reference
// counts (nsproxy::count, uts_namespace::kref) are kept as the kernel
// keeps them but free nothing, so a pointer to one never dangles.
//
// Thread safety: lock() is uts_sem, which guards the names of every
// namespace (include/linux/utsname.h); each field names its lock.
#ifndef VZSIM_UTS_UTS_TABLE_H_
#define VZSIM_UTS_UTS_TABLE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "include/linux/nsproxy.h"
#include "include/linux/utsname.h"

namespace vzsim {

class UtsTable {
 public:
  // `host`: init_uts_ns's names at boot; `virt_osrelease`: the sysctl's
  // first value (cut to 64 bytes).
  UtsTable(const new_utsname& host, absl::string_view virt_osrelease);
  UtsTable(const UtsTable&) = delete;
  UtsTable& operator=(const UtsTable&) = delete;

  absl::Mutex& lock() ABSL_LOCK_RETURNED(lock_) { return lock_; }
  nsproxy* init_nsproxy() const { return init_; }
  new_utsname* init_utsname() const { return &init_->uts_ns->name; }

  // init_ve_namespaces(): a new nsproxy (count 1, held by the VE) whose uts
  // namespace copies `from`'s names, release = virt_osrelease.
  nsproxy* CloneForVe(const nsproxy* from) ABSL_LOCKS_EXCLUDED(lock_);

  // kernel.virt_osrelease. SetVirtOsrelease: -EINVAL past 64 bytes.
  std::string virt_osrelease() const ABSL_LOCKS_EXCLUDED(lock_);
  int SetVirtOsrelease(absl::string_view release) ABSL_LOCKS_EXCLUDED(lock_);

 private:
  struct Namespaces {
    nsproxy proxy;
    uts_namespace uts;
  };
  nsproxy* Make(const new_utsname& names) ABSL_EXCLUSIVE_LOCKS_REQUIRED(lock_);

  mutable absl::Mutex lock_;
  std::vector<std::unique_ptr<Namespaces>> all_ ABSL_GUARDED_BY(lock_);
  new_utsname virt_utsname_ ABSL_GUARDED_BY(lock_){};  // only .release used
  nsproxy* init_ = nullptr;  // immutable after construction
};

// Copies `value` into the field `field` (one of new_utsname's arrays), NUL
// padded. Returns 0, or -EINVAL if `value` is longer than __NEW_UTS_LEN, in
// which case the field is left unchanged.
int SetUtsField(char (&field)[__NEW_UTS_LEN + 1], absl::string_view value);

// The values a freshly booted simulated host reports.
new_utsname DefaultHostUtsname();

}  // namespace vzsim

#endif  // VZSIM_UTS_UTS_TABLE_H_
