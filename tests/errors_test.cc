// The tests behind docs/errors.md: every public entry point called with the
// invalid inputs listed there, each giving the error the table says, and
// losing nothing (state checked after the refusal). One TEST per row group;
// tools/errors_table_check.sh keeps the table and these names in step.
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <string>

#include "gtest/gtest.h"
#include "include/ub/ub_mem.h"
#include "include/ub/ub_misc.h"
#include "include/ub/ub_vmpages.h"
#include "kernel/errno_status.h"
#include "kernel/irq.h"
#include "kernel/kernel.h"
#include "kernel/kthread.h"
#include "kernel/mmap.h"
#include "kernel/printk.h"
#include "kernel/process.h"
#include "kernel/signal.h"
#include "pid/pid.h"
#include "proc/beancounters.h"
#include "proc/ps.h"
#include "ubc/beancounter.h"
#include "ubc/ubc.h"
#include "uts/uts.h"
#include "ve/ve.h"

namespace vzsim {
namespace {

irqreturn_t Handler(int, void*, struct pt_regs*) { return IRQ_NONE; }
void TimerFn(unsigned long) {}

class ErrorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // VE 101 started as vzctl starts it, in beancounter 101.
    vzctl = *k.Fork(k.init_task(), "vzctl");
    ASSERT_TRUE(k.SetLuid(vzctl, 101).ok());
    init101 = *k.Fork(vzctl, "init");
    ASSERT_TRUE(k.SetSid(init101).ok());
    ve101 = *k.CreateVe(init101, 101);
    inside = *k.Fork(init101, "inside");
    host = *k.Fork(k.init_task(), "host");
  }
  // A task that has exited but is not reaped yet (a child of `host`, which
  // does not reap by itself): its pointer is still valid, its task is not
  // alive.
  task_struct* Zombie() {
    task_struct* z = *k.Fork(host, "zombie");
    EXPECT_TRUE(k.Exit(z, 0).ok());
    return z;
  }

  Kernel k;
  task_struct *vzctl, *init101, *inside, *host;
  ve_struct* ve101;
};

TEST_F(ErrorsTest, BindCpu) {
  EXPECT_EQ(ErrnoOf(k.BindCpu(-1).status()), EINVAL);
  EXPECT_EQ(ErrnoOf(k.BindCpu(k.nr_cpus()).status()), EINVAL);
  auto cpu = k.BindCpu(0, host);
  ASSERT_TRUE(cpu.ok());
  EXPECT_EQ(ErrnoOf(k.BindCpu(0).status()), EBUSY);
  task_struct* z = Zombie();
  ASSERT_TRUE(k.Wait(host, z->pid).ok());  // reaped
  EXPECT_EQ(ErrnoOf(k.BindCpu(1, z).status()), ESRCH);
  EXPECT_TRUE(k.BindCpu(1).ok());  // the refused binding freed CPU 1
}

