// Intrusive doubly linked lists in the shape of the kernel's <linux/list.h>.
//
// The task graph (children, siblings, the threads of a group) is linked the
// way the kernel links it, so that code in arch/ reads like kernel code:
//
//   struct task_struct* child;
//   list_for_each_entry(child, &parent->children, sibling) { ... }
//
// Thread safety: none of its own; callers hold the lock that guards the list.
#ifndef VZSIM_KERNEL_LIST_H_
#define VZSIM_KERNEL_LIST_H_

#include <cstddef>
#include <type_traits>

struct list_head {
  list_head* next;
  list_head* prev;
};

// INIT_LIST_HEAD(): an empty list points at itself.
inline void INIT_LIST_HEAD(list_head* list) {
  list->next = list;
  list->prev = list;
}

inline bool list_empty(const list_head* head) { return head->next == head; }

inline void list_add_between(list_head* item, list_head* prev,
                             list_head* next) {
  next->prev = item;
  item->next = next;
  item->prev = prev;
  prev->next = item;
}

// list_add_tail(): insertion order is iteration order, which keeps every walk
// over children and threads deterministic.
inline void list_add_tail(list_head* item, list_head* head) {
  list_add_between(item, head->prev, head);
}

// list_del_init(): unlink and leave the entry as an empty list, so a second
// deletion is harmless.
inline void list_del_init(list_head* entry) {
  entry->next->prev = entry->prev;
  entry->prev->next = entry->next;
  INIT_LIST_HEAD(entry);
}

#define list_entry(ptr, type, member) \
  reinterpret_cast<type*>(reinterpret_cast<char*>(ptr) - offsetof(type, member))

#define list_first_entry(head, type, member) \
  list_entry((head)->next, type, member)

// Iterates over the entries of a list; the body must not unlink `pos`.
#define list_for_each_entry(pos, head, member)                                \
  for ((pos) = list_entry((head)->next, std::remove_pointer_t<decltype(pos)>, \
                          member);                                            \
       &(pos)->member != (head);                                              \
       (pos) = list_entry((pos)->member.next,                                 \
                          std::remove_pointer_t<decltype(pos)>, member))

// As above, but the body may unlink `pos`: `n` holds the next entry.
#define list_for_each_entry_safe(pos, n, head, member)                        \
  for ((pos) = list_entry((head)->next, std::remove_pointer_t<decltype(pos)>, \
                          member),                                            \
      (n) = list_entry((pos)->member.next,                                    \
                       std::remove_pointer_t<decltype(pos)>, member);         \
       &(pos)->member != (head); (pos) = (n),                                 \
      (n) = list_entry((n)->member.next, std::remove_pointer_t<decltype(n)>,  \
                       member))

#endif  // VZSIM_KERNEL_LIST_H_
