/*
 * A small printf engine shared by the kernel's kprintf and user programs
 * that run without a libc.  Supports %c %s %d %i %u %x %X %p %%, the flags
 * '-' and '0', a field width (also '*'), a precision for %s (also '*'), and
 * the length modifiers l, ll and z.
 */
#ifndef RUMPK_FMT_H
#define RUMPK_FMT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*fmt_sink)(void *ctx, const char *s, size_t n);

int fmt_vformat(fmt_sink sink, void *ctx, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
