// The scenario every conformance check starts from: a simulated kernel with
// the arch "booted" into it (the core's exports and the arch's __ksymtab
// loaded, a network card on IRQ 11), a few host tasks and two containers,
// started as vzctl starts them (vzctl/vzctl.h): VE 101's tasks are charged
// to beancounter 101, VE 102's to 102.
//
//   host:   init, sshd, crond                  nodename hn.example.org
//   VE 101: vzinit101 (virtual pid 1), httpd (2), cgi (3, child of httpd)
//           nodename ct101.example.org, release 2.6.32-vz
//   VE 102: vzinit102 (1), postfix (2)
//
// Every task has a distinct comm, so a task dump can be checked by name.
#ifndef VZSIM_ARCH_CONFORMANCE_WORLD_H_
#define VZSIM_ARCH_CONFORMANCE_WORLD_H_

#include <string>
#include <vector>

#include "arch/arch.h"
#include "kernel/kernel.h"

namespace vzsim {

// Symbols the kernel core exports (kernel/printk.c, kernel/ve/ve.c,
// kernel/ub/beancounter.c, kernel/pid.c, kernel/fork.c, kernel/exit.c,
// kernel/sysctl.c), and those the VE watchdog module needs
// (kernel/ve/vzwdog.c).
extern const std::vector<std::string> kCoreExports;
extern const std::vector<std::string> kVzwdogSymbols;

// The simulated network card's interrupt line, and what its handler does
// each time: allocate kNicPacketBytes of kmemsize from the exec beancounter
// and log "eth0: ..." with ve_printk(VE_LOG, ...). The checks, the demo and
// the scenario interpreter all use this one device.
constexpr int kNicIrq = 11;
constexpr uint64_t kNicPacketBytes = 512;
// Puts the card on kNicIrq of `k`; each interrupt adds one to *count when
// `count` is not null.
void InstallNic(Kernel& k, int* count);

struct World {
  explicit World(const arch_ops& arch);
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  const arch_ops& arch;
  Kernel k;
  task_struct* sshd;
  task_struct* crond;
  task_struct* init101;
  task_struct* httpd;
  task_struct* cgi;
  task_struct* init102;
  task_struct* postfix;
  ve_struct* ve101;
  ve_struct* ve102;
  int nic_interrupts = 0;

  // Every task of the system (threads included), for dump checks.
  std::vector<task_struct*> AllTasks();
  // A mark of the host log, and what it gained since.
  uint64_t HostMark() const { return k.HostLogBytesWritten(); }
  std::string HostLogSince(uint64_t mark) const { return k.HostLogSince(mark); }
};

}  // namespace vzsim

#endif  // VZSIM_ARCH_CONFORMANCE_WORLD_H_
