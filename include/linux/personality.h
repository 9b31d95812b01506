/*
 * include/linux/personality.h: the task->personality values arch code
 * tests.
 */
#ifndef VZSIM_INCLUDE_LINUX_PERSONALITY_H
#define VZSIM_INCLUDE_LINUX_PERSONALITY_H

#define MMAP_PAGE_ZERO 0x0100000
#define READ_IMPLIES_EXEC 0x0400000
#define PER_LINUX 0x0000
#define PER_LINUX32 0x0008

#define personality(pers) ((pers)&0xff)

#endif /* VZSIM_INCLUDE_LINUX_PERSONALITY_H */