TEST_F(ErrorsTest, Fork) {
  const size_t tasks = k.nr_tasks();
  EXPECT_EQ(ErrnoOf(k.Fork(nullptr).status()), ESRCH);
  EXPECT_EQ(ErrnoOf(k.Fork(Zombie()).status()), ESRCH);
  ASSERT_TRUE(k.SetUbLimit(k.init_task(), 101, UB_NUMPROC, 2, 2).ok());
  EXPECT_EQ(ErrnoOf(k.Fork(inside).status()), ENOMEM);  // numproc barrier
  EXPECT_EQ(k.nr_tasks(), tasks + 1);                   // only the zombie
  ASSERT_TRUE(
      k.SetUbLimit(k.init_task(), 101, UB_NUMPROC, UB_MAXVALUE, UB_MAXVALUE)
          .ok());
  // The pid's kmemsize refused: -EAGAIN (a task with no kmemsize reserve).
  task_struct* fresh = *k.Fork(init101, "fresh");
  user_beancounter* ub = k.FindBeancounter(101);
  const unsigned long kmem = UbRead(ub->ub_parms[UB_KMEMSIZE].held);
  ASSERT_TRUE(k.SetUbLimit(k.init_task(), 101, UB_KMEMSIZE, kmem, kmem).ok());
  EXPECT_EQ(ErrnoOf(k.Fork(fresh).status()), EAGAIN);
  EXPECT_EQ(UbRead(ub->ub_parms[UB_KMEMSIZE].held), kmem);
  EXPECT_EQ(k.nr_tasks(), tasks + 2);
  ASSERT_TRUE(
      k.SetUbLimit(k.init_task(), 101, UB_KMEMSIZE, UB_MAXVALUE, UB_MAXVALUE)
          .ok());
  // No free global pid: -EAGAIN (do_fork_pid()), in a VE as on the host.
  ASSERT_TRUE(k.SetPidMax(PidMap::kPidMaxMin).ok());
  absl::Status last;
  for (int i = 0; i < PidMap::kPidMaxMin && last.ok(); ++i) {
    last = k.Fork(host).status();
  }
  EXPECT_EQ(ErrnoOf(last), EAGAIN);
  EXPECT_EQ(ErrnoOf(k.Fork(inside).status()), EAGAIN);
  // Restore: a taken virtual pid, a bad one.
  ASSERT_TRUE(k.SetPidMax(PidMap::kDefaultPidMax).ok());
  ASSERT_TRUE(k.RestoreFork(init101, 6000).ok());
  EXPECT_EQ(ErrnoOf(k.RestoreFork(init101, 6000).status()), EEXIST);
  EXPECT_EQ(ErrnoOf(k.RestoreFork(init101, -5).status()), EINVAL);
  EXPECT_EQ(ErrnoOf(k.RestoreFork(nullptr, 5000).status()), ESRCH);
}

TEST_F(ErrorsTest, ExitAndExitGroup) {
  EXPECT_EQ(ErrnoOf(k.Exit(nullptr, 0)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.ExitGroup(nullptr, 0)), ESRCH);
  task_struct* z = Zombie();
  EXPECT_EQ(ErrnoOf(k.Exit(z, 0)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.ExitGroup(z, 0)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.Exit(k.init_task(), 0)), EPERM);
  EXPECT_EQ(ErrnoOf(k.ExitGroup(k.init_task(), 0)), EPERM);
  task_struct* init_thread = *k.Fork(k.init_task(), "kthr", CLONE_THREAD);
  EXPECT_EQ(ErrnoOf(k.ExitGroup(init_thread, 0)), EPERM);  // init's group
  EXPECT_TRUE(task_alive(k.init_task()));
}

TEST_F(ErrorsTest, Wait) {
  EXPECT_EQ(ErrnoOf(k.Wait(nullptr, -1).status()), ESRCH);
  EXPECT_EQ(ErrnoOf(k.Wait(host, 0).status()), ECHILD);
  EXPECT_EQ(ErrnoOf(k.Wait(host, -7).status()), ECHILD);
  EXPECT_EQ(ErrnoOf(k.Wait(host, -1).status()), ECHILD);
  const pid_t z = Zombie()->pid;
  EXPECT_EQ(ErrnoOf(k.Wait(host, inside->pid).status()),
            ECHILD);                   // not its child
  EXPECT_EQ(k.Wait(host, z)->pid, z);  // the zombie was kept
}

TEST_F(ErrorsTest, SetSidAndSetComm) {
  EXPECT_EQ(ErrnoOf(k.SetSid(nullptr)), ESRCH);
  ASSERT_TRUE(k.SetSid(host).ok());
  EXPECT_EQ(ErrnoOf(k.SetSid(host)), EPERM);  // already a group leader
  EXPECT_EQ(ErrnoOf(k.SetComm(nullptr, "x")), ESRCH);
  EXPECT_TRUE(k.SetComm(host, std::string(100, 'x')).ok());  // truncated
  EXPECT_EQ(std::string(host->comm), std::string(TASK_COMM_LEN - 1, 'x'));
}

