#include "kernel/irq.h"

#include <cerrno>

#include "gtest/gtest.h"
#include "kernel/errno_status.h"
#include "kernel/kernel.h"
#include "kernel/printk.h"
#include "ubc/beancounter.h"

namespace vzsim {
namespace {

// A device whose handler does what real ones do: allocates (charged to the
// exec beancounter) and logs (to the exec env's log).
int NicHandler(int irq, void* dev) {
  ++*static_cast<int*>(dev);
  task_struct* t = current;
  charge_beancounter(t->task_bc.exec_ub, UB_KMEMSIZE, 512, UB_FORCE);
  ve_printk(VE_LOG, "eth0: irq %d\n", irq);
  return 1;
}

class IrqTest : public ::testing::Test {
 protected:
  void SetUp() override {
    init = *k.Fork(k.init_task(), "init");
    ve = *k.CreateVe(init, 101);
    app = *k.Fork(init, "app");
  }
  Kernel k;
  task_struct *init, *app;
  ve_struct* ve;
  int count = 0;
};

TEST_F(IrqTest, InterruptInAVeTaskRunsForTheHostAndRestores) {
  auto cpu = k.BindCpu(0, app);
  ASSERT_TRUE(cpu.ok());
  ASSERT_EQ(request_irq(11, NicHandler, "eth0", &count), 0);
  const uint64_t ve_kmem =
      vzsim::UbRead(vzsim::RecordOf(ve)->ub->ub_parms[UB_KMEMSIZE].held);
  const uint64_t ub0_kmem = vzsim::UbRead(k.ub0()->ub_parms[UB_KMEMSIZE].held);
  irq_enter();
  EXPECT_EQ(in_irq(), 1);
  EXPECT_EQ(app->ve_task_info.exec_env, k.ve0());
  EXPECT_EQ(app->task_bc.exec_ub, k.ub0());
  EXPECT_EQ(handle_IRQ_event(11), 1);
  irq_exit();
  EXPECT_EQ(in_irq(), 0);
  EXPECT_EQ(app->ve_task_info.exec_env, ve);
  EXPECT_EQ(app->task_bc.exec_ub, vzsim::RecordOf(ve)->ub);
  EXPECT_EQ(count, 1);
  EXPECT_EQ(vzsim::UbRead(k.ub0()->ub_parms[UB_KMEMSIZE].held), ub0_kmem + 512);
  EXPECT_EQ(vzsim::UbRead(vzsim::RecordOf(ve)->ub->ub_parms[UB_KMEMSIZE].held),
            ve_kmem);
  EXPECT_EQ(k.HostLog(), "<6>CT: 101: started\neth0: irq 11\n");
  EXPECT_EQ(k.VeLog(ve), "");
}

// The interrupt point inside fork: the NIC interrupts a VE task's fork
// half-way; its buffer is the host's, the child is the VE's.
void NicInterruptsHere(void*) {
  irq_enter();
  handle_IRQ_event(11);
  irq_exit();
}

TEST_F(IrqTest, AnInterruptInsideForkLeavesTheForkToTheVe) {
  auto cpu = k.BindCpu(0, app);
  ASSERT_TRUE(cpu.ok());
  ASSERT_EQ(request_irq(11, NicHandler, "eth0", &count), 0);
  user_beancounter* ub0 = k.ub0();
  const uint64_t ve_procs =
      vzsim::UbRead(vzsim::RecordOf(ve)->ub->ub_parms[UB_NUMPROC].held);
  const uint64_t host_procs = vzsim::UbRead(ub0->ub_parms[UB_NUMPROC].held);
  const uint64_t host_kmem = vzsim::UbRead(ub0->ub_parms[UB_KMEMSIZE].held);
  k.SetInterruptHook(NicInterruptsHere, nullptr);
  auto child = k.Fork(app, "child");
  k.SetInterruptHook(nullptr, nullptr);
  ASSERT_TRUE(child.ok());
  EXPECT_EQ(count, 1);  // the interrupt did arrive
  EXPECT_EQ(vzsim::UbRead(ub0->ub_parms[UB_KMEMSIZE].held), host_kmem + 512);
  EXPECT_EQ(vzsim::UbRead(ub0->ub_parms[UB_NUMPROC].held), host_procs);
  EXPECT_EQ(vzsim::UbRead(vzsim::RecordOf(ve)->ub->ub_parms[UB_NUMPROC].held),
            ve_procs + 1);
  EXPECT_EQ((*child)->task_bc.task_ub, vzsim::RecordOf(ve)->ub);
  EXPECT_EQ(app->ve_task_info.exec_env, ve);
  EXPECT_EQ(app->task_bc.exec_ub, vzsim::RecordOf(ve)->ub);
}

TEST_F(IrqTest, AnInterruptInsideKillLeavesTheVesView) {
  auto cpu = k.BindCpu(0, app);
  ASSERT_TRUE(cpu.ok());
  ASSERT_EQ(request_irq(11, NicHandler, "eth0", &count), 0);
  task_struct* host_task = *k.Fork(k.init_task(), "host");
  k.SetInterruptHook(NicInterruptsHere, nullptr);
  // From the VE, the host task's global pid names nothing (or a VE task):
  // had the interrupt left the host's view behind, it would be found.
  const absl::Status s = k.Kill(app, host_task->pid, 0);
  k.SetInterruptHook(nullptr, nullptr);
  EXPECT_EQ(count, 1);
  EXPECT_EQ(ErrnoOf(s), ESRCH);
  EXPECT_EQ(app->ve_task_info.exec_env, ve);
}

TEST_F(IrqTest, NestedInterruptsKeepTheOutermostSaveSlot) {
  auto cpu = k.BindCpu(0, app);
  ASSERT_TRUE(cpu.ok());
  irq_enter();
  irq_enter();  // nested: must not save ve0 over the VE
  EXPECT_EQ(in_irq(), 2);
  irq_exit();
  EXPECT_EQ(app->ve_task_info.exec_env, k.ve0());  // still inside the outer one
  irq_exit();
  EXPECT_EQ(app->ve_task_info.exec_env, ve);
  EXPECT_EQ(app->task_bc.exec_ub, vzsim::RecordOf(ve)->ub);
}

TEST_F(IrqTest, NmiDoesNotSwitch) {
  auto cpu = k.BindCpu(0, app);
  ASSERT_TRUE(cpu.ok());
  nmi_enter();
  EXPECT_EQ(in_nmi(), 1);
  EXPECT_TRUE(in_interrupt());
  EXPECT_EQ(app->ve_task_info.exec_env, ve);
  nmi_exit();
  EXPECT_EQ(in_nmi(), 0);
  nmi_exit();  // unbalanced: ignored
  EXPECT_EQ(in_nmi(), 0);
}

TEST_F(IrqTest, UnbalancedIrqExitIsReportedAndHarmless) {
  auto cpu = k.BindCpu(0, app);
  ASSERT_TRUE(cpu.ok());
  irq_exit();
  EXPECT_EQ(app->ve_task_info.exec_env, ve);
  EXPECT_EQ(k.HostLog(),
            "<6>CT: 101: started\nBUG: irq_exit() without irq_enter()\n");
}

void CountEnv(void* data) {
  auto* seen = static_cast<std::vector<envid_t>*>(data);
  seen->push_back(current->ve_task_info.exec_env->veid);
}

TEST_F(IrqTest, SoftirqsRunInVe0AtTheEndOfTheInterrupt) {
  auto cpu = k.BindCpu(0, app);
  ASSERT_TRUE(cpu.ok());
  std::vector<envid_t> seen;
  irq_enter();
  raise_softirq(CountEnv, &seen);
  EXPECT_TRUE(seen.empty());  // deferred
  irq_exit();
  EXPECT_EQ(seen, std::vector<envid_t>{0});
  // Raised outside an interrupt: runs at once, still in ve0, then restores.
  raise_softirq(CountEnv, &seen);
  EXPECT_EQ(seen, (std::vector<envid_t>{0, 0}));
  EXPECT_EQ(app->ve_task_info.exec_env, ve);
}

void TimerFn(unsigned long data) {
  auto* seen = reinterpret_cast<std::vector<envid_t>*>(data);
  seen->push_back(current->ve_task_info.exec_env->veid);
}

TEST_F(IrqTest, TimersRunInVe0WhenDue) {
  auto cpu = k.BindCpu(0, app);
  ASSERT_TRUE(cpu.ok());
  std::vector<envid_t> seen;
  timer_list t{TimerFn, reinterpret_cast<unsigned long>(&seen), 1000};
  ASSERT_EQ(add_timer(&t), 0);
  EXPECT_EQ(run_timers(), 0);
  k.AdvanceClock(1000);
  EXPECT_EQ(run_timers(), 1);
  EXPECT_EQ(seen, std::vector<envid_t>{0});
  EXPECT_EQ(app->ve_task_info.exec_env, ve);
  EXPECT_EQ(del_timer(&t), 0);  // already ran
  ASSERT_EQ(add_timer(&t), 0);
  EXPECT_EQ(del_timer(&t), 1);
  EXPECT_EQ(add_timer(nullptr), -EINVAL);
  timer_list no_fn{nullptr, 0, 0};
  EXPECT_EQ(add_timer(&no_fn), -EINVAL);
}

TEST_F(IrqTest, BadLinesAndHandlers) {
  auto cpu = k.BindCpu(0, app);
  ASSERT_TRUE(cpu.ok());
  EXPECT_EQ(request_irq(-1, NicHandler, "x", nullptr), -EINVAL);
  EXPECT_EQ(request_irq(NR_IRQS, NicHandler, "x", nullptr), -EINVAL);
  EXPECT_EQ(request_irq(3, nullptr, "x", nullptr), -EINVAL);
  EXPECT_EQ(handle_IRQ_event(999), -EINVAL);
  EXPECT_EQ(handle_IRQ_event(5), 0);  // no handler
  ASSERT_EQ(request_irq(5, NicHandler, "eth0", &count), 0);
  free_irq(5, &count);
  EXPECT_EQ(handle_IRQ_event(5), 0);
  EXPECT_EQ(count, 0);
}

TEST(IrqNoCpuTest, EverythingIsANoOp) {
  irq_enter();
  irq_exit();
  nmi_enter();
  EXPECT_EQ(in_irq(), 0);
  EXPECT_EQ(in_nmi(), 0);
  EXPECT_EQ(handle_IRQ_event(1), -ESRCH);
  EXPECT_EQ(request_irq(1, NicHandler, "x", nullptr), -ESRCH);
  EXPECT_EQ(run_timers(), 0);
}

}  // namespace
}  // namespace vzsim
