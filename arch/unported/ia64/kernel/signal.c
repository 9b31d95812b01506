/*
 * vanilla 2.6.18 arch/ia64/kernel/signal.c: force_sigsegv_info() names the
 * sender with current->pid, the global number.
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
	si.si_pid = current->pid;
	si.si_uid = 0;
	si.si_status = 0;
	si.si_addr = (unsigned long)addr;
	force_sig_info(SIGSEGV, &si, current);
	return 0;
}
