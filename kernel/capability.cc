// capable() and __capable() (kernel/capability.c): a capability is in the
// task's effective set. The kernel asks the security module, whose
// commoncap answer is exactly that test (security/commoncap.c:
// cap_capable()).
#include "include/linux/capability.h"

#include "include/linux/sched.h"
#include "kernel/cpu.h"

int __capable(struct task_struct* t, int cap) {
  if (t == nullptr || cap < 0 || cap > 31) return 0;
  return cap_raised(t->cap_effective, cap) != 0;
}

int capable(int cap) { return __capable(current, cap); }
