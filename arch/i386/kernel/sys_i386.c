/*
 * arch/i386/kernel/sys_i386.c: the two old uname(2) calls (rule R9). 028stab
 * changed each copy of the one global utsname to utsname(), the caller's
 * namespace; the oops banner keeps the host's init_utsname() (kernel/traps.c).
 *
 * The model takes no uts_sem: its utsname() copies change only between
 * checks.
 */
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/utsname.h>
#include <asm/uaccess.h>

/*
 * Old cruft
 */
asmlinkage int sys_uname(struct old_utsname __user *name)
{
	int err;

	if (!name)
		return -EFAULT;
	err = copy_to_user(name, utsname(), sizeof(*name));
	return err ? -EFAULT : 0;
}

asmlinkage int sys_olduname(struct oldold_utsname __user *name)
{
	int error;

	if (!name)
		return -EFAULT;
	if (!access_ok(VERIFY_WRITE, name, sizeof(struct oldold_utsname)))
		return -EFAULT;

	error =
	    __copy_to_user(&name->sysname, &utsname()->sysname, __OLD_UTS_LEN);
	error |= __put_user(0, name->sysname + __OLD_UTS_LEN);
	error |= __copy_to_user(&name->nodename, &utsname()->nodename,
				__OLD_UTS_LEN);
	error |= __put_user(0, name->nodename + __OLD_UTS_LEN);
	error |=
	    __copy_to_user(&name->release, &utsname()->release, __OLD_UTS_LEN);
	error |= __put_user(0, name->release + __OLD_UTS_LEN);
	error |=
	    __copy_to_user(&name->version, &utsname()->version, __OLD_UTS_LEN);
	error |= __put_user(0, name->version + __OLD_UTS_LEN);
	error |=
	    __copy_to_user(&name->machine, &utsname()->machine, __OLD_UTS_LEN);
	error |= __put_user(0, name->machine + __OLD_UTS_LEN);

	return error ? -EFAULT : 0;
}
