// Interrupt entry and exit, NMIs, softirqs and timers as 028stab has them
// (include/linux/hardirq.h, kernel/softirq.c, kernel/timer.c).
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
irqreturn_t NicHandler(int irq, void* dev, struct pt_regs*) {
  ++*static_cast<int*>(dev);
  charge_beancounter(get_exec_ub(), UB_KMEMSIZE, 512, UB_FORCE);
  ve_printk(VE_LOG, "eth0: irq %d\n", irq);
  return IRQ_HANDLED;
}

class IrqTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // VE 101 started as vzctl starts it: its tasks in beancounter 101.
    task_struct* vzctl = *k.Fork(k.init_task(), "vzctl");
    ASSERT_TRUE(k.SetLuid(vzctl, 101).ok());
    init = *k.Fork(vzctl, "init");
    ASSERT_TRUE(k.SetSid(init).ok());
    ve = *k.CreateVe(init, 101);
    ve_ub = k.FindBeancounter(101);
    app = *k.Fork(init, "app");
  }
  uint64_t Kmem(user_beancounter* ub) {
    return UbRead(ub->ub_parms[UB_KMEMSIZE].held);
  }
  Kernel k;
  task_struct *init, *app;
  ve_struct* ve;
  user_beancounter* ve_ub;
  int count = 0;
};

TEST_F(IrqTest, InterruptInAVeTaskRunsForTheHostAndRestores) {
  auto cpu = k.BindCpu(0, app);
  ASSERT_TRUE(cpu.ok());
  ASSERT_EQ(request_irq(11, NicHandler, 0, "eth0", &count), 0);
  const uint64_t ve_kmem = Kmem(ve_ub);
  const uint64_t mark = k.HostLogBytesWritten();
  irq_enter();
  EXPECT_EQ(hardirq_count(), HARDIRQ_OFFSET);
  EXPECT_TRUE(in_interrupt());
  // The save slots are the task's own.
  EXPECT_EQ(app->ve_task_info.saved_env, ve);
  EXPECT_EQ(app->task_bc.saved_ub, ve_ub);
  EXPECT_EQ(get_exec_env(), k.ve0());
  EXPECT_EQ(__do_IRQ(11, nullptr), 1u);
  irq_exit();
  EXPECT_EQ(count, 1);
  EXPECT_EQ(preempt_count(), 0);
  EXPECT_EQ(get_exec_env(), ve);
  EXPECT_EQ(get_exec_ub(), ve_ub);
  EXPECT_EQ(Kmem(ve_ub), ve_kmem);
  EXPECT_EQ(k.HostLogSince(mark), "<4>eth0: irq 11\n");
  EXPECT_EQ(k.VeLog(ve), "");
}

TEST_F(IrqTest, NestedInterruptKeepsTheOuterSave) {
  auto cpu = k.BindCpu(0, app);
  irq_enter();
  irq_enter();  // a handler without SA_INTERRUPT was interrupted
  EXPECT_EQ(hardirq_count(), 2 * HARDIRQ_OFFSET);
  irq_exit();
  EXPECT_EQ(get_exec_env(), k.ve0());  // the inner exit restores nothing
  EXPECT_EQ(app->ve_task_info.saved_env, ve);
  irq_exit();
  EXPECT_EQ(get_exec_env(), ve);
}

TEST_F(IrqTest, NmiSwitchesLikeAnInterruptButRunsNoSoftirq) {
  auto cpu = k.BindCpu(0, app);
  static int ran;
  ran = 0;
  open_softirq(
      NET_RX_SOFTIRQ, [](softirq_action*) { ++ran; }, nullptr);
  raise_softirq(NET_RX_SOFTIRQ);  // outside an interrupt: stays pending
  EXPECT_EQ(ran, 0);
  nmi_enter();
  EXPECT_EQ(get_exec_env(), k.ve0());  // nmi_enter() is irq_enter()
  EXPECT_EQ(get_exec_ub(), k.ub0());
  nmi_exit();
  EXPECT_EQ(get_exec_env(), ve);
  EXPECT_EQ(ran, 0);  // __irq_exit() runs no softirq
  EXPECT_EQ(local_softirq_pending(), 1u << NET_RX_SOFTIRQ);
  irq_enter();
  irq_exit();  // the next interrupt's exit runs it
  EXPECT_EQ(ran, 1);
}

