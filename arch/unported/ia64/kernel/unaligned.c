/*
 * vanilla 2.6.18 arch/ia64/kernel/unaligned.c: the unaligned-access report,
 * a host printk limited to 5 per 5 s window (028stab widened it to 60 s).
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
 * At most 5 reports, then silence until 5 s after the last one.
 */
static int within_logging_rate_limit(void)
{
	static unsigned long count, last_time;

	if (jiffies - last_time > 5 * HZ)
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
