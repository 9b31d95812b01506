// TaskLayout: how a Kernel indexes its tasks (KernelOptions::layout).
//
//   kFlat    vzsim's own tables (pid/pid_table.h): a flat array by pid,
//            contiguous leader arrays per VE. The default.
//   kKernel  028stab's own structures (pid/pid_hash.h): pid_hash and
//            vpid_hash chains of struct pid, init_task.tasks and each VE's
//            vetask_lh, task structs spread over slabs
//            (kernel/task_cache.h).
//
// Both give the same answers (the semantic tests run on both); they differ
// in speed and in the order a walk visits a VE's tasks after one has left.
#ifndef VZSIM_PID_TASK_LAYOUT_H_
#define VZSIM_PID_TASK_LAYOUT_H_

#include <string_view>

namespace vzsim {

enum class TaskLayout { kFlat, kKernel };

// "flat" / "kernel".
const char* TaskLayoutName(TaskLayout layout);
// Parses "flat" or "kernel"; false for anything else.
bool ParseTaskLayout(std::string_view name, TaskLayout* out);
// The layout a Kernel gets when its options do not choose:
// VZSIM_TASK_LAYOUT=kernel|flat in the environment (read once; how the
// test suite runs every semantic test on both), else kFlat.
TaskLayout DefaultTaskLayout();
// Makes `layout` the default for every Kernel built from now on without a
// layout of its own (the tool's --layout flag).
void SetDefaultTaskLayout(TaskLayout layout);

}  // namespace vzsim

#endif  // VZSIM_PID_TASK_LAYOUT_H_
