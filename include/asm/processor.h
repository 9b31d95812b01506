/*
 * include/asm/processor.h: struct thread_struct, the arch part of a task
 * (task->thread). Each real architecture has its own; here one task_struct
 * is shared by the model and all four ports, so this one carries the fields
 * the modelled functions of every port touch:
 *
 *   trap_no, error_code, cr2      i386 / x86_64 traps and faults
 *   rbs_bot, flags, pfm_context   ia64: the register backing store, the
 *                                 IA64_THREAD_ flags, perfmon's context
 */
#ifndef VZSIM_INCLUDE_ASM_PROCESSOR_H
#define VZSIM_INCLUDE_ASM_PROCESSOR_H

struct thread_struct {
	unsigned long trap_no;
	unsigned long error_code;
	unsigned long cr2;
	unsigned long rbs_bot;
	unsigned long flags;
	void *pfm_context;
};

#endif /* VZSIM_INCLUDE_ASM_PROCESSOR_H */
