/*
 * include/linux/module.h: EXPORT_SYMBOL(), which makes a symbol available
 * to modules. Each export is an entry of the __ksymtab section, as in the
 * kernel; an architecture built with kernel_c_library(ksymtab = ...) puts
 * its entries in its own section (KSYMTAB_SECTION), whose bounds its glue
 * hands to the model, which loads them into the kernel's symbol table at
 * boot.
 *
 *	void show_mem(void) { ... }
 *	EXPORT_SYMBOL(show_mem);
 */
#ifndef VZSIM_INCLUDE_LINUX_MODULE_H
#define VZSIM_INCLUDE_LINUX_MODULE_H

struct kernel_symbol {
	unsigned long value;
	const char *name;
};

#ifndef KSYMTAB_SECTION
#define KSYMTAB_SECTION "__ksymtab"
#endif

/*
 * The name is taken before macro expansion: a port that renames its
 * functions at link time (arch/<arch>/kbuild.h) still exports the kernel's
 * name.
 */
#define EXPORT_SYMBOL(sym) __EXPORT_SYMBOL(sym, #sym)
#define EXPORT_SYMBOL_GPL(sym) __EXPORT_SYMBOL(sym, #sym)

#define __EXPORT_SYMBOL(sym, name)                                             \
	static const struct kernel_symbol __ksymtab_##sym __attribute__((      \
	    used, section(KSYMTAB_SECTION))) = {(unsigned long)&sym, name}

#endif /* VZSIM_INCLUDE_LINUX_MODULE_H */
