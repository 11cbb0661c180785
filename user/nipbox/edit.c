/* NipBox's line editor; see edit.h for the keys and how it draws. */
#include <string.h>

#include "edit.h"

#define ESC	0x1b
#define CTRL(c)	((c) & 0x1f)
#define DEL	0x7f
#define BELL	"\a"

/* Escape sequence states: after ESC, after ESC [, after ESC O. */
enum { ESC_NONE, ESC_START, ESC_CSI, ESC_SS3 };

static void
emit(struct editor *e, const char *s, size_t n)
{
	if (n)
		e->emit(e->ctx, s, n);
}

/* Emits `n` copies of `c`, a chunk at a time. */
static void
repeat(struct editor *e, char c, size_t n)
{
	char chunk[32];

	memset(chunk, c, sizeof(chunk));
	while (n) {
		size_t k = n < sizeof(chunk) ? n : sizeof(chunk);

		emit(e, chunk, k);
		n -= k;
	}
}

void
ed_start(struct editor *e, char *buf, size_t max,
    void (*emitter)(void *, const char *, size_t), void *ctx)
{
	memset(e, 0, sizeof(*e));
	e->buf = buf;
	e->max = max;
	e->emit = emitter;
	e->ctx = ctx;
	buf[0] = '\0';
}

static void
move_left(struct editor *e, size_t n)
{
	repeat(e, '\b', n);
	e->cur -= n;
}

/* Moving right prints the characters the cursor passes over. */
static void
move_right(struct editor *e, size_t n)
{
	emit(e, e->buf + e->cur, n);
	e->cur += n;
}

int
ed_insert(struct editor *e, const char *s, size_t n)
{
	size_t tail = e->len - e->cur;

	if (n > e->max - 1 - e->len)
		return -1;
	memmove(e->buf + e->cur + n, e->buf + e->cur, tail + 1);
	memcpy(e->buf + e->cur, s, n);
	e->len += n;
	/* The new text and the tail it pushed right, then back to the cursor. */
	emit(e, e->buf + e->cur, n + tail);
	repeat(e, '\b', tail);
	e->cur += n;
	return 0;
}

/* Erases the `n` characters from `at` on; the cursor ends at `at`. */
static void
erase(struct editor *e, size_t at, size_t n)
{
	size_t tail;

	if (n == 0)
		return;
	move_left(e, e->cur - at);
	memmove(e->buf + at, e->buf + at + n, e->len - at - n + 1);
	e->len -= n;
	tail = e->len - at;
	/* The tail moves left over the gap; blanks cover where it ended. */
	emit(e, e->buf + at, tail);
	repeat(e, ' ', n);
	repeat(e, '\b', tail + n);
}

void
ed_replace(struct editor *e, const char *s)
{
	size_t old = e->len, n = strlen(s);

	if (n > e->max - 1)
		n = e->max - 1;
	move_left(e, e->cur);
	memcpy(e->buf, s, n);
	e->buf[n] = '\0';
	e->len = e->cur = n;
	e->overflow = 0;
	emit(e, e->buf, n);
	if (old > n) {
		repeat(e, ' ', old - n);
		repeat(e, '\b', old - n);
	}
}

void
ed_redraw(struct editor *e, const char *prompt)
{
	emit(e, prompt, strlen(prompt));
	emit(e, e->buf, e->len);
	repeat(e, '\b', e->len - e->cur);
}

static int
blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Ctrl-W: the blanks before the cursor, then the word before them. */
static void
erase_word(struct editor *e)
{
	size_t at = e->cur;

	while (at > 0 && blank(e->buf[at - 1]))
		at--;
	while (at > 0 && !blank(e->buf[at - 1]))
		at--;
	erase(e, at, e->cur - at);
}

static void
home(struct editor *e)
{
	move_left(e, e->cur);
}

static void
end(struct editor *e)
{
	move_right(e, e->len - e->cur);
}

/* The last byte of ESC [ ... or ESC O ...: the key it names. */
static enum ed_action
escape_key(struct editor *e, unsigned char c)
{
	switch (c) {
	case 'A': return ED_UP;
	case 'B': return ED_DOWN;
	case 'C':
		if (e->cur < e->len)
			move_right(e, 1);
		break;
	case 'D':
		if (e->cur > 0)
			move_left(e, 1);
		break;
	case 'H': home(e); break;
	case 'F': end(e); break;
	case '~':
		if (e->param == 1 || e->param == 7)
			home(e);
		else if (e->param == 4 || e->param == 8)
			end(e);
		else if (e->param == 3 && e->cur < e->len)
			erase(e, e->cur, 1);
		break;
	}
	return ED_MORE;
}

/* A byte inside an escape sequence. */
static enum ed_action
escape(struct editor *e, unsigned char c)
{
	if (e->esc == ESC_START) {
		e->esc = c == '[' ? ESC_CSI : c == 'O' ? ESC_SS3 : ESC_NONE;
		e->param = 0;
		return ED_MORE;
	}
	/* Parameters (digits and ';') until a final byte, 0x40 to 0x7e. */
	if (e->esc == ESC_CSI && ((c >= '0' && c <= '9') || c == ';')) {
		if (c == ';')
			e->param = -1;		/* a modifier: not a key we know */
		else if (e->param >= 0 && e->param < 100)
			e->param = e->param * 10 + (c - '0');
		return ED_MORE;
	}
	e->esc = ESC_NONE;
	if (c < 0x40 || c > 0x7e || e->param < 0)
		return ED_MORE;
	return escape_key(e, c);
}

static enum ed_action
printable(struct editor *e, char c)
{
	if (ed_insert(e, &c, 1) != 0) {
		/* Ring the bell once; Enter will refuse the line. */
		if (!e->overflow)
			emit(e, BELL, 1);
		e->overflow = 1;
	}
	return ED_MORE;
}

static enum ed_action
control(struct editor *e, unsigned char c)
{
	switch (c) {
	case '\r':
	case '\n':
		emit(e, "\n", 1);
		return ED_ENTER;
	case CTRL('C'):
		emit(e, "^C\n", 3);
		return ED_CANCEL;
	case CTRL('D'):
		if (e->len == 0)
			return ED_EOF;
		if (e->cur < e->len)
			erase(e, e->cur, 1);
		break;
	case '\t': return ED_TAB;
	case ESC: e->esc = ESC_START; break;
	case DEL:
	case '\b':
		if (e->cur > 0)
			erase(e, e->cur - 1, 1);
		break;
	case CTRL('W'): erase_word(e); break;
	case CTRL('U'): erase(e, 0, e->cur); break;
	case CTRL('A'): home(e); break;
	case CTRL('E'): end(e); break;
	case CTRL('B'):
		if (e->cur > 0)
			move_left(e, 1);
		break;
	case CTRL('F'):
		if (e->cur < e->len)
			move_right(e, 1);
		break;
	}
	return ED_MORE;
}

enum ed_action
ed_key(struct editor *e, unsigned char c)
{
	if (e->esc != ESC_NONE)
		return escape(e, c);
	if (c < ' ' || c == DEL)
		return control(e, c);
	return printable(e, (char)c);
}