TEST_F(ErrorsTest, CreateVe) {
  EXPECT_EQ(ErrnoOf(k.CreateVe(nullptr, 102).status()), ESRCH);
  EXPECT_EQ(ErrnoOf(k.CreateVe(Zombie(), 102).status()), ESRCH);
  EXPECT_EQ(ErrnoOf(k.CreateVe(inside, 102).status()), EPERM);
  EXPECT_EQ(ErrnoOf(k.CreateVe(k.init_task(), 102).status()), EINVAL);
  EXPECT_EQ(ErrnoOf(k.CreateVe(host, 101).status()), EACCES);
  EXPECT_EQ(ErrnoOf(k.CreateVe(host, 0).status()), EACCES);
  EXPECT_EQ(ErrnoOf(k.CreateVe(host, 4294967295u).status()), EINVAL);
  EXPECT_EQ(ErrnoOf(k.RealEnvCreate(host, 102, VE_TEST | VE_CREATE).status()),
            EINVAL);
  EXPECT_EQ(ErrnoOf(k.RealEnvCreate(host, 102, VE_SKIPLOCK).status()), EINVAL);
  EXPECT_EQ(ErrnoOf(k.RealEnvCreate(host, 102, VE_TEST).status()), ESRCH);
  ASSERT_TRUE(k.SetControllingTty(host, true).ok());
  EXPECT_EQ(ErrnoOf(k.CreateVe(host, 102).status()), EINVAL);
  ASSERT_TRUE(k.SetControllingTty(host, false).ok());
  *k.Fork(host, "thr", CLONE_THREAD);
  EXPECT_EQ(ErrnoOf(k.CreateVe(host, 102).status()), EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetControllingTty(nullptr, true)), ESRCH);
  EXPECT_EQ(k.FindVe(102), nullptr);
  EXPECT_EQ(host->ve_task_info.owner_env, k.ve0());
}

TEST_F(ErrorsTest, EnterVe) {
  EXPECT_EQ(ErrnoOf(k.EnterVe(nullptr, 101)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.EnterVe(host, 999)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.EnterVe(inside, 101)), EPERM);
  EXPECT_EQ(ErrnoOf(k.EnterVe(k.init_task(), 101)), EPERM);
  task_struct* threaded = *k.Fork(k.init_task(), "threaded");
  *k.Fork(threaded, "thr", CLONE_THREAD);
  EXPECT_EQ(ErrnoOf(k.EnterVe(threaded, 101)), EINVAL);
  // A stopping VE: its entered task waits for its host parent to reap it.
  task_struct* entered = *k.Fork(host, "entered");
  ASSERT_TRUE(k.EnterVe(entered, 101).ok());
  ASSERT_TRUE(k.Kill(k.init_task(), init101->pid, SIGKILL).ok());
  EXPECT_EQ(ErrnoOf(k.EnterVe(threaded, 101)), EBUSY);
  ASSERT_TRUE(k.Wait(host, entered->pid).ok());
  EXPECT_EQ(ErrnoOf(k.EnterVe(threaded, 101)), ESRCH);  // gone
  EXPECT_EQ(host->ve_task_info.owner_env, k.ve0());
}

TEST_F(ErrorsTest, Lookups) {
  EXPECT_EQ(k.FindVe(999), nullptr);
  EXPECT_EQ(k.FindBeancounter(999), nullptr);
  absl::ReaderMutexLock l(&k.tasklist_lock());
  for (pid_t nr : {-1, 0, 99999, 2147483647}) {
    EXPECT_EQ(k.FindTaskByPidAllLocked(nr), nullptr) << nr;
    EXPECT_EQ(k.FindTaskByPidVeLocked(nr, ve101), nullptr) << nr;
  }
  EXPECT_EQ(k.FindTaskByPidVeLocked(1, nullptr), nullptr);
}

TEST_F(ErrorsTest, SetPidMax) {
  EXPECT_EQ(ErrnoOf(k.SetPidMax(PidMap::kPidMaxMin - 1)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetPidMax(PidMap::kPidMaxLimit + 1)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetPidMax(-5)), EINVAL);
  EXPECT_TRUE(k.Fork(host).ok());  // the old pid_max still works
}

TEST_F(ErrorsTest, Utsname) {
  EXPECT_EQ(ErrnoOf(k.Uname(nullptr).status()), EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetHostname(nullptr, "x")), EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetDomainname(nullptr, "x")), EINVAL);
  const std::string before = k.Uname(ve101)->nodename;
  EXPECT_EQ(ErrnoOf(k.SetHostname(ve101, std::string(65, 'h'))), EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetDomainname(ve101, std::string(65, 'd'))), EINVAL);
  EXPECT_EQ(k.Uname(ve101)->nodename, before);
}

