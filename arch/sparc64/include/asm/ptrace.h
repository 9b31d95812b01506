/*
 * include/asm-sparc64/ptrace.h and pstate.h: the registers a trap saves
 * (the globals and the current window's ins), and the test for a trap
 * taken in the kernel (TSTATE_PRIV).
 */
#ifndef VZSIM_ARCH_SPARC64_ASM_PTRACE_H
#define VZSIM_ARCH_SPARC64_ASM_PTRACE_H

struct pt_regs {
	unsigned long u_regs[16]; /* globals and ins */
	unsigned long tstate;
	unsigned long tpc;
	unsigned long tnpc;
	unsigned int y;
	unsigned int fprs;
};

#define UREG_G0 0
#define UREG_G1 1
#define UREG_G2 2
#define UREG_G3 3
#define UREG_G4 4
#define UREG_G5 5
#define UREG_G6 6
#define UREG_G7 7
#define UREG_I0 8
#define UREG_I1 9
#define UREG_I2 10
#define UREG_I3 11
#define UREG_I4 12
#define UREG_I5 13
#define UREG_I6 14
#define UREG_I7 15
#define UREG_FP UREG_I6
#define UREG_RETPC UREG_I7

#define TSTATE_PRIV 0x0000000000000400UL

#define user_mode(regs) (!((regs)->tstate & TSTATE_PRIV))

#endif /* VZSIM_ARCH_SPARC64_ASM_PTRACE_H */
