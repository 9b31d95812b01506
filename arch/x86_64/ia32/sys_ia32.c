/*
 * arch/x86_64/ia32/sys_ia32.c: sys32_uname(), a 32-bit process's uname
 * (rule R9): 028stab reads the caller's utsname(); "i686" replaces the
 * machine under the PER_LINUX32 personality only.
 */
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/personality.h>
#include <linux/sched.h>
#include <linux/utsname.h>
#include <asm/uaccess.h>

long sys32_uname(struct old_utsname __user *name)
{
	int err;

	if (!name)
		return -EFAULT;
	err = copy_to_user(name, utsname(), sizeof(*name));
	if (personality(current->personality) == PER_LINUX32)
		err |= copy_to_user(&name->machine, "i686", 5);
	return err ? -EFAULT : 0;
}