TEST_F(ErrorsTest, Beancounters) {
  EXPECT_EQ(ErrnoOf(k.SetLuid(nullptr, 5)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.SetLuid(Zombie(), 5)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.SetLuid(host, static_cast<uint32_t>(-1))), EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetLuid(inside, 5)), EPERM);  // not from a VE
  EXPECT_EQ(k.FindBeancounter(5), nullptr);
  EXPECT_EQ(ErrnoOf(k.SetUbLimit(nullptr, 0, UB_NUMPROC, 1, 1)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.SetUbLimit(inside, 0, UB_RESOURCES, 1, 1)), EPERM);
  EXPECT_EQ(ErrnoOf(k.SetUbLimit(host, 999, -1, 1, 1)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetUbLimit(host, 999, UB_RESOURCES, 1, 1)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetUbLimit(host, 999, UB_NUMPROC, UB_MAXVALUE + 1,
                                 UB_MAXVALUE + 1)),
            EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetUbLimit(host, 999, UB_NUMPROC, 1, 1)), ENOENT);
  ASSERT_TRUE(k.DropCapability(host, CAP_SYS_RESOURCE).ok());
  EXPECT_EQ(ErrnoOf(k.SetUbLimit(host, 0, UB_NUMPROC, 1, 1)), EPERM);
  EXPECT_EQ(UbRead(k.ub0()->ub_parms[UB_NUMPROC].barrier), UB_MAXVALUE);
  ASSERT_TRUE(k.DropCapability(host, CAP_SETUID).ok());
  EXPECT_EQ(ErrnoOf(k.SetLuid(host, 5)), EPERM);
  EXPECT_EQ(host->task_bc.exec_ub, k.ub0());
  EXPECT_EQ(k.ubs().GetSub(nullptr, 5, true), nullptr);
  EXPECT_EQ(k.ubs().GetByUid(999, false), nullptr);
}

TEST_F(ErrorsTest, ChargeFunctions) {
  ASSERT_TRUE(k.SetLuid(host, 7).ok());
  user_beancounter* ub = k.FindBeancounter(7);
  EXPECT_EQ(charge_beancounter(nullptr, UB_NUMFLOCK, 1, UB_HARD), -EINVAL);
  EXPECT_EQ(charge_beancounter(ub, -1, 1, UB_HARD), -EINVAL);
  EXPECT_EQ(charge_beancounter(ub, UB_RESOURCES, 1, UB_HARD), -EINVAL);
  EXPECT_EQ(charge_beancounter(ub, UB_NUMFLOCK, UB_MAXVALUE + 1, UB_HARD),
            -EINVAL);
  EXPECT_EQ(charge_beancounter(ub, UB_NUMFLOCK, 1, static_cast<ub_severity>(7)),
            -EINVAL);
  EXPECT_NE(k.HostLog().find("kernel BUG at kernel/ub/beancounter.c:413!"),
            std::string::npos);
  EXPECT_EQ(UbRead(ub->ub_parms[UB_NUMFLOCK].failcnt), 0u);  // not refusals
  uncharge_beancounter(nullptr, UB_NUMFLOCK, 1);             // ignored
  uncharge_beancounter(ub, UB_RESOURCES, 1);                 // ignored
  uncharge_beancounter(ub, UB_NUMFLOCK, 5);  // below zero: clamped
  EXPECT_EQ(UbRead(ub->ub_parms[UB_NUMFLOCK].held), 0u);
  EXPECT_TRUE(RecordOf(ub)->underflowed.load());
  EXPECT_NE(k.HostLog().find("<3>Uncharging too much 5 h 0, res numflock ub "
                             "7\n"),
            std::string::npos);
  EXPECT_EQ(UbSetLimits(nullptr, UB_NUMFLOCK, 1, 1), -EINVAL);
  EXPECT_EQ(UbSetLimits(ub, 99, 1, 1), -EINVAL);
  EXPECT_EQ(ub_memory_charge(nullptr, PAGE_SIZE, VM_WRITE, nullptr, UB_HARD),
            -EINVAL);
  ub_memory_uncharge(nullptr, PAGE_SIZE, VM_WRITE, nullptr);  // ignored
  mm_struct* mm = *k.GetMm(host);
  const unsigned long priv = UbRead(k.ub0()->ub_parms[UB_PRIVVMPAGES].held);
  EXPECT_EQ(ub_memory_charge(mm, PAGE_SIZE, VM_WRITE, nullptr, UB_FORCE),
            -EINVAL);
  EXPECT_NE(k.HostLog().find("kernel BUG at kernel/ub/ub_pages.c:230!"),
            std::string::npos);
  EXPECT_EQ(UbRead(k.ub0()->ub_parms[UB_PRIVVMPAGES].held), priv);
  EXPECT_EQ(ub_kmemsize_charge(nullptr, 64, UB_HARD), -EINVAL);
  EXPECT_EQ(ub_task_charge(nullptr, host), -EINVAL);
  EXPECT_EQ(get_subbeancounter_byid(nullptr, 1, 1), nullptr);
  put_beancounter(nullptr);  // ignored
}

