/* The console: UART input buffered in the kernel, output straight out. */
#ifndef RUMPK_CONSOLE_H
#define RUMPK_CONSOLE_H

#include <stddef.h>

/* Blocks until at least one byte has arrived; returns how many it copied. */
size_t console_read(char *buf, size_t len);
/* Writes bytes as a terminal expects them ("\n" becomes "\r\n"). */
void console_write(const char *buf, size_t len);

#endif
