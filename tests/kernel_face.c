/*
 * Kernel-style C against the kernel face (include/), built -std=gnu89
 * without libc by kernel_c_library(). Each function does one thing the way
 * arch code does it; tests/kernel_face_test.cc runs them on a simulated CPU
 * and checks each answer against the model.
 */
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/utsname.h>
#include <linux/ve.h>
#include <linux/ve_task.h>
#include <ub/beancounter.h>
#include <ub/ub_task.h>

pid_t face_current_pid(void) { return current->pid; }

const char *face_current_comm(void) { return current->comm; }

envid_t face_owner_veid(void) { return VE_TASK_INFO(current)->owner_env->veid; }

struct ve_struct *face_exec_env(void) {
  return get_exec_env();
}

struct ve_struct *face_set_exec_env(struct ve_struct *ve) {
  return set_exec_env(ve);
}

struct user_beancounter *face_exec_ub(void) {
  return get_exec_ub();
}

/*
 * The processes the current exec env may see, by their pid in their own
 * VE: writes up to `max` of them, returns how many there are.
 */
int face_list_processes_ve(pid_t *pids, int max) {
  struct task_struct *p;
  int n = 0;

  read_lock(&tasklist_lock);
  for_each_process_ve(p) {
    if (n < max) pids[n] = virt_pid(p);
    n++;
  }
  read_unlock(&tasklist_lock);
  return n;
}

/* Every thread of the system, whatever the exec env. */
int face_count_threads_all(void) {
  struct task_struct *g, *t;
  int n = 0;

  read_lock(&tasklist_lock);
  do_each_thread_all(g, t) { n++; }
  while_each_thread_all(g, t);
  read_unlock(&tasklist_lock);
  return n;
}

/* current's children, by the list the kernel links them on. */
int face_count_children(void) {
  struct task_struct *child;
  int n = 0;

  read_lock(&tasklist_lock);
  list_for_each_entry(child, &current->children, sibling) n++;
  read_unlock(&tasklist_lock);
  return n;
}

/*
 * current's address space walked as the kernel walks it (mm->mmap, through
 * vm_next): the pages mapped; the number of VMAs in *nr_vmas. -EINVAL for
 * a task without one.
 */
long face_mm_pages(int *nr_vmas) {
  struct mm_struct *mm = current->mm;
  struct vm_area_struct *vma;
  unsigned long prev_end = 0;
  long pages = 0;
  int n = 0;

  if (mm == NULL) return -EINVAL;
  down_read(&mm->mmap_sem);
  for (vma = mm->mmap; vma != NULL; vma = vma->vm_next) {
    if (vma->vm_start < prev_end || vma->vm_mm != mm)
      pages = -EFAULT; /* out of order, or not ours */
    else if (pages >= 0)
      pages += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
    prev_end = vma->vm_end;
    n++;
  }
  up_read(&mm->mmap_sem);
  *nr_vmas = n;
  return pages;
}

int face_charge_numfile(unsigned long files) {
  return charge_beancounter(get_exec_ub(), UB_NUMFILE, files, UB_HARD);
}

void face_uncharge_numfile(unsigned long files) {
  uncharge_beancounter(get_exec_ub(), UB_NUMFILE, files);
}

const char *face_nodename(void) { return utsname()->nodename; }

const char *face_host_release(void) { return init_utsname()->release; }

unsigned long face_page_align(unsigned long addr) { return PAGE_ALIGN(addr); }
