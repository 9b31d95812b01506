/* arch/wrap/kernel/entry.S (parisc spelling: .export, BL) */
	.export __kernel_thread, code
	.import do_fork
__kernel_thread:
	STREG	%r2, -RP_OFFSET(%r30)
	BL	do_fork, %r2
	bv	%r0(%r2)
	nop
