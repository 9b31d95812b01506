/*
 * include/linux/kallsyms.h: print_symbol(fmt, addr) prints `fmt` with its
 * %s replaced by the symbol at `addr`. The simulation has no kernel symbol
 * table: the model prints the address as 0x%lx instead.
 */
#ifndef VZSIM_INCLUDE_LINUX_KALLSYMS_H
#define VZSIM_INCLUDE_LINUX_KALLSYMS_H

#ifdef __cplusplus
extern "C" {
#endif

void __print_symbol(const char *fmt, unsigned long address);

#ifdef __cplusplus
}
#endif

#define print_symbol(fmt, addr) __print_symbol(fmt, addr)

#endif /* VZSIM_INCLUDE_LINUX_KALLSYMS_H */
