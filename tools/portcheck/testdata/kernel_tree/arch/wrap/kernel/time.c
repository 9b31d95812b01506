/* arch/wrap/kernel/time.c: cpu_khz, exported from ksyms.c */
unsigned long cpu_khz;
