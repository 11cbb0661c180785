#include <stdint.h>
#include <string.h>

#include "fmt.h"

struct spec {
	int left;
	char pad;
	int width;
	int prec;		/* -1: none */
	int size;		/* 0 int, 1 long, 2 long long / size_t */
};

static void
emit_padded(fmt_sink sink, void *ctx, const char *s, size_t n,
    const struct spec *sp, int *count)
{
	size_t fill = sp->width > 0 && (size_t)sp->width > n ?
	    (size_t)sp->width - n : 0;
	char pad = sp->left ? ' ' : sp->pad;

	*count += (int)(n + fill);
	if (!sp->left) {
		/* Zero padding goes after the sign. */
		if (pad == '0' && n > 0 && s[0] == '-') {
			sink(ctx, s, 1);
			s++;
			n--;
		}
		for (size_t i = 0; i < fill; i++)
			sink(ctx, &pad, 1);
	}
	sink(ctx, s, n);
	if (sp->left) {
		for (size_t i = 0; i < fill; i++)
			sink(ctx, " ", 1);
	}
}

static size_t
utoa(char *end, uint64_t v, unsigned base, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *p = end;

	do {
		*--p = digits[v % base];
		v /= base;
	} while (v);
	return (size_t)(end - p);
}

static uint64_t
take_unsigned(va_list *ap, int size)
{
	if (size == 2)
		return va_arg(*ap, unsigned long long);
	if (size == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static int64_t
take_signed(va_list *ap, int size)
{
	if (size == 2)
		return va_arg(*ap, long long);
	if (size == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

/* Widths and precisions beyond this are hostile, not formatting. */
#define FIELD_MAX 4096

static int
parse_number(const char **f)
{
	int v = 0;

	while (**f >= '0' && **f <= '9') {
		if (v <= FIELD_MAX)
			v = v * 10 + (**f - '0');
		(*f)++;
	}
	return v > FIELD_MAX ? FIELD_MAX : v;
}

static const char *
parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	sp->left = 0;
	sp->pad = ' ';
	sp->width = 0;
	sp->prec = -1;
	sp->size = 0;
	for (;; f++) {
		if (*f == '-')
			sp->left = 1;
		else if (*f == '0')
			sp->pad = '0';
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		f++;
		if (sp->width < 0) {		/* as C: '-' flag, and the size */
			sp->left = 1;
			sp->width = sp->width < -FIELD_MAX ? FIELD_MAX :
			    -sp->width;
		}
		if (sp->width > FIELD_MAX)
			sp->width = FIELD_MAX;
	} else
		sp->width = parse_number(&f);
	if (*f == '.') {
		f++;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
			if (sp->prec < 0)
				sp->prec = -1;	/* as if none was given */
		} else
			sp->prec = parse_number(&f);
	}
	while (*f == 'l' || *f == 'z') {
		sp->size = *f == 'z' ? 2 : sp->size + 1;
		f++;
	}
	return f;
}

int
fmt_vformat(fmt_sink sink, void *ctx, const char *fmt, va_list ap0)
{
	va_list ap;
	int count = 0;
	char buf[24];
	char *end = buf + sizeof(buf);

	va_copy(ap, ap0);
	while (*fmt) {
		const char *lit = fmt;
		struct spec sp;
		size_t n;

		while (*fmt && *fmt != '%')
			fmt++;
		if (fmt > lit) {
			sink(ctx, lit, (size_t)(fmt - lit));
			count += (int)(fmt - lit);
		}
		if (!*fmt)
			break;
		fmt = parse_spec(fmt + 1, &sp, &ap);
		switch (*fmt) {
		case 'c':
			buf[0] = (char)va_arg(ap, int);
			emit_padded(sink, ctx, buf, 1, &sp, &count);
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);

			if (!s)
				s = "(null)";
			n = sp.prec >= 0 ? strnlen(s, (size_t)sp.prec) :
			    strlen(s);
			emit_padded(sink, ctx, s, n, &sp, &count);
			break;
		}
		case 'd':
		case 'i': {
			int64_t v = take_signed(&ap, sp.size);
			uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;

			n = utoa(end, u, 10, 0);
			if (v < 0)
				end[-(int)++n] = '-';
			emit_padded(sink, ctx, end - n, n, &sp, &count);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
			n = utoa(end, take_unsigned(&ap, sp.size),
			    *fmt == 'u' ? 10 : 16, *fmt == 'X');
			emit_padded(sink, ctx, end - n, n, &sp, &count);
			break;
		case 'p':
			n = utoa(end, (uintptr_t)va_arg(ap, void *), 16, 0);
			end[-(int)++n] = 'x';
			end[-(int)++n] = '0';
			emit_padded(sink, ctx, end - n, n, &sp, &count);
			break;
		case '%':
			sink(ctx, "%", 1);
			count++;
			break;
		default:
			/* Unknown conversion: show it rather than guess. */
			if (!*fmt) {
				va_end(ap);
				return count;
			}
			sink(ctx, fmt - 1, 2);
			count += 2;
			break;
		}
		fmt++;
	}
	va_end(ap);
	return count;
}

struct strbuf {
	char *p;
	size_t left;
};

static void
strbuf_sink(void *ctx, const char *s, size_t n)
{
	struct strbuf *b = ctx;
	size_t take = n < b->left ? n : b->left;

	if (take == 0)
		return;
	memcpy(b->p, s, take);
	b->p += take;
	b->left -= take;
}

int
fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct strbuf b = { buf, size ? size - 1 : 0 };
	int n = fmt_vformat(strbuf_sink, &b, fmt, ap);

	if (size)
		*b.p = '\0';
	return n;
}

int
fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
