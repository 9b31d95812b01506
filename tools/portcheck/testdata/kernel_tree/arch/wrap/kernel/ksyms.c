/* arch/wrap/kernel/ksyms.c */
EXPORT_SYMBOL(cpu_khz);
