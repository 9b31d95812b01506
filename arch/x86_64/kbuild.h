/*
 * arch/x86_64/kbuild.h: read before every x86_64 source (kernel_c.bzl): the
 * port's __ksymtab section and the link names of its global functions
 * (see arch/i386/kbuild.h).
 */
#define KSYMTAB_SECTION "__ksymtab_x86_64"

#define __die x86_64___die
#define __show_regs x86_64___show_regs
#define die x86_64_die
#define do_IRQ x86_64_do_IRQ
#define do_fork_kthread x86_64_do_fork_kthread
#define do_page_fault x86_64_do_page_fault
#define dump_stack x86_64_dump_stack
#define exception_trace x86_64_exception_trace
#define ia32_setup_arg_pages x86_64_ia32_setup_arg_pages
#define page_fault_trace x86_64_page_fault_trace
#define show_mem x86_64_show_mem
#define show_registers x86_64_show_registers
#define show_trace x86_64_show_trace
#define sys32_uname x86_64_sys32_uname
#define syscall32_setup_pages x86_64_syscall32_setup_pages
