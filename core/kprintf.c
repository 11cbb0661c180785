#include <stdarg.h>

#include "fmt.h"
#include "kernel.h"

void
kwrite(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			uart_putc('\r');
		uart_putc(buf[i]);
	}
}

void
kprint(const char *s)
{
	while (*s) {
		if (*s == '\n')
			uart_putc('\r');
		uart_putc(*s++);
	}
}

static void
ksink(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	kwrite(s, n);
}

void
kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vformat(ksink, NULL, fmt, ap);
	va_end(ap);
}
