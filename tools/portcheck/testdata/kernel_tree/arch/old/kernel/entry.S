| An a.out-era port: C symbols carry a leading underscore and the
| routine traps straight into clone (arch/m68knommu, h8300 style).
	.globl	SYMBOL_NAME(_kernel_thread)
SYMBOL_NAME_LABEL(_kernel_thread)
	movel	%d2,%sp@-
	movel	#__NR_clone,%d0
	trap	#0
	rts
