/* An x86_64-style port: kernel_thread in assembly hands off to a C helper
 * that makes the check (arch/x86_64/kernel/entry.S, process.c). */
#include <linux/linkage.h>

ENTRY(kernel_thread)
	CFI_STARTPROC
	movq %rdx,%rdi		# clone flags
	call do_fork_kthread	# checks the exec env first
	ret
	CFI_ENDPROC
ENDPROC(kernel_thread)

ENTRY(child_rip)
	call *%rax
	call do_exit
END(child_rip)
