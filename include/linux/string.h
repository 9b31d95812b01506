/*
 * include/linux/string.h: the string functions arch code calls (lib/string.c
 * in the kernel; the host's C library in the simulation).
 */
#ifndef VZSIM_INCLUDE_LINUX_STRING_H
#define VZSIM_INCLUDE_LINUX_STRING_H

#ifndef __cplusplus
__SIZE_TYPE__ strlen(const char *s);
__SIZE_TYPE__ strcspn(const char *s, const char *reject);
char *strcpy(char *dest, const char *src);
char *strncpy(char *dest, const char *src, __SIZE_TYPE__ n);
char *strchr(const char *s, int c);
void *memcpy(void *dest, const void *src, __SIZE_TYPE__ n);
void *memset(void *s, int c, __SIZE_TYPE__ n);
#endif

#endif /* VZSIM_INCLUDE_LINUX_STRING_H */
