/*
 * include/asm-ia64/kdebug.h: the die-notifier events and answers.
 */
#ifndef VZSIM_ARCH_IA64_ASM_KDEBUG_H
#define VZSIM_ARCH_IA64_ASM_KDEBUG_H

#define NOTIFY_DONE 0x0000
#define DIE_INIT_MONARCH_PROCESS 13

struct notifier_block;

#endif /* VZSIM_ARCH_IA64_ASM_KDEBUG_H */
