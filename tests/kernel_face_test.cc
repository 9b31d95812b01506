// The kernel face from C: tests/kernel_face.c, compiled as kernel C
// (-std=gnu89, no libc) against include/, run on a simulated CPU of a
// vzsim::Kernel, each answer checked against the model's C++ face.
#include <cerrno>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "include/linux/sched.h"
#include "include/linux/utsname.h"
#include "include/ub/beancounter.h"
#include "kernel/kernel.h"
#include "kernel/mmap.h"
#include "pid/pid.h"
#include "ubc/beancounter.h"

extern "C" {
pid_t face_current_pid(void);
const char* face_current_comm(void);
envid_t face_owner_veid(void);
ve_struct* face_exec_env(void);
ve_struct* face_set_exec_env(ve_struct* ve);
user_beancounter* face_exec_ub(void);
int face_list_processes_ve(pid_t* pids, int max);
int face_count_threads_all(void);
int face_count_children(void);
long face_mm_pages(int* nr_vmas);
int face_charge_numfile(unsigned long files);
void face_uncharge_numfile(unsigned long files);
const char* face_nodename(void);
const char* face_host_release(void);
unsigned long face_page_align(unsigned long addr);
}

namespace vzsim {
namespace {

// VE 101 with its init (vzctl, 2 threads) and a shell; a host daemon.
class KernelFaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    daemon_ = *k_.Fork(k_.init_task(), "daemon");
    vzctl_ = *k_.Fork(k_.init_task(), "vzctl");
    ve_ = *k_.CreateVe(vzctl_, 101);
    sh_ = *k_.Fork(vzctl_, "sh");
    ASSERT_TRUE(k_.Fork(vzctl_, "vzctl", CLONE_THREAD).ok());
  }

  // The virtual pids the C++ face's walk sees from the bound CPU.
  std::vector<pid_t> CxxWalkVe() {
    std::vector<pid_t> pids;
    TasklistReadGuard guard;
    task_struct* p;
    for_each_process_ve(p) pids.push_back(virt_pid(p));
    return pids;
  }

  std::vector<pid_t> CWalkVe() {
    std::vector<pid_t> pids(64);
    pids.resize(face_list_processes_ve(pids.data(), 64));
    return pids;
  }

  Kernel k_;
  task_struct* daemon_ = nullptr;
  task_struct* vzctl_ = nullptr;
  ve_struct* ve_ = nullptr;
  task_struct* sh_ = nullptr;
};

TEST_F(KernelFaceTest, CurrentAndItsVe) {
  auto cpu = k_.BindCpu(0, vzctl_);
  ASSERT_TRUE(cpu.ok());
  EXPECT_EQ(face_current_pid(), vzctl_->pid);
  EXPECT_EQ(std::string(face_current_comm()), "vzctl");
  EXPECT_EQ(face_owner_veid(), 101u);
  EXPECT_EQ(face_exec_env(), ve_);
  // VE 101 was made without a setluid: its tasks stay in ub0.
  EXPECT_EQ(face_exec_ub(), vzctl_->task_bc.exec_ub);
  EXPECT_EQ(face_exec_ub(), k_.ub0());
  EXPECT_EQ(face_count_children(), 1);  // sh; the thread is no child
}

TEST_F(KernelFaceTest, SetExecEnvSwitchesAndReturnsTheOldOne) {
  auto cpu = k_.BindCpu(0, vzctl_);
  ASSERT_TRUE(cpu.ok());
  EXPECT_EQ(face_set_exec_env(k_.ve0()), ve_);
  EXPECT_EQ(face_exec_env(), k_.ve0());
  EXPECT_EQ(vzctl_->ve_task_info.exec_env, k_.ve0());
  EXPECT_EQ(vzctl_->ve_task_info.owner_env, ve_);  // the owner stays
  EXPECT_EQ(face_set_exec_env(nullptr), nullptr);  // NULL changes nothing
  EXPECT_EQ(face_set_exec_env(ve_), k_.ve0());
  EXPECT_EQ(face_exec_env(), ve_);
}