TEST_F(IrqTest, SoftirqsRunAfterTheRestoreAsVe0) {
  auto cpu = k.BindCpu(0, app);
  static ve_struct* seen_env;
  static user_beancounter* seen_ub;
  static int seen_count;
  open_softirq(
      TASKLET_SOFTIRQ,
      [](softirq_action*) {
        seen_env = get_exec_env();
        seen_ub = get_exec_ub();
        seen_count = preempt_count();
      },
      nullptr);
  irq_enter();
  raise_softirq(TASKLET_SOFTIRQ);
  irq_exit();
  EXPECT_EQ(seen_env, k.ve0());
  EXPECT_EQ(seen_ub, k.ub0());
  EXPECT_EQ(seen_count, static_cast<int>(SOFTIRQ_OFFSET));  // in a softirq
  EXPECT_EQ(get_exec_env(), ve);
  EXPECT_EQ(preempt_count(), 0);
}

TEST_F(IrqTest, LocalBhEnableRunsPendingSoftirqs) {
  auto cpu = k.BindCpu(0, app);
  static int ran;
  ran = 0;
  open_softirq(
      HI_SOFTIRQ, [](softirq_action*) { ++ran; }, nullptr);
  local_bh_disable();
  EXPECT_TRUE(in_interrupt());  // in_interrupt() counts softirqs too
  raise_softirq(HI_SOFTIRQ);
  irq_enter();
  irq_exit();  // in_interrupt(): deferred
  EXPECT_EQ(ran, 0);
  local_bh_enable();
  EXPECT_EQ(ran, 1);
}

TEST_F(IrqTest, ARaiseFromASoftirqRunsInTheRestartLoopAtMostTenTimes) {
  auto cpu = k.BindCpu(0, app);
  static int ran;
  ran = 0;
  open_softirq(
      HI_SOFTIRQ,
      [](softirq_action*) {
        ++ran;
        raise_softirq(HI_SOFTIRQ);  // again, forever
      },
      nullptr);
  raise_softirq(HI_SOFTIRQ);
  do_softirq();
  EXPECT_EQ(ran, 10);  // MAX_SOFTIRQ_RESTART passes, then it stays pending
  EXPECT_EQ(local_softirq_pending(), 1u << HI_SOFTIRQ);
}

TEST_F(IrqTest, TimersRunFromTheTimerSoftirqAsVe0) {
  auto cpu = k.BindCpu(0, app);
  static ve_struct* seen;
  static int runs;
  seen = nullptr;
  runs = 0;
  timer_list t{};
  init_timer(&t);
  t.function = [](unsigned long) {
    seen = get_exec_env();
    ++runs;
  };
  t.expires = jiffies + HZ;
  add_timer(&t);
  EXPECT_TRUE(timer_pending(&t));
  irq_enter();
  run_local_timers();
  irq_exit();
  EXPECT_EQ(runs, 0);  // not yet due
  k.AdvanceClock(1000LL * 1000 * 1000);
  irq_enter();
  run_local_timers();  // the timer interrupt raises TIMER_SOFTIRQ
  irq_exit();
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(seen, k.ve0());
  EXPECT_FALSE(timer_pending(&t));
  EXPECT_EQ(del_timer(&t), 0);
  add_timer(&t);
  add_timer(&t);  // already pending: a kernel BUG
  EXPECT_NE(k.HostLog().find("kernel BUG at"), std::string::npos);
  EXPECT_EQ(del_timer(&t), 1);
}

TEST_F(IrqTest, UnhandledLineAndNoCpu) {
  EXPECT_EQ(request_irq(3, NicHandler, 0, "x", nullptr), -ESRCH);
  irq_enter();  // nothing to do without a CPU
  irq_exit();
  auto cpu = k.BindCpu(0, app);
  const uint64_t mark = k.HostLogBytesWritten();
  EXPECT_EQ(__do_IRQ(5, nullptr), 1u);
  EXPECT_EQ(k.HostLogSince(mark), "<4>unexpected IRQ trap at vector 05\n");
  irq_exit();  // without irq_enter(): ignored
  EXPECT_EQ(preempt_count(), 0);
  EXPECT_EQ(get_exec_env(), ve);
}

TEST_F(IrqTest, FreeIrqRemovesOneHandler) {
  auto cpu = k.BindCpu(0, app);
  int other = 0;
  ASSERT_EQ(request_irq(11, NicHandler, SA_SHIRQ, "eth0", &count), 0);
  ASSERT_EQ(request_irq(11, NicHandler, SA_SHIRQ, "eth1", &other), 0);
  free_irq(11, &count);
  irq_enter();
  __do_IRQ(11, nullptr);
  irq_exit();
  EXPECT_EQ(count, 0);
  EXPECT_EQ(other, 1);
}

}  // namespace
}  // namespace vzsim
