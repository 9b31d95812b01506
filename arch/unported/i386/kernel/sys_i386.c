/*
 * vanilla 2.6.18 arch/i386/kernel/sys_i386.c: sys_uname() copies
 * the one global utsname, the host's identity, whoever asks (the face
 * spells that copy init_utsname()).
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
	err = copy_to_user(name, init_utsname(), sizeof(*name));
	return err ? -EFAULT : 0;
}
