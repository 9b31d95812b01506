/* arch/old/mm/init.c */
void show_mem(void)
{
}
EXPORT_SYMBOL(show_mem);
