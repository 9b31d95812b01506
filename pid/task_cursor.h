// TaskCursor: a walk over one task list of a pid table, whichever layout
// keeps it: a contiguous run of task pointers (vzsim's flat tables,
// pid/pid_table.h) or a circular list threaded through the tasks
// themselves, as the kernel links init_task.tasks and each VE's vetask_lh
// (pid/pid_hash.h).
//
//   for (task_struct* p : pids.LeadersVe(env)) ...         // C++ code
//   for (TaskCursor c = ...; c.valid(); ++c) use(*c);      // pid/pid.h
//
// Everything is inline. On an array a step is the pointer increment and
// compare of a plain scan (the list fields stay null, so the list test is
// only met once, at the end); on a list it is one load of `next`.
//
// A cursor is a snapshot of where the walk is: the list must not change
// while it is used (the task-list lock is held).
#ifndef VZSIM_PID_TASK_CURSOR_H_
#define VZSIM_PID_TASK_CURSOR_H_

#include <cstddef>

#include "include/linux/list.h"
#include "include/linux/sched.h"

namespace vzsim {

class TaskCursor {
 public:
  struct End {};  // the sentinel of a range-for

  TaskCursor() = default;  // an empty walk

  // The tasks in [begin, end).
  static TaskCursor Array(task_struct* const* begin, task_struct* const* end) {
    TaskCursor c;
    c.cur_ = begin;
    c.end_ = end;
    return c;
  }
  // The tasks linked on `head` through the list_head at `link_offset`
  // bytes into each task_struct (offsetof(task_struct, tasks), say).
  static TaskCursor List(const list_head* head, size_t link_offset) {
    TaskCursor c;
    c.node_ = head->next;
    c.head_ = head;
    c.offset_ = link_offset;
    return c;
  }

  bool valid() const { return cur_ != end_ || node_ != head_; }
  // The task the walk is at; only while valid().
  task_struct* operator*() const {
    if (cur_ != end_) return *cur_;
    return reinterpret_cast<task_struct*>(
        reinterpret_cast<char*>(const_cast<list_head*>(node_)) - offset_);
  }
  TaskCursor& operator++() {
    if (cur_ != end_) {
      ++cur_;
    } else {
      node_ = node_->next;
    }
    return *this;
  }

  TaskCursor begin() const { return *this; }
  End end() const { return {}; }
  friend bool operator!=(const TaskCursor& c, End) { return c.valid(); }

 private:
  task_struct* const* cur_ = nullptr;
  task_struct* const* end_ = nullptr;
  const list_head* node_ = nullptr;
  const list_head* head_ = nullptr;
  size_t offset_ = 0;
};

}  // namespace vzsim

#endif  // VZSIM_PID_TASK_CURSOR_H_
