/*
 * arch/ia64/kernel/unaligned.c: the report of an unaligned access the
 * kernel fixes up (rule R2). 028stab left it a host printk with the global
 * pid, and only widened within_logging_rate_limit()'s window from 5 s to
 * 60 s: at most 5 reports a minute reach the host log, under
 * printk_ratelimit()'s budget. The copy sent to the task's terminal
 * (tty_write_message()) and the emulation of the access are not modelled.
 */
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <asm/ptrace.h>

static int noprint_warning;
/* kernel.ignore-unaligned-usertrap */
int no_unaligned_warning;

/*
 * At most 5 reports, then silence until a minute after the last one.
 */
static int within_logging_rate_limit(void)
{
	static unsigned long count, last_time;

	if (jiffies - last_time > 60 * HZ)
		count = 0;
	if (count < 5) {
		last_time = jiffies;
		count++;
		return 1;
	}
	return 0;
}

void ia64_handle_unaligned(unsigned long ifa, struct pt_regs *regs)
{
	struct ia64_psr *ipsr = ia64_psr(regs);

	if (user_mode(regs)) {
		if ((current->thread.flags & IA64_THREAD_UAC_SIGBUS) != 0)
			return; /* force_sigbus: not modelled */

		if (!no_unaligned_warning &&
		    !(current->thread.flags & IA64_THREAD_UAC_NOPRINT) &&
		    within_logging_rate_limit()) {
			char buf[200]; /* comm is 16 bytes at most */
			size_t len;

			len = sprintf(buf,
				      "%s(%d): unaligned access to 0x%016lx, "
				      "ip=0x%016lx\n\r",
				      current->comm, current->pid, ifa,
				      regs->cr_iip + ipsr->ri);
			buf[len - 1] = '\0'; /* drop '\r' */
			/* comm is printed as data, never used as a format */
			printk(KERN_WARNING "%s", buf);
		} else {
			if (no_unaligned_warning && !noprint_warning) {
				noprint_warning = 1;
				printk(KERN_WARNING
				       "%s(%d) encountered an "
				       "unaligned exception which required\n"
				       "kernel assistance, which degrades "
				       "the performance of the application.\n"
				       "Unaligned exception warnings have "
				       "been disabled by the system "
				       "administrator\n"
				       "echo 0 > /proc/sys/kernel/ignore-"
				       "unaligned-usertrap to re-enable\n",
				       current->comm, current->pid);
			}
		}
	} else {
		if (within_logging_rate_limit())
			printk(KERN_WARNING
			       "kernel unaligned access to 0x%016lx, "
			       "ip=0x%016lx\n",
			       ifa, regs->cr_iip + ipsr->ri);
	}
}
