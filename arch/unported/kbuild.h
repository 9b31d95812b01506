/*
 * arch/unported/kbuild.h: read before every source of the control
 * architecture (kernel_c.bzl): its __ksymtab section, and link names of
 * its own for the vanilla functions, which share their kernel names with
 * the ports'.
 */
#define KSYMTAB_SECTION "__ksymtab_unported"

#define default_monarch_init_process unported_default_monarch_init_process
#define die unported_die
#define die_counter unported_die_counter
#define do_IRQ unported_do_IRQ
#define do_page_fault unported_do_page_fault
#define dump_stack unported_dump_stack
#define exception_trace unported_exception_trace
#define force_sigsegv_info unported_force_sigsegv_info
#define ia32_setup_arg_pages unported_ia32_setup_arg_pages
#define ia64_handle_unaligned unported_ia64_handle_unaligned
#define irq_exit unported_irq_exit
#define kernel_thread unported_kernel_thread
#define kernel_thread_helper unported_kernel_thread_helper
#define no_unaligned_warning unported_no_unaligned_warning
#define page_fault_trace unported_page_fault_trace
#define pfm_check_task_exist unported_pfm_check_task_exist
#define pfm_get_task unported_pfm_get_task
#define show_mem unported_show_mem
#define show_registers unported_show_registers
#define show_stack unported_show_stack
#define show_trace unported_show_trace
#define sys_ptrace unported_sys_ptrace
#define sys_uname unported_sys_uname
#define syscall32_setup_pages unported_syscall32_setup_pages