TEST_F(ErrorsTest, Log) {
  // ve_printk() validates no destination: from a VE, one with neither
  // VE0_LOG nor VE_LOG writes nothing and returns 0 (kernel/printk.c).
  EXPECT_EQ(k.VePrintk(nullptr, VE_LOG, "x"), 0);
  EXPECT_EQ(k.VePrintk(ve101, 0, "x"), 0);
  EXPECT_EQ(k.VePrintk(ve101, 8, "x"), 0);
  EXPECT_EQ(k.VeLog(ve101), "");
}

TEST_F(ErrorsTest, AddressSpaces) {
  const int anon = MAP_PRIVATE | MAP_ANONYMOUS;
  const int rw = PROT_READ | PROT_WRITE;
  EXPECT_EQ(ErrnoOf(k.Mmap(nullptr, 0, PAGE_SIZE, rw, anon).status()), ESRCH);
  EXPECT_EQ(ErrnoOf(k.Mmap(Zombie(), 0, PAGE_SIZE, rw, anon).status()), ESRCH);
  EXPECT_EQ(*k.Mmap(host, 0x5000, 0, rw, anon), 0x5000u);  // maps nothing
  EXPECT_EQ(ErrnoOf(k.Mmap(host, 0, PAGE_SIZE, rw, MAP_ANONYMOUS).status()),
            EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mmap(host, 0, PAGE_SIZE, rw,
                           MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS)
                        .status()),
            EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mmap(host, 0, PAGE_SIZE, rw, MAP_PRIVATE).status()),
            EBADF);
  EXPECT_EQ(ErrnoOf(k.Mmap(host, 0, TASK_SIZE + 1, rw, anon).status()), ENOMEM);
  EXPECT_EQ(
      ErrnoOf(k.Mmap(host, 123, PAGE_SIZE, rw, anon | MAP_FIXED).status()),
      EINVAL);
  EXPECT_EQ(
      ErrnoOf(
          k.Mmap(host, TASK_SIZE, PAGE_SIZE, rw, anon | MAP_FIXED).status()),
      EINVAL);
  const unsigned long a = *k.Mmap(host, 0, 4 * PAGE_SIZE, rw, anon);
  EXPECT_EQ(ErrnoOf(k.Munmap(host, a + 1, PAGE_SIZE)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Munmap(host, a, 0)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Munmap(host, TASK_SIZE, PAGE_SIZE)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Munmap(nullptr, a, PAGE_SIZE)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.Mlock(host, a + 4 * PAGE_SIZE, PAGE_SIZE)),
            ENOMEM);  // nothing mapped there
  EXPECT_EQ(ErrnoOf(k.Mlock(host, TASK_SIZE, PAGE_SIZE)), ENOMEM);
  EXPECT_EQ(ErrnoOf(k.Mlock(host, a, ~0UL - a)), EINVAL);  // wraps
  EXPECT_EQ(ErrnoOf(k.Munlock(nullptr, a, PAGE_SIZE)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.Mlockall(host, 0)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mlockall(host, 16)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Munlockall(nullptr)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.Mprotect(host, a + 1, PAGE_SIZE, PROT_READ)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mprotect(host, a, PAGE_SIZE, 0x100)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mprotect(host, a, 8 * PAGE_SIZE, rw)), ENOMEM);  // hole
  EXPECT_EQ(ErrnoOf(k.Mprotect(nullptr, a, PAGE_SIZE, rw)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.Mremap(host, a, PAGE_SIZE, 0, 0).status()), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mremap(host, a, PAGE_SIZE, PAGE_SIZE, 64).status()),
            EINVAL);
  EXPECT_EQ(ErrnoOf(k.Mremap(host, a + 1, PAGE_SIZE, PAGE_SIZE, 0).status()),
            EINVAL);
  EXPECT_EQ(
      ErrnoOf(k.Mremap(host, a, 8 * PAGE_SIZE, 9 * PAGE_SIZE, 0).status()),
      EFAULT);
  EXPECT_EQ(ErrnoOf(k.Mremap(nullptr, a, PAGE_SIZE, PAGE_SIZE, 0).status()),
            ESRCH);
  EXPECT_EQ(ErrnoOf(k.Brk(host, 0).status()), ENOMEM);  // below the heap
  EXPECT_EQ(ErrnoOf(k.Brk(nullptr, 0).status()), ESRCH);
  EXPECT_EQ(ErrnoOf(k.ExpandStack(host, a - PAGE_SIZE)),
            EFAULT);  // not a stack
  EXPECT_EQ(ErrnoOf(k.ExpandStack(nullptr, a)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.GetMm(nullptr).status()), ESRCH);
  // Nothing was lost: the mapping is whole.
  vzsim::RwsemWriteLock l(&host->mm->mmap_sem);
  vm_area_struct* vma = find_vma(host->mm, a);
  ASSERT_NE(vma, nullptr);
  EXPECT_EQ(vma->vm_start, a);
  EXPECT_EQ(vma->vm_end, a + 4 * PAGE_SIZE);
  EXPECT_EQ(vma->vm_flags & VM_LOCKED, 0u);
}

