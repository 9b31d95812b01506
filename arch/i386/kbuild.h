/*
 * arch/i386/kbuild.h: read before every i386 source (kernel_c.bzl). The
 * port's exports go to its own __ksymtab section, and its global functions
 * get link names of their own: the source says die(), the program holds
 * i386_die, next to the other ports' die().
 */
#define KSYMTAB_SECTION "__ksymtab_i386"

#define arch_setup_additional_pages i386_arch_setup_additional_pages
#define die i386_die
#define die_counter i386_die_counter
#define do_IRQ i386_do_IRQ
#define dump_stack i386_dump_stack
#define kernel_thread i386_kernel_thread
#define kernel_thread_helper i386_kernel_thread_helper
#define show_mem i386_show_mem
#define show_registers i386_show_registers
#define show_trace i386_show_trace
#define sys_olduname i386_sys_olduname
#define sys_uname i386_sys_uname
