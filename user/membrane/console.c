/*
 * stdin, stdout and stderr over descriptors 0, 1 and 2.  Output is
 * collected per stream and sent at each newline (or when full): stdout as
 * ION packets on the tx ring, which the kernel sends wherever descriptor
 * 1 leads, stderr with a write to descriptor 2.  Input comes from the rx
 * ring, which the kernel fills from descriptor 0: from a terminal a line
 * at a time, as its line discipline edits and echoes it; from anything
 * else as it comes, up to its end.
 */
#include <stdio.h>
#include <string.h>

#include "libnexus.h"
#include "membrane.h"

struct outbuf {
	char buf[NX_SLAB_SIZE];
	size_t n;
	int fd;
};

static struct outbuf out_buf = { .fd = 1 }, err_buf = { .fd = 2 };
static char line[1024];
static size_t line_len, line_pos;
static int at_eof;
static int input_kind;		/* 0: not known yet, 1: a terminal, 2: not */

static void
flush_buf(struct outbuf *o)
{
	if (o->n && o->fd == 1)
		nx_write(o->buf, o->n);
	else if (o->n)
		nx_fwrite(o->fd, o->buf, o->n);
	o->n = 0;
}

static int
input_is_tty(void)
{
	if (!input_kind)
		input_kind = nx_isatty(0) == 1 ? 1 : 2;
	return input_kind == 1;
}

/* Input that is not a terminal: up to a slab of it, as it comes; 0 at
 * its end. */
static int
fill_raw(void)
{
	long n;

	line_len = line_pos = 0;
	if (at_eof)
		return 0;
	console_flush_all();
	n = nx_read(line, sizeof(line));
	if (n <= 0) {
		at_eof = 1;
		return 0;
	}
	line_len = (size_t)n;
	return 1;
}

void
console_flush_all(void)
{
	flush_buf(&out_buf);
	flush_buf(&err_buf);
}

static int
put_buf(struct outbuf *o, char c)
{
	o->buf[o->n++] = c;
	if (c == '\n' || o->n == sizeof(o->buf))
		flush_buf(o);
	return (unsigned char)c;
}

static int
out_put(char c, FILE *f)
{
	(void)f;
	return put_buf(&out_buf, c);
}

static int
err_put(char c, FILE *f)
{
	(void)f;
	flush_buf(&out_buf);	/* keep the two in the order written */
	return put_buf(&err_buf, c);
}

static int
out_flush(FILE *f)
{
	(void)f;
	console_flush_all();
	return 0;
}

/* The next line from the terminal, edited by the kernel's line
 * discipline (one read is one line; 0 is ^D, an end of input for this
 * read only: a terminal can be read again after it). */
static int
fill_line(void)
{
	long n;

	if (!input_is_tty())
		return fill_raw();
	line_len = line_pos = 0;
	console_flush_all();		/* the prompt, if any */
	n = nx_read(line, sizeof(line));
	if (n <= 0)
		return 0;
	line_len = (size_t)n;
	return 1;
}

static int
in_get(FILE *f)
{
	(void)f;
	if (line_pos == line_len && !fill_line())
		return _FDEV_EOF;
	return (unsigned char)line[line_pos++];
}

ssize_t
console_read(void *buf, size_t len)
{
	size_t n = 0;

	if (len == 0)
		return 0;
	if (line_pos == line_len && !fill_line())
		return 0;
	while (n < len && line_pos < line_len)
		((char *)buf)[n++] = line[line_pos++];
	return (ssize_t)n;
}

ssize_t
console_write(const void *buf, size_t len)
{
	console_flush_all();
	return nx_write(buf, len);
}

static FILE in_file = FDEV_SETUP_STREAM(NULL, in_get, NULL, _FDEV_SETUP_READ);
static FILE out_file = FDEV_SETUP_STREAM(out_put, NULL, out_flush,
    _FDEV_SETUP_WRITE);
static FILE err_file = FDEV_SETUP_STREAM(err_put, NULL, out_flush,
    _FDEV_SETUP_WRITE);

FILE *const stdin = &in_file;
FILE *const stdout = &out_file;
FILE *const stderr = &err_file;