TEST_F(ErrorsTest, Signals) {
  EXPECT_EQ(ErrnoOf(k.Kill(nullptr, 1, SIGTERM)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.Kill(host, host->pid, -1)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Kill(host, host->pid, KERNEL_NSIG + 1)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.Kill(host, 99999, SIGTERM)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.Kill(inside, host->pid, SIGTERM)), ESRCH);  // invisible
  EXPECT_EQ(ErrnoOf(k.Kill(host, -99999, SIGTERM)), ESRCH);       // empty group
  EXPECT_EQ(ErrnoOf(k.SetSignalHandler(nullptr, SIGTERM, true)), ESRCH);
  EXPECT_EQ(ErrnoOf(k.SetSignalHandler(host, SIGKILL, true)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetSignalHandler(host, SIGSTOP, true)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetSignalHandler(host, 0, true)), EINVAL);
  EXPECT_EQ(ErrnoOf(k.SetSignalHandler(host, KERNEL_NSIG + 1, true)), EINVAL);
  EXPECT_TRUE(task_alive(host));
}

TEST_F(ErrorsTest, IrqsAndModules) {
  EXPECT_EQ(ErrnoOf(k.RequestIrq(-1, {Handler, "x", nullptr})), EINVAL);
  EXPECT_EQ(ErrnoOf(k.RequestIrq(NR_IRQS, {Handler, "x", nullptr})), EINVAL);
  EXPECT_EQ(ErrnoOf(k.RequestIrq(3, {nullptr, "x", nullptr})), EINVAL);
  k.FreeIrq(-1, nullptr);  // ignored
  k.FreeIrq(NR_IRQS, nullptr);
  EXPECT_TRUE(k.IrqActions(-1).empty());
  EXPECT_TRUE(k.IrqActions(NR_IRQS).empty());
  EXPECT_EQ(ErrnoOf(k.LoadModule("vzmon", {"no_such_symbol"})), ENOENT);
  EXPECT_NE(k.HostLog().find("vzmon: Unknown symbol no_such_symbol"),
            std::string::npos);
}

TEST_F(ErrorsTest, ProcFiles) {
  EXPECT_EQ(
      ErrnoOf(ReadProcFile(k, nullptr, "/proc/user_beancounters").status()),
      ESRCH);
  EXPECT_EQ(ErrnoOf(ReadProcFile(k, inside, "/proc/nonexistent").status()),
            ENOENT);
  EXPECT_EQ(ErrnoOf(ReadProcFile(k, inside, "").status()), ENOENT);
  ASSERT_TRUE(k.DropCapability(host, CAP_DAC_OVERRIDE).ok());
  EXPECT_EQ(ErrnoOf(ReadProcFile(k, host, "/proc/user_beancounters").status()),
            EACCES);
  EXPECT_EQ(RenderPs(k, nullptr), "");
  // No reader sees no beancounter: the header lines alone.
  const std::string ubc = RenderUserBeancounters(k, nullptr);
  EXPECT_EQ(std::count(ubc.begin(), ubc.end(), '\n'), 2) << ubc;
  EXPECT_EQ(RenderVeinfo(k, nullptr), "");
}

