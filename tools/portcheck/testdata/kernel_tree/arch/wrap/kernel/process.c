/* A parisc-style port: C kernel_thread wraps an assembly routine that
 * calls do_fork, and nothing checks (arch/parisc/kernel/process.c). */
extern pid_t __kernel_thread(int (*fn)(void *), void *arg, unsigned long flags);

pid_t kernel_thread(int (*fn)(void *), void *arg, unsigned long flags)
{
	return __kernel_thread(fn, arg, flags);
}
