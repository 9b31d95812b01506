/*
 * include/linux/binfmts.h: struct linux_binprm, what exec hands to the
 * arch's set-up of a new image (the fields the modelled functions read).
 */
#ifndef VZSIM_INCLUDE_LINUX_BINFMTS_H
#define VZSIM_INCLUDE_LINUX_BINFMTS_H

#define MAX_ARG_PAGES 32

/* arch_setup_additional_pages()'s and setup_arg_pages()'s exstack */
#define EXSTACK_DEFAULT 0
#define EXSTACK_DISABLE_X 1
#define EXSTACK_ENABLE_X 2

struct page;

struct linux_binprm {
	struct page *page[MAX_ARG_PAGES]; /* the argument pages, or NULL */
	unsigned long p;      /* the top of the argument pages in use */
	unsigned long loader; /* where the loader's copy of p went */
	unsigned long exec;   /* where the file name went */
};

#endif /* VZSIM_INCLUDE_LINUX_BINFMTS_H */
