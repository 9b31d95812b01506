/*
 * arch/ia64/kernel/signal.c: force_sigsegv_info(), the SIGSEGV a task gets
 * when the kernel cannot write a signal frame (rule R5). The siginfo is
 * built here, and 028stab names the sender with virt_pid(current): the
 * task's own number as its VE sees it. (The reset of a SIGSEGV handler to
 * SIG_DFL is not modelled.)
 */
#include <linux/sched.h>
#include <linux/signal.h>

long force_sigsegv_info(int sig, void *addr)
{
	struct siginfo si;

	(void)sig;
	si.si_signo = SIGSEGV;
	si.si_errno = 0;
	si.si_code = SI_KERNEL;
	si.si_pid = virt_pid(current);
	si.si_uid = 0;
	si.si_status = 0;
	si.si_addr = (unsigned long)addr;
	force_sig_info(SIGSEGV, &si, current);
	return 0;
}
