#include "arch/conformance/world.h"

#include "kernel/irq.h"
#include "kernel/printk.h"
#include "ubc/beancounter.h"
#include "vzctl/vzctl.h"

namespace vzsim {

const std::vector<std::string> kCoreExports = {
    "printk",
    "vprintk",
    "ve_printk",
    "printk_ratelimit",
    "__printk_ratelimit",
    "ve0",
    "ub0",
    "find_task_by_pid_type",
    "find_task_by_pid_type_all",
    "find_task_by_pid_type_ve",
    "charge_beancounter",
    "uncharge_beancounter",
    "daemonize",
    "do_fork_pid",
    "ve_allow_kthreads",
};

const std::vector<std::string> kVzwdogSymbols = {
    "printk",
    "ve0",
    "find_task_by_pid_type_all",
    "show_mem",
};

namespace {

irqreturn_t NicInterrupt(int irq, void* dev, struct pt_regs*) {
  if (dev != nullptr) ++*static_cast<int*>(dev);
  charge_beancounter(current->task_bc.exec_ub, UB_KMEMSIZE, kNicPacketBytes,
                     UB_FORCE);
  ve_printk(VE_LOG, "eth0: irq %d: packet received\n", irq);
  return IRQ_HANDLED;
}

task_struct* Spawn(Kernel& k, task_struct* parent, const char* comm) {
  return *k.Fork(parent, comm);
}

}  // namespace

void InstallNic(Kernel& k, int* count) {
  (void)k.RequestIrq(kNicIrq, {NicInterrupt, "eth0", count});
}

World::World(const arch_ops& a) : arch(a) {
  for (const std::string& s : kCoreExports) k.ExportSymbol(s);
  k.ExportKsymtab(arch.ksymtab_start, arch.ksymtab_stop);
  (void)k.SetHostname(k.ve0(), "hn.example.org");
  InstallNic(k, &nic_interrupts);

  sshd = Spawn(k, k.init_task(), "sshd");
  crond = Spawn(k, k.init_task(), "crond");

  // Each container started as vzctl starts it: its tasks are born into
  // the beancounter of its id. kernel.virt_osrelease is copied when a VE
  // is made.
  const std::string host_release = k.VirtOsrelease();
  (void)k.SetVirtOsrelease("2.6.32-vz");
  StartOptions options;
  options.init_comm = "vzinit101";
  Container ct = *StartContainer(k, 101, {}, options);
  (void)k.SetVirtOsrelease(host_release);
  init101 = ct.init;
  ve101 = ct.ve;
  (void)k.SetHostname(ve101, "ct101.example.org");
  httpd = Spawn(k, init101, "httpd");
  cgi = Spawn(k, httpd, "cgi");

  options = StartOptions{};
  options.init_comm = "vzinit102";
  ct = *StartContainer(k, 102, {}, options);
  init102 = ct.init;
  ve102 = ct.ve;
  (void)k.SetHostname(ve102, "ct102.example.org");
  postfix = Spawn(k, init102, "postfix");
  // Every user task has exec'ed: it has an address space.
  for (task_struct* t : {sshd, crond, init101, httpd, cgi, init102, postfix}) {
    (void)k.GetMm(t);
  }
}

std::vector<task_struct*> World::AllTasks() {
  std::vector<task_struct*> all;
  absl::ReaderMutexLock lock(&k.tasklist_lock());
  k.ForEachTaskLocked([&all](task_struct* t) { all.push_back(t); });
  return all;
}

}  // namespace vzsim
