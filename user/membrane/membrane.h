/* What the membrane's files share: the console streams. */
#ifndef MEMBRANE_H
#define MEMBRANE_H

#include <stddef.h>
#include <sys/types.h>

/* Line-edited console input (echo, backspace, Ctrl-U; Ctrl-D ends it). */
ssize_t console_read(void *buf, size_t len);
/* Console output, after whatever stdio still holds. */
ssize_t console_write(const void *buf, size_t len);
void console_flush_all(void);

#endif
