/*
 * arch/sparc64/kernel/sys_sunos32.c: sunos_uname(), SunOS binaries' uname
 * (rule R9): 028stab reads utsname(), the caller's own. The fields are 9
 * bytes (8 copied); the sysname reported is Linux's, not "SunOS".
 */
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/utsname.h>
#include <asm/uaccess.h>

struct sunos_utsname {
	char sname[9];
	char nname[9];
	char nnext[56];
	char rel[9];
	char ver[9];
	char mach[9];
};

#define put_user(x, ptr) __put_user(x, ptr)

asmlinkage int sunos_uname(struct sunos_utsname __user *name)
{
	int ret;

	ret = copy_to_user(&name->sname[0], &utsname()->sysname[0],
			   sizeof(name->sname) - 1);
	ret |= copy_to_user(&name->nname[0], &utsname()->nodename[0],
			    sizeof(name->nname) - 1);
	ret |= put_user('\0', &name->nname[8]);
	ret |= copy_to_user(&name->rel[0], &utsname()->release[0],
			    sizeof(name->rel) - 1);
	ret |= copy_to_user(&name->ver[0], &utsname()->version[0],
			    sizeof(name->ver) - 1);
	ret |= copy_to_user(&name->mach[0], &utsname()->machine[0],
			    sizeof(name->mach) - 1);
	return (ret ? -EFAULT : 0);
}
