#include "pid/pid_hash.h"

#include <algorithm>

namespace vzsim {

namespace {

constexpr size_t kPidChunk = 1024;

int Fls(uint64_t x) {  // fls(): 1-based index of the highest set bit
  int bits = 0;
  while (x != 0) {
    ++bits;
    x >>= 1;
  }
  return bits;
}

// A VE's list head is zero in a fresh ve_struct: make it an empty list on
// first use (kernel/ve/vecalls.c: do_env_create() does INIT_LIST_HEAD).
list_head* VeList(ve_struct* env) {
  if (env->vetask_lh.next == nullptr) INIT_LIST_HEAD(&env->vetask_lh);
  return &env->vetask_lh;
}

}  // namespace

int PidHash::HashShift(uint64_t megabytes) {
  return std::min(12, std::max(4, Fls(megabytes * 4)));
}

PidHash::PidHash(uint64_t memory_mb)
    : shift_(HashShift(memory_mb)),
      pid_hash_(size_t{1} << shift_, hlist_head{nullptr}),
      vpid_hash_(size_t{1} << shift_, hlist_head{nullptr}),
      next_in_chunk_(kPidChunk) {
  INIT_LIST_HEAD(&all_head_);
}

PidHash::~PidHash() = default;

unsigned PidHash::VpidBucket(int vnr, envid_t veid) const {
  // kernel/pid.c: vpid_hashfn(): hash_long(vnr + (veid << 16)), in int
  // arithmetic, sign-extended to a long.
  const int32_t key = static_cast<int32_t>(static_cast<uint32_t>(vnr) +
                                           (static_cast<uint32_t>(veid) << 16));
  return HashLong(static_cast<uint64_t>(static_cast<int64_t>(key)), shift_);
}

task_struct* PidHash::FindMapped(pid_t vnr, envid_t veid) const {
  for (const hlist_node* n = vpid_hash_[VpidBucket(vnr, veid)].first;
       n != nullptr; n = n->next) {
    const struct pid* pid = hlist_entry(n, struct pid, vpid_chain);
    if (pid->vnr == vnr && pid->veid == static_cast<int>(veid)) {
      return FirstTask(pid, PIDTYPE_PID);
    }
  }
  return nullptr;
}

struct pid* PidHash::NewStructPid() {
  if (!free_pids_.empty()) {
    struct pid* pid = free_pids_.back();
    free_pids_.pop_back();
    return pid;
  }
  if (next_in_chunk_ == kPidChunk) {
    pid_chunks_.push_back(std::make_unique<struct pid[]>(kPidChunk));
    next_in_chunk_ = 0;
  }
  return &pid_chunks_.back()[next_in_chunk_++];
}

struct pid* PidHash::StructPidOf(int nr) {
  struct pid* pid = FindStructPid(nr);
  if (pid != nullptr) return pid;
  // kernel/pid.c: alloc_pid(): one count, empty chains, vnr = nr, no VE.
  pid = NewStructPid();
  *pid = {};
  atomic_set(&pid->count, 1);
  pid->nr = pid->vnr = nr;
  hlist_add_head(&pid->pid_chain, &pid_hash_[PidBucket(nr)]);
  ++nr_pids_;
  return pid;
}

void PidHash::FreeIfUnused(struct pid* pid) {
  for (const hlist_head& chain : pid->tasks) {
    if (!hlist_empty(&chain)) return;
  }
  // free_pid(): off both hashes, back to the slab.
  hlist_del(&pid->pid_chain);
  if (pid->veid != 0) hlist_del(&pid->vpid_chain);
  *pid = {};
  free_pids_.push_back(pid);
  --nr_pids_;
}

void PidHash::Attach(task_struct* p, pid_type type, int nr) {
  pid_link* link = &p->pids[type];
  link->pid = StructPidOf(nr);
  hlist_add_head(&link->node, &link->pid->tasks[type]);
}

void PidHash::Detach(task_struct* p, pid_type type) {
  pid_link* link = &p->pids[type];
  struct pid* pid = link->pid;
  if (pid == nullptr) return;
  hlist_del(&link->node);
  link->pid = nullptr;
  FreeIfUnused(pid);
}

void PidHash::AttachTask(task_struct* p) {
  Attach(p, PIDTYPE_PID, p->pid);
  Attach(p, PIDTYPE_PGID, p->pgrp);
  Attach(p, PIDTYPE_SID, p->session);
}

void PidHash::DetachTask(task_struct* p) {
  FreeVpid(p);
  Detach(p, PIDTYPE_PGID);
  Detach(p, PIDTYPE_SID);
  Detach(p, PIDTYPE_PID);
}

void PidHash::ChangeGroupIds(task_struct* p, pid_t pgrp, pid_t session) {
  // Unlink from the old ones, link to the new, and only then free what is
  // unused: a struct pid the task leaves and joins again must survive.
  struct pid* old[2] = {p->pids[PIDTYPE_PGID].pid, p->pids[PIDTYPE_SID].pid};
  for (pid_type type : {PIDTYPE_PGID, PIDTYPE_SID}) {
    if (p->pids[type].pid == nullptr) continue;
    hlist_del(&p->pids[type].node);
    p->pids[type].pid = nullptr;
  }
  Attach(p, PIDTYPE_PGID, pgrp);
  Attach(p, PIDTYPE_SID, session);
  if (old[0] != nullptr) FreeIfUnused(old[0]);
  if (old[1] != nullptr && old[1] != old[0]) FreeIfUnused(old[1]);
}

void PidHash::MapVpid(task_struct* p, envid_t veid, pid_t vnr) {
  struct pid* pid = p->pids[PIDTYPE_PID].pid;
  if (pid == nullptr) pid = StructPidOf(p->pid);  // fork: not attached yet
  if (pid->veid != 0) hlist_del(&pid->vpid_chain);
  pid->veid = static_cast<int>(veid);
  pid->vnr = vnr;
  hlist_add_head(&pid->vpid_chain, &vpid_hash_[VpidBucket(vnr, veid)]);
}

void PidHash::FreeVpid(task_struct* p) {
  struct pid* pid = p->pids[PIDTYPE_PID].pid;
  if (pid == nullptr) {
    // A fork that failed before attach_pid(): its struct pid, if alloc_vpid()
    // made one, goes with the mapping.
    pid = FindStructPid(p->pid);
    if (pid == nullptr) return;
    if (pid->veid != 0) hlist_del(&pid->vpid_chain);
    pid->veid = 0;
    pid->vnr = pid->nr;
    FreeIfUnused(pid);
    return;
  }
  if (pid->veid == 0) return;
  hlist_del(&pid->vpid_chain);
  pid->veid = 0;
  pid->vnr = pid->nr;
}

void PidHash::LinkLeader(task_struct* p) {
  // kernel/fork.c: copy_process(): the leader goes at the tail of
  // init_task.tasks and of its owner VE's vetask_lh.
  list_add_tail(&p->tasks, &all_head_);
  list_add_tail(&p->ve_task_info.vetask_list,
                VeList(p->ve_task_info.owner_env));
}

void PidHash::UnlinkLeader(task_struct* p) {
  // kernel/exit.c: __unhash_process().
  list_del(&p->tasks);
  list_del(&p->ve_task_info.vetask_list);
}

void PidHash::MoveLeader(task_struct* p, ve_struct* from, ve_struct* to) {
  // kernel/ve/vecalls.c: ve_move_task(): off the old VE's list, onto the
  // tail of the new one's; init_task.tasks is not touched.
  (void)from;
  list_del(&p->ve_task_info.vetask_list);
  list_add_tail(&p->ve_task_info.vetask_list, VeList(to));
}

task_struct* PidHash::NextLeader(const ve_struct* env,
                                 const task_struct* p) const {
  if (env == nullptr) return nullptr;
  if (ve_is_super(env)) {
    const list_head* next = p->tasks.next;
    return next == &all_head_ ? nullptr : list_entry(next, task_struct, tasks);
  }
  const list_head* next = p->ve_task_info.vetask_list.next;
  return next == &env->vetask_lh
             ? nullptr
             : list_entry(next, task_struct, ve_task_info.vetask_list);
}

size_t PidHash::MemoryBytes() const {
  return (pid_hash_.size() + vpid_hash_.size()) * sizeof(hlist_head) +
         pid_chunks_.size() * kPidChunk * sizeof(struct pid);
}

}  // namespace vzsim
