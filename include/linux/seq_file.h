/*
 * include/linux/seq_file.h: the buffer a /proc file's show function
 * prints into. The model's seq_file is a plain buffer of `size` bytes.
 */
#ifndef VZSIM_INCLUDE_LINUX_SEQ_FILE_H
#define VZSIM_INCLUDE_LINUX_SEQ_FILE_H

struct seq_file {
	char *buf;
	__SIZE_TYPE__ size;
	__SIZE_TYPE__ count;
};

#ifdef __cplusplus
extern "C" {
#endif

/* Appends to s->buf; -1 once it is full. */
int seq_printf(struct seq_file *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#ifdef __cplusplus
}
#endif

#endif /* VZSIM_INCLUDE_LINUX_SEQ_FILE_H */
