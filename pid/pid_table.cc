#include "pid/pid_table.h"

#include <cerrno>

namespace vzsim {

PidTable::PidTable(int pid_max, TaskLayout layout) : global_(pid_max) {
  if (layout == TaskLayout::kKernel) hash_ = std::make_unique<PidHash>();
}

void PidTable::AttachTask(task_struct* p) {
  if (hash_ != nullptr) {
    hash_->AttachTask(p);
  } else {
    global_.Attach(p->pid, p);
  }
  global_.Get(p->pgrp);
  global_.Get(p->session);
}

void PidTable::DetachTask(task_struct* p) {
  FreeVpid(p);
  if (hash_ != nullptr) {
    hash_->DetachTask(p);
  } else {
    global_.Detach(p->pid);
  }
  global_.Put(p->pid);
  global_.Put(p->pgrp);
  global_.Put(p->session);
}

void PidTable::ChangeGroupIds(task_struct* p, pid_t pgrp, pid_t session) {
  if (hash_ != nullptr) hash_->ChangeGroupIds(p, pgrp, session);
  global_.Get(pgrp);
  global_.Get(session);
  global_.Put(p->pgrp);
  global_.Put(p->session);
  p->pgrp = pgrp;
  p->session = session;
}

task_struct* PidTable::FindMapped(pid_t vnr, envid_t veid) const {
  if (hash_ != nullptr) return hash_->FindMapped(vnr, veid);
  auto it = vpids_.find(Key(vnr, veid));
  return it == vpids_.end() ? nullptr : it->second;
}

int PidTable::MapVpid(task_struct* p, ve_struct* env, pid_t vnr) {
  if (hash_ != nullptr) {
    hash_->MapVpid(p, env->veid, vnr);
  } else if (env->sparse_vpid) {
    vpids_[Key(vnr, env->veid)] = p;
  }
  RecordOf(p)->pid_veid = env->veid;
  RecordOf(p)->pid_vnr = vnr;
  return vnr;
}

// The flat layout keeps a VE's mappings in vpids_ only once the VE is
// sparse (while it is not, the mapping is arithmetic and the task's record
// says it): when it turns sparse, the mappings made so far go into the
// hash, found by one pass over the global numbers (every mapped task has
// one). Rare (an explicit number: a restore), and it saves the hash's
// 16 to 32 bytes a task in every other VE.
void PidTable::HashMappings(const ve_struct* env) {
  for (int nr = 1; nr < global_.table_size(); ++nr) {
    task_struct* t = global_.Lookup(nr);
    if (t != nullptr && RecordOf(t)->pid_veid == env->veid) {
      vpids_[Key(RecordOf(t)->pid_vnr, env->veid)] = t;
    }
  }
}

int PidTable::AllocVpid(task_struct* p, ve_struct* env, int virt_pid) {
  // kernel/pid.c: alloc_vpid(). No mapping in ve0 or without virt_pids.
  if (env == nullptr || ve_is_super(env) || !env->virt_pids) return p->pid;
  const pid_t natural = p->pid + PidMap::kVpidDiv;
  if (!env->sparse_vpid) {
    if (virt_pid == -1) return MapVpid(p, env, natural);
    if (virt_pid == 1 || virt_pid == natural) return MapVpid(p, env, virt_pid);
    env->sparse_vpid = 1;  // an explicit number: arithmetic no longer holds
    if (hash_ == nullptr) HashMappings(env);
  }
  pid_t vnr = virt_pid == -1 ? natural : virt_pid;
  if (FindMapped(vnr, env->veid) == nullptr) return MapVpid(p, env, vnr);
  if (virt_pid > 0) return -EEXIST;
  // Taken: scan the virtual numbers for a free one, wrapping at pid_max to
  // RESERVED_PIDS + VPID_DIV; the global allocator continues below it.
  const int pid_max = global_.pid_max();
  const pid_t first = PidMap::kReservedPids + PidMap::kVpidDiv;
  for (int tries = 0; tries < pid_max; ++tries) {
    ++vnr;
    if (!IsVirtualNr(vnr)) vnr += PidMap::kVpidDiv;
    if (vnr >= pid_max) vnr = first;
    if (FindMapped(vnr, env->veid) == nullptr) return MapVpid(p, env, vnr);
  }
  return -EAGAIN;
}

void PidTable::FreeVpid(task_struct* p) {
  TaskRecord* rec = RecordOf(p);
  if (hash_ != nullptr) {
    hash_->FreeVpid(p);
    rec->pid_veid = 0;
    rec->pid_vnr = 0;
    return;
  }
  if (rec->pid_veid == 0) return;
  auto it = vpids_.find(Key(rec->pid_vnr, rec->pid_veid));
  if (it != vpids_.end() && it->second == p) vpids_.erase(it);
  rec->pid_veid = 0;
  rec->pid_vnr = 0;
}

pid_t PidTable::VpidToPid(pid_t nr, const ve_struct* env) const {
  // kernel/pid.c: __vpid_to_pid().
  if (!IsVirtualPid(nr, env) || env == nullptr || ve_is_super(env)) return -1;
  if (!env->sparse_vpid) {
    const task_struct* init = env->init_entry;
    if (nr == 1) return init == nullptr ? -1 : init->pid;
    if (init != nullptr && nr == init->pid + PidMap::kVpidDiv) return -1;
    return nr - PidMap::kVpidDiv;
  }
  const task_struct* t = FindMapped(nr, env->veid);
  return t == nullptr ? -1 : t->pid;
}

void PidTable::LinkLeader(task_struct* p) {
  if (hash_ != nullptr) return hash_->LinkLeader(p);
  TaskRecord* rec = RecordOf(p);
  rec->all_index = static_cast<uint32_t>(all_.size());
  all_.push_back(p);
  const ve_struct* env = p->ve_task_info.owner_env;
  if (ve_is_super(env)) return;  // ve0 walks the global list
  std::vector<task_struct*>& list = ve_lists_[env];
  rec->ve_index = static_cast<uint32_t>(list.size());
  list.push_back(p);
}

namespace {

// Swap-remove `p` from `list`, where it sits at `index`.
void RemoveAt(std::vector<task_struct*>& list, uint32_t index, bool ve_list) {
  TaskRecord* last = RecordOf(list.back());
  list[index] = last;
  (ve_list ? last->ve_index : last->all_index) = index;
  list.pop_back();
}

}  // namespace

void PidTable::UnlinkLeader(task_struct* p) {
  if (hash_ != nullptr) return hash_->UnlinkLeader(p);
  TaskRecord* rec = RecordOf(p);
  RemoveAt(all_, rec->all_index, false);
  const ve_struct* env = p->ve_task_info.owner_env;
  if (ve_is_super(env)) return;
  auto it = ve_lists_.find(env);
  if (it != ve_lists_.end()) RemoveAt(it->second, rec->ve_index, true);
}

void PidTable::MoveLeader(task_struct* p, ve_struct* from, ve_struct* to) {
  if (hash_ != nullptr) return hash_->MoveLeader(p, from, to);
  TaskRecord* rec = RecordOf(p);
  if (!ve_is_super(from)) {
    auto it = ve_lists_.find(from);
    if (it != ve_lists_.end()) RemoveAt(it->second, rec->ve_index, true);
  }
  if (ve_is_super(to)) return;
  std::vector<task_struct*>& list = ve_lists_[to];
  rec->ve_index = static_cast<uint32_t>(list.size());
  list.push_back(p);
}

task_struct* PidTable::NextLeader(const ve_struct* env,
                                  const task_struct* p) const {
  if (hash_ != nullptr) return hash_->NextLeader(env, p);
  const std::vector<task_struct*>* list = &all_;
  if (!ve_is_super(env)) {
    auto it = ve_lists_.find(env);
    if (it == ve_lists_.end()) return nullptr;
    list = &it->second;
  }
  const TaskRecord* rec = RecordOf(p);
  const size_t next =
      (ve_is_super(env) ? rec->all_index : rec->ve_index) + size_t{1};
  return next < list->size() ? (*list)[next] : nullptr;
}

size_t PidTable::MemoryBytes() const {
  if (hash_ != nullptr) return global_.MemoryBytes() + hash_->MemoryBytes();
  size_t bytes = global_.MemoryBytes() +
                 all_.capacity() * sizeof(task_struct*) +
                 vpids_.capacity() * (sizeof(uint64_t) + sizeof(void*));
  for (const auto& [env, list] : ve_lists_) {
    bytes += list.capacity() * sizeof(task_struct*);
  }
  return bytes;
}

}  // namespace vzsim
