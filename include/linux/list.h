/*
 * include/linux/list.h: circular doubly linked lists threaded through the
 * structures they link, as the kernel links the task graph:
 *
 *	struct task_struct *child;
 *	list_for_each_entry(child, &parent->children, sibling)
 *		...
 *
 * No locking of its own: callers hold the lock that guards the list.
 */
#ifndef VZSIM_INCLUDE_LINUX_LIST_H
#define VZSIM_INCLUDE_LINUX_LIST_H

#include "kernel.h"
#include "stddef.h"

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name)                                                   \
	{                                                                      \
		&(name), &(name)                                               \
	}

#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

/* An empty list is a head that points at itself both ways. */
static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list;
	list->prev = list;
}

/* Links `entry` in between two neighbours known to be adjacent. */
static inline void __list_add(struct list_head *entry, struct list_head *prev,
			      struct list_head *next)
{
	next->prev = entry;
	entry->next = next;
	entry->prev = prev;
	prev->next = entry;
}

/* list_add(): right after the head (stack order). */
static inline void list_add(struct list_head *entry, struct list_head *head)
{
	__list_add(entry, head, head->next);
}

/* list_add_tail(): right before the head (queue order). */
static inline void list_add_tail(struct list_head *entry,
				 struct list_head *head)
{
	__list_add(entry, head->prev, head);
}

/* Joins the two neighbours of an entry being removed. */
static inline void __list_del(struct list_head *prev, struct list_head *next)
{
	next->prev = prev;
	prev->next = next;
}

/*
 * list_del(): unlinks `entry`. The kernel poisons the entry's pointers;
 * here they become NULL, so that a use after removal faults at once.
 */
static inline void list_del(struct list_head *entry)
{
	__list_del(entry->prev, entry->next);
	entry->next = NULL;
	entry->prev = NULL;
}

/* list_del_init(): unlinks `entry` and leaves it an empty list. */
static inline void list_del_init(struct list_head *entry)
{
	__list_del(entry->prev, entry->next);
	INIT_LIST_HEAD(entry);
}

static inline int list_empty(const struct list_head *head)
{
	return head->next == head;
}

/* list_entry(): the structure an entry is embedded in. */
#define list_entry(ptr, type, member) container_of(ptr, type, member)

#define list_first_entry(ptr, type, member)                                    \
	list_entry((ptr)->next, type, member)

/* Visits each entry; the body must not unlink `pos`. */
#define list_for_each_entry(pos, head, member)                                 \
	for (pos = list_entry((head)->next, __typeof__(*pos), member);         \
	     &pos->member != (head);                                           \
	     pos = list_entry(pos->member.next, __typeof__(*pos), member))

/* As list_for_each_entry(), but the body may unlink `pos`. */
#define list_for_each_entry_safe(pos, n, head, member)                         \
	for (pos = list_entry((head)->next, __typeof__(*pos), member),         \
	    n = list_entry(pos->member.next, __typeof__(*pos), member);        \
	     &pos->member != (head);                                           \
	     pos = n, n = list_entry(n->member.next, __typeof__(*n), member))

/*
 * Hash-chain lists (hlist): a head of one pointer, nodes that point back at
 * the pointer that points at them, so that a node unlinks itself in O(1)
 * without knowing its head. The pid hashes chain struct pids this way.
 */
struct hlist_head {
	struct hlist_node *first;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

static inline void INIT_HLIST_HEAD(struct hlist_head *head)
{
	head->first = NULL;
}

static inline void INIT_HLIST_NODE(struct hlist_node *node)
{
	node->next = NULL;
	node->pprev = NULL;
}

static inline int hlist_empty(const struct hlist_head *head)
{
	return head->first == NULL;
}

/* hlist_add_head(): `node` becomes the first of the chain. */
static inline void hlist_add_head(struct hlist_node *node,
				  struct hlist_head *head)
{
	struct hlist_node *first = head->first;

	node->next = first;
	if (first != NULL)
		first->pprev = &node->next;
	head->first = node;
	node->pprev = &head->first;
}

/* hlist_del(): unlinks `node`, whose pointers become NULL. */
static inline void hlist_del(struct hlist_node *node)
{
	struct hlist_node *next = node->next;

	*node->pprev = next;
	if (next != NULL)
		next->pprev = node->pprev;
	node->next = NULL;
	node->pprev = NULL;
}

#define hlist_entry(ptr, type, member) container_of(ptr, type, member)

#endif /* VZSIM_INCLUDE_LINUX_LIST_H */
