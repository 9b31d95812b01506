#include "arch/conformance/world.h"

#include "kernel/irq.h"
#include "kernel/printk.h"
#include "ubc/beancounter.h"

namespace vzsim {

const std::vector<std::string> kCoreExports = {
    "printk",
    "ve_printk",
    "get_exec_env",
    "set_exec_env",
    "get_ve0",
    "find_task_by_pid_ve",
    "find_task_by_pid_all",
    "charge_beancounter",
    "uncharge_beancounter",
    "ub_memory_charge",
    "ub_memory_uncharge",
    "get_exec_ub",
};

const std::vector<std::string> kVeModuleSymbols = {
    "printk",
    "ve_printk",
    "get_exec_env",
    "set_exec_env",
    "find_task_by_pid_all",
    "show_mem",
    "cpu_khz",
};

namespace {

int NicInterrupt(int irq, void* dev) {
  if (dev != nullptr) ++*static_cast<int*>(dev);
  charge_beancounter(current->task_bc.exec_ub, UB_KMEMSIZE, kNicPacketBytes,
                     UB_FORCE);
  ve_printk(VE_LOG, "eth0: irq %d: packet received\n", irq);
  return 1;
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
  for (const char* const* s = arch.exports; s != nullptr && *s != nullptr;
       ++s) {
    k.ExportSymbol(*s);
  }
  (void)k.SetHostname(k.ve0(), "hn.example.org");
  InstallNic(k, &nic_interrupts);

  sshd = Spawn(k, k.init_task(), "sshd");
  crond = Spawn(k, k.init_task(), "crond");

  init101 = Spawn(k, k.init_task(), "vzinit101");
  // kernel.virt_osrelease is copied when a VE is made.
  const std::string host_release = k.VirtOsrelease();
  (void)k.SetVirtOsrelease("2.6.32-vz");
  ve101 = *k.CreateVe(init101, 101);
  (void)k.SetVirtOsrelease(host_release);
  (void)k.SetHostname(ve101, "ct101.example.org");
  httpd = Spawn(k, init101, "httpd");
  cgi = Spawn(k, httpd, "cgi");

  init102 = Spawn(k, k.init_task(), "vzinit102");
  ve102 = *k.CreateVe(init102, 102);
  (void)k.SetHostname(ve102, "ct102.example.org");
  postfix = Spawn(k, init102, "postfix");
}

std::vector<task_struct*> World::AllTasks() {
  std::vector<task_struct*> all;
  absl::ReaderMutexLock lock(&k.tasklist_lock());
  k.ForEachTaskLocked([&all](task_struct* t) { all.push_back(t); });
  return all;
}

std::string World::HostLogSince(const std::string& before) {
  const std::string now = k.HostLog();
  return now.size() >= before.size() ? now.substr(before.size()) : now;
}

}  // namespace vzsim
