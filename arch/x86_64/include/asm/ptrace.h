/*
 * include/asm-x86_64/ptrace.h: the registers the entry code saves.
 */
#ifndef VZSIM_ARCH_X86_64_ASM_PTRACE_H
#define VZSIM_ARCH_X86_64_ASM_PTRACE_H

struct pt_regs {
	unsigned long r15;
	unsigned long r14;
	unsigned long r13;
	unsigned long r12;
	unsigned long rbp;
	unsigned long rbx;
	unsigned long r11;
	unsigned long r10;
	unsigned long r9;
	unsigned long r8;
	unsigned long rax;
	unsigned long rcx;
	unsigned long rdx;
	unsigned long rsi;
	unsigned long rdi;
	unsigned long orig_rax;
	unsigned long rip;
	unsigned long cs;
	unsigned long eflags;
	unsigned long rsp;
	unsigned long ss;
};

#define user_mode(regs) (!!((regs)->cs & 3))

#endif /* VZSIM_ARCH_X86_64_ASM_PTRACE_H */
