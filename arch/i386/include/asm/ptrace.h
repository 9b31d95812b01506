/*
 * include/asm-i386/ptrace.h: the registers the entry code saves, in the
 * order it pushes them, and the tests on them.
 */
#ifndef VZSIM_ARCH_I386_ASM_PTRACE_H
#define VZSIM_ARCH_I386_ASM_PTRACE_H

struct pt_regs {
	long ebx;
	long ecx;
	long edx;
	long esi;
	long edi;
	long ebp;
	long eax;
	int xds;
	int xes;
	long orig_eax;
	long eip;
	int xcs;
	long eflags;
	long esp;
	int xss;
};

/* include/asm-i386/processor.h: EFLAGS bits */
#define X86_EFLAGS_PF 0x00000004
#define X86_EFLAGS_SF 0x00000080
#define X86_EFLAGS_IF 0x00000200
#define VM_MASK 0x00020000 /* virtual-8086 mode */

#define user_mode(regs) (3 & (regs)->xcs)
#define user_mode_vm(regs) ((VM_MASK & (regs)->eflags) || user_mode(regs))

#endif /* VZSIM_ARCH_I386_ASM_PTRACE_H */
