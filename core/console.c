/*
 * Console input.  The UART interrupt moves bytes into `rx`; when `rx` is
 * full the interrupt is left masked, so further bytes wait in the UART and,
 * behind it, in QEMU's character device: input is delayed, never dropped.
 */
#include "console.h"
#include "fiber.h"
#include "kernel.h"
#include "pollwait.h"
#include "subject.h"

#define RX_SIZE 4096
#define CTRL_C	0x03

static char rx[RX_SIZE];
unsigned console_rx_head, console_rx_tail;	/* free-running: the fill */
static int rx_blocked;

void
console_irq(void)
{
	int c;

	while (console_rx_head - console_rx_tail < RX_SIZE && (c = uart_getc()) >= 0) {
		if (c == CTRL_C && console_interrupt())
			continue;
		rx[console_rx_head++ % RX_SIZE] = (char)c;
	}
	if (console_rx_head - console_rx_tail == RX_SIZE) {
		rx_blocked = 1;
		uart_mask_rx_irq();
	}
	fiber_wakeup(rx);
	poll_notify();
}

void
console_wait(void)
{
	fiber_sleep(rx);
}

void
console_kick(void)
{
	fiber_wakeup(rx);
	poll_notify();		/* who may read the terminal has changed */
}

/* As ion_console_read decides: input is there, and `s` has the
 * terminal. */
int
tty_readable(const struct subject *s)
{
	return console_held() && s == subject_foreground();
}

size_t
console_take(char *buf, size_t max)
{
	size_t n = 0;

	while (n < max && console_rx_tail != console_rx_head)
		buf[n++] = rx[console_rx_tail++ % RX_SIZE];
	if (rx_blocked && n) {
		rx_blocked = 0;
		uart_enable_rx_irq();
	}
	return n;
}

void
console_write(const char *buf, size_t len)
{
	kwrite(buf, len);
}