// Queries and helpers: nothing to refuse, so a neutral answer.
TEST_F(ErrorsTest, QueriesAndHelpers) {
  EXPECT_EQ(k.VeLog(nullptr), "");
  EXPECT_EQ(k.VeLogBytesWritten(nullptr), 0u);
  EXPECT_EQ(k.PendingSignalCount(nullptr), 0);
  EXPECT_EQ(k.DequeueSignal(nullptr).si_signo, 0);
  {
    absl::ReaderMutexLock l(&k.tasklist_lock());
    EXPECT_EQ(k.FindTaskByPidAllLocked(0), nullptr);
    EXPECT_EQ(k.FindTaskByPidVeLocked(1, nullptr), nullptr);
    EXPECT_EQ(k.PidsLocked().VpidToPid(5, nullptr), -1);
  }
  const int64_t now = k.now_ns();
  k.AdvanceClock(-1000);  // the clock never goes back
  EXPECT_EQ(k.now_ns(), now);
  EXPECT_EQ(virt_pid(nullptr), 0);
  EXPECT_EQ(virt_tgid(nullptr), 0);
  EXPECT_EQ(get_task_pid_ve(nullptr, ve101), 0);
  new_utsname u{};
  EXPECT_EQ(SetUtsField(u.nodename, std::string(__NEW_UTS_LEN + 1, 'n')),
            -EINVAL);
  EXPECT_EQ(u.nodename[0], '\0');
}

// The kernel face without a simulated CPU: no `current`, so nothing to act
// for. Every call says -ESRCH (lookups give null, queries 0).
TEST_F(ErrorsTest, KernelFaceWithoutACpu) {
  new_utsname u;
  EXPECT_EQ(sys_getpid(), -ESRCH);
  EXPECT_EQ(sys_fork(), -ESRCH);
  EXPECT_EQ(sys_clone(CLONE_THREAD), -ESRCH);
  EXPECT_EQ(sys_exit(0), -ESRCH);
  EXPECT_EQ(sys_exit_group(0), -ESRCH);
  EXPECT_EQ(sys_wait4(-1, nullptr), -ESRCH);
  EXPECT_EQ(sys_setsid(), -ESRCH);
  EXPECT_EQ(sys_kill(1, SIGTERM), -ESRCH);
  EXPECT_EQ(sys_sigaction(SIGTERM, true), -ESRCH);
  EXPECT_EQ(sys_newuname(&u), -ESRCH);
  EXPECT_EQ(sys_sethostname("x", 1), -ESRCH);
  EXPECT_EQ(sys_setdomainname("x", 1), -ESRCH);
  EXPECT_EQ(sys_setluid(5), -ESRCH);
  EXPECT_EQ(sys_getluid(), -ESRCH);
  const unsigned long limits[2] = {1, 1};
  EXPECT_EQ(sys_setublimit(101, UB_NUMPROC, limits), -ESRCH);
  EXPECT_EQ(ve_create(105), -ESRCH);
  EXPECT_EQ(ve_enter(101), -ESRCH);
  EXPECT_EQ(ve_test(101), -ESRCH);
  EXPECT_EQ(real_env_create(101, VE_TEST, 0, nullptr, 0), -ESRCH);
  EXPECT_EQ(request_irq(3, Handler, 0, "x", nullptr), -ESRCH);
  timer_list timer{};
  init_timer(&timer);
  timer.function = TimerFn;
  add_timer(&timer);  // ignored
  EXPECT_EQ(del_timer(&timer), 0);
  EXPECT_EQ(do_fork(CLONE_VM, 0, nullptr, 0, nullptr, nullptr), -ESRCH);
  EXPECT_EQ(ve_printk(VE_LOG, "x\n"), -ESRCH);
  TasklistReadGuard guard;
  EXPECT_EQ(find_task_by_pid_all(1), nullptr);
  EXPECT_EQ(find_task_by_pid_ve(1), nullptr);
}

