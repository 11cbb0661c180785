/* The console: UART input buffered in the kernel, output straight out. */
#ifndef RUMPK_CONSOLE_H
#define RUMPK_CONSOLE_H

#include <stddef.h>

struct subject;

/* Takes up to `max` buffered input bytes without waiting; returns how many. */
size_t console_take(char *buf, size_t max);
/* Input bytes waiting in the kernel (inline: every doorbell asks). */
extern unsigned console_rx_head, console_rx_tail;

static inline size_t
console_held(void)
{
	return console_rx_head - console_rx_tail;
}
/* Sleeps until input arrives or console_kick() is called. */
void console_wait(void);
/* Wakes the waiters, e.g. because the foreground Subject changed. */
void console_kick(void);
/* Whether a read of the terminal by `s` would find input now: the one
 * test poll and select make of the terminal. */
int tty_readable(const struct subject *s);
/* Writes bytes as a terminal expects them ("\n" becomes "\r\n"). */
void console_write(const char *buf, size_t len);

#endif
