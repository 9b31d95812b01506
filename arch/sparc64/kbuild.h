/*
 * arch/sparc64/kbuild.h: read before every sparc64 source (kernel_c.bzl):
 * the port's __ksymtab section and the link names of its global functions
 * (see arch/i386/kbuild.h).
 */
#define KSYMTAB_SECTION "__ksymtab_sparc64"

#define __show_regs sparc64___show_regs
#define die_if_kernel sparc64_die_if_kernel
#define dump_stack sparc64_dump_stack
#define handler_irq sparc64_handler_irq
#define irq_work_list sparc64_irq_work_list
#define ivector_table sparc64_ivector_table
#define kernel_thread sparc64_kernel_thread
#define mem_map_zero sparc64_mem_map_zero
#define show_mem sparc64_show_mem
#define sunos_uname sparc64_sunos_uname
#define sys_getdomainname sparc64_sys_getdomainname