TEST_F(ErrorsTest, KernelFaceBadArguments) {
  auto cpu = k.BindCpu(0, inside);
  ASSERT_TRUE(cpu.ok());
  EXPECT_EQ(sys_sethostname(nullptr, 5), -EFAULT);
  EXPECT_EQ(sys_sethostname("x", -1), -EINVAL);
  EXPECT_EQ(sys_sethostname(std::string(65, 'h').c_str(), 65), -EINVAL);
  EXPECT_EQ(sys_setdomainname(nullptr, 5), -EFAULT);
  EXPECT_EQ(sys_setdomainname("x", 65), -EINVAL);
  EXPECT_EQ(sys_newuname(nullptr), -EFAULT);
  EXPECT_EQ(sys_wait4(-1, nullptr), -ECHILD);
  EXPECT_EQ(sys_wait4(12345, nullptr), -ECHILD);
  EXPECT_EQ(sys_kill(1, -3), -EINVAL);
  EXPECT_EQ(sys_kill(999, SIGTERM), -ESRCH);
  EXPECT_EQ(sys_sigaction(SIGKILL, true), -EINVAL);
  EXPECT_EQ(sys_setluid(5), -EPERM);                        // from inside a VE
  EXPECT_EQ(sys_setluid(static_cast<uid_t>(-1)), -EINVAL);  // checked first
  const unsigned long limits[2] = {1, 1};
  EXPECT_EQ(sys_setublimit(101, UB_NUMPROC, nullptr), -EFAULT);
  EXPECT_EQ(sys_setublimit(101, UB_RESOURCES, limits), -EPERM);  // from a VE
  EXPECT_EQ(sys_getluid(), 101);
  EXPECT_EQ(ve_create(105), -EPERM);
  EXPECT_EQ(ve_enter(101), -EPERM);
  EXPECT_EQ(ve_test(999), -EPERM);  // CAP_SETVEID comes first
  EXPECT_EQ(real_env_create(101, VE_TEST, 0, nullptr, 8), -EINVAL);
  EXPECT_EQ(real_env_create(101, VE_TEST, 0, nullptr, 8), -EINVAL);
  EXPECT_EQ(sys_getpgid(99999), -ESRCH);
  EXPECT_EQ(sys_gethostname(nullptr, -1), -EINVAL);
  EXPECT_EQ(request_irq(NR_IRQS, Handler, 0, "x", nullptr), -EINVAL);
  EXPECT_EQ(request_irq(3, nullptr, 0, "x", nullptr), -EINVAL);
  add_timer(nullptr);  // ignored
  timer_list no_fn{};
  init_timer(&no_fn);
  add_timer(&no_fn);  // no function: a kernel BUG, not added
  EXPECT_FALSE(timer_pending(&no_fn));
  EXPECT_NE(k.HostLog().find("kernel BUG at"), std::string::npos);
  EXPECT_EQ(del_timer(nullptr), 0);
  // No errno for a strange destination: VE0_LOG | 4 from a VE writes the
  // host log, "<4>x\n", and returns its length.
  EXPECT_EQ(ve_printk(5, "x\n"), 5);
  EXPECT_EQ(send_sig_info(SIGTERM, nullptr, inside), -EINVAL);
  siginfo info{};
  EXPECT_EQ(dequeue_signal(nullptr, &info), 0);
  EXPECT_EQ(dequeue_signal(inside, nullptr), 0);
  EXPECT_EQ(signal_pending_count(nullptr), 0);
  EXPECT_EQ(__do_IRQ(NR_IRQS, nullptr), 1u);  // nobody's line: reported
  EXPECT_NE(k.HostLog().find("unexpected IRQ trap at vector"),
            std::string::npos);
  raise_softirq(99);  // no such vector: ignored
  open_softirq(-1, nullptr, nullptr);
  EXPECT_EQ(printk(nullptr), 0);  // nothing to print
  EXPECT_EQ(in_irq(), 0);
  irq_exit();  // without irq_enter: ignored
  EXPECT_EQ(in_irq(), 0);
  EXPECT_EQ(inside->ve_task_info.exec_env, ve101);
  // Nothing moved: still in its VE, the VE still running.
  EXPECT_EQ(inside->ve_task_info.owner_env, ve101);
  EXPECT_TRUE(ve101->is_running);
}

}  // namespace
}  // namespace vzsim
