/*
 * arch/ia64/kbuild.h: read before every ia64 source (kernel_c.bzl): the
 * port's __ksymtab section and the link names of its global functions
 * (see arch/i386/kbuild.h).
 */
#define KSYMTAB_SECTION "__ksymtab_ia64"

#define default_monarch_init_process ia64_default_monarch_init_process
#define die ia64_die
#define dump_stack ia64_dump_stack
#define force_sigsegv_info ia64_force_sigsegv_info
#define ia64_handle_irq ia64_ia64_handle_irq
#define ia64_handle_unaligned ia64_ia64_handle_unaligned
#define ia64_init_addr_space ia64_ia64_init_addr_space
#define ia64_set_rbs_bot ia64_ia64_set_rbs_bot
#define no_unaligned_warning ia64_no_unaligned_warning
#define kernel_thread ia64_kernel_thread
#define pfm_check_task_exist ia64_pfm_check_task_exist
#define pfm_get_task ia64_pfm_get_task
#define show_mem ia64_show_mem
#define show_regs ia64_show_regs
#define show_stack ia64_show_stack
#define sn_topology_show ia64_sn_topology_show
#define start_kernel_thread ia64_start_kernel_thread
#define sys_ptrace ia64_sys_ptrace
