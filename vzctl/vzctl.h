// What vzctl, OpenVZ's userspace tool, does to start a container: the
// kernel ties no beancounter to a VE, so the host makes the VE's tasks be
// born into beancounter VEID before the VE exists.
//
//   auto limits = ParseUbConfig("PRIVVMPAGES=\"256:300\"\nNUMPROC=\"20\"");
//   absl::StatusOr<Container> ct = StartContainer(kernel, 101, *limits);
//   // ct->init is VE 101's init (virtual pid 1), charged to beancounter 101
//
// The sequence (vzctl 3.0's vz_env_create(), from outside the kernel tree;
// the order of its steps is what the kernel requires):
//   1. a host task "vzctl" is forked from host init;
//   2. it calls setluid(VEID): its exec beancounter and the one its
//      children are born into become VEID (made, with the default limits,
//      if it did not exist);
//   3. it calls setublimit(VEID, ...) for each configured resource;
//   4. it forks the future init ("for proper resource accounting"): the
//      child is born into VEID (numproc, its kernel memory, its mm);
//   5. the child leads a new session and creates the VE, becoming its init
//      (exec of /sbin/init would follow);
//   6. vzctl exits; host init reaps it, dropping its references to VEID.
// Resources not configured keep the defaults of a new beancounter (some of
// them 0). A stopped VE's beancounter lives on until every task and mm
// charged to it is gone; starting the VE again after that makes a fresh one.
#ifndef VZSIM_VZCTL_VZCTL_H_
#define VZSIM_VZCTL_VZCTL_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "kernel/kernel.h"
#include "vzctl/ub_config.h"

namespace vzsim {

struct Container {
  ve_struct* ve = nullptr;
  task_struct* init = nullptr;  // the VE's init, virtual pid 1
};

struct StartOptions {
  VeCreateOptions ve;
  std::string init_comm = "init";
};

// vzctl start VEID. Errors: the kernel's (ErrnoError) for the step that
// failed, which the message names; everything made so far is undone (the
// tasks exit and are reaped). Fails with EEXIST for a running VEID.
absl::StatusOr<Container> StartContainer(Kernel& k, envid_t veid,
                                         const std::vector<UbLimit>& limits,
                                         const StartOptions& options = {});

// vzctl set VEID --RESOURCE B:L ...: setublimit from the host, on a running
// or stopped VE's beancounter. ENOENT if beancounter VEID does not exist.
absl::Status SetContainerLimits(Kernel& k, envid_t veid,
                                const std::vector<UbLimit>& limits);

}  // namespace vzsim

#endif  // VZSIM_VZCTL_VZCTL_H_