TEST_F(KernelFaceTest, WalksSeeWhatTheCxxWalksSee) {
  auto cpu = k_.BindCpu(0, vzctl_);
  ASSERT_TRUE(cpu.ok());
  // VE 101's init (1) and sh (its global pid + 1024).
  EXPECT_EQ(CWalkVe(), (std::vector<pid_t>{1, sh_->pid + 1024}));
  EXPECT_EQ(CWalkVe(), CxxWalkVe());
  // From the host's exec env, every process of the system.
  face_set_exec_env(k_.ve0());
  const std::vector<pid_t> all = CWalkVe();
  EXPECT_EQ(all.size(), 4u);  // host init, daemon, vzctl, sh
  EXPECT_EQ(all, CxxWalkVe());
  face_set_exec_env(ve_);
  EXPECT_EQ(face_count_threads_all(), static_cast<int>(k_.nr_tasks()));
  EXPECT_EQ(face_count_threads_all(), 5);
}

TEST_F(KernelFaceTest, AddressSpaceListMatchesTheModel) {
  ASSERT_TRUE(k_.Mmap(sh_, 0, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS)
                  .ok());
  const unsigned long brk = *k_.Brk(sh_, TASK_START_BRK + 2 * PAGE_SIZE);
  ASSERT_EQ(brk, TASK_START_BRK + 2 * PAGE_SIZE);
  auto cpu = k_.BindCpu(0, sh_);
  ASSERT_TRUE(cpu.ok());
  int nr_vmas = 0;
  const long pages = face_mm_pages(&nr_vmas);
  EXPECT_EQ(nr_vmas, 3);  // stack, the mapping, the heap
  EXPECT_EQ(nr_vmas, sh_->mm->map_count);
  EXPECT_EQ(pages, static_cast<long>(sh_->mm->total_vm));
  EXPECT_EQ(pages, 1 + 3 + 2);
  ASSERT_TRUE(cpu->SwitchTo(daemon_).ok());  // never mapped anything
  EXPECT_EQ(daemon_->mm, nullptr);
  EXPECT_EQ(face_mm_pages(&nr_vmas), -EINVAL);
}

TEST_F(KernelFaceTest, ChargesFromCReachTheExecBeancounter) {
  auto cpu = k_.BindCpu(0, sh_);
  ASSERT_TRUE(cpu.ok());
  user_beancounter* ub = sh_->task_bc.exec_ub;
  const unsigned long before = UbRead(ub->ub_parms[UB_NUMFILE].held);
  EXPECT_EQ(face_charge_numfile(5), 0);
  EXPECT_EQ(UbRead(ub->ub_parms[UB_NUMFILE].held), before + 5);
  face_uncharge_numfile(5);
  EXPECT_EQ(UbRead(ub->ub_parms[UB_NUMFILE].held), before);
}

// utsname() follows the task (current->nsproxy), not the exec env.
TEST_F(KernelFaceTest, UtsnameIsTheTasksNamespace) {
  ASSERT_TRUE(k_.SetHostname(ve_, "ct101").ok());
  auto cpu = k_.BindCpu(0, sh_);
  ASSERT_TRUE(cpu.ok());
  EXPECT_EQ(std::string(face_nodename()), "ct101");
  EXPECT_EQ(std::string(face_host_release()), init_utsname()->release);
  face_set_exec_env(k_.ve0());
  EXPECT_EQ(std::string(face_nodename()), "ct101");
  EXPECT_NE(std::string(face_nodename()), k_.Uname(k_.ve0())->nodename);
}

TEST_F(KernelFaceTest, WithoutACpuThereIsNoCurrent) {
  EXPECT_EQ(face_exec_env(), nullptr);
  EXPECT_EQ(face_exec_ub(), nullptr);
  EXPECT_EQ(face_set_exec_env(ve_), nullptr);
}

TEST(KernelFaceConstantsTest, PageAlignRoundsUp) {
  EXPECT_EQ(face_page_align(0), 0u);
  EXPECT_EQ(face_page_align(1), PAGE_SIZE);
  EXPECT_EQ(face_page_align(PAGE_SIZE), PAGE_SIZE);
  EXPECT_EQ(face_page_align(PAGE_SIZE + 1), 2 * PAGE_SIZE);
}

}  // namespace
}  // namespace vzsim
