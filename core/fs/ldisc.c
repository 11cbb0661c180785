/*
 * The line discipline (ldisc.h): input processing (ICRNL, INLCR, IGNCR),
 * the keys that send signals (ISIG), canonical editing (erase, word
 * erase, kill, end of line, end of file) with its echo, and output
 * processing (OPOST).  Pure: no kernel call, so the host tests drive it.
 */
#include <string.h>

#include "fs/ldisc.h"
#include "signal.h"

#define MASK		(LDISC_SIZE - 1)
#define CTRL(c)		((c) & 0x1f)
#define DEL		0x7f
#define DISABLED	0	/* a cc[] of 0 is no key (_POSIX_VDISABLE) */

_Static_assert((LDISC_SIZE & MASK) == 0, "LDISC_SIZE is a power of two");

void
ldisc_default(NxTermios *t)
{
	memset(t, 0, sizeof(*t));
	t->iflag = NX_ICRNL | NX_IXON;
	t->oflag = NX_OPOST | NX_ONLCR;
	t->cflag = NX_CFLAG_STD;
	t->lflag = NX_ISIG | NX_ICANON | NX_ECHO | NX_ECHOE | NX_ECHOK |
	    NX_ECHOCTL | NX_ECHOKE | NX_IEXTEN;
	t->cc[NX_VINTR] = CTRL('C');
	t->cc[NX_VQUIT] = CTRL('\\');
	t->cc[NX_VERASE] = DEL;
	t->cc[NX_VKILL] = CTRL('U');
	t->cc[NX_VEOF] = CTRL('D');
	t->cc[NX_VSUSP] = CTRL('Z');
	t->cc[NX_VWERASE] = CTRL('W');
	t->cc[NX_VMIN] = 1;
	t->cc[NX_VTIME] = 0;
}

void
ldisc_init(struct ldisc *ld, ldisc_emit_fn emit, void *ctx)
{
	memset(ld, 0, sizeof(*ld));
	ldisc_default(&ld->t);
	ld->emit = emit;
	ld->ctx = ctx;
}

static int
canonical(const struct ldisc *ld)
{
	return (ld->t.lflag & NX_ICANON) != 0;
}

void
ldisc_set(struct ldisc *ld, const NxTermios *t)
{
	ld->t = *t;
	ld->canon = ld->head;
}

void
ldisc_flush(struct ldisc *ld)
{
	ld->tail = ld->canon = ld->head;
}

/* Output. */

void
ldisc_write(const struct ldisc *ld, const char *buf, size_t len)
{
	size_t from = 0;

	if (!(ld->t.oflag & NX_OPOST)) {
		ld->emit(ld->ctx, buf, len);
		return;
	}
	/* Runs of bytes that need no change go out in one piece. */
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n' && (ld->t.oflag & NX_ONLCR)) {
			ld->emit(ld->ctx, buf + from, i - from);
			ld->emit(ld->ctx, "\r\n", 2);
			from = i + 1;
		} else if (buf[i] == '\r' && (ld->t.oflag & NX_OCRNL)) {
			ld->emit(ld->ctx, buf + from, i - from);
			ld->emit(ld->ctx, "\n", 1);
			from = i + 1;
		}
	}
	ld->emit(ld->ctx, buf + from, len - from);
}

/* A control character echoed as ^X (ECHOCTL); tab and newline as they
 * are. */
static int
shown_as_ctl(const struct ldisc *ld, uint8_t c)
{
	return (ld->t.lflag & NX_ECHOCTL) && (c < 0x20 || c == DEL) &&
	    c != '\t' && c != '\n';
}

static void
echo_byte(struct ldisc *ld, uint8_t c)
{
	char ctl[2] = { '^', (char)(c == DEL ? '?' : c + '@') };

	if (!(ld->t.lflag & NX_ECHO))
		return;
	if (shown_as_ctl(ld, c))
		ldisc_write(ld, ctl, 2);
	else
		ldisc_write(ld, (const char *)&c, 1);
}

/* The queue. */

static uint32_t
fill(const struct ldisc *ld)
{
	return ld->head - ld->tail;
}

static int
bit(const uint8_t *map, uint32_t i)
{
	return map[(i & MASK) / 8] >> (i % 8) & 1;
}

static void
set_bit(uint8_t *map, uint32_t i, int on)
{
	uint8_t m = (uint8_t)(1u << (i % 8));

	if (on)
		map[(i & MASK) / 8] |= m;
	else
		map[(i & MASK) / 8] &= (uint8_t)~m;
}

static void
store(struct ldisc *ld, uint8_t c, int delim, int eof)
{
	ld->buf[ld->head & MASK] = c;
	set_bit(ld->delim, ld->head, delim);
	set_bit(ld->eof, ld->head, eof);
	ld->head++;
}

int
ldisc_full(const struct ldisc *ld)
{
	return fill(ld) >= LDISC_SIZE;
}

/* Canonical editing. */

/* Takes the last byte of the line being edited back, erasing its echo
 * ("\b \b" with ECHOE, twice for a ^X). */
static void
erase_one(struct ldisc *ld)
{
	uint8_t c = ld->buf[(ld->head - 1) & MASK];
	int width = shown_as_ctl(ld, c) ? 2 : 1;

	ld->head--;
	if ((ld->t.lflag & (NX_ECHO | NX_ECHOE)) != (NX_ECHO | NX_ECHOE))
		return;
	while (width--)
		ldisc_write(ld, "\b \b", 3);
}

static int
is_space(uint8_t c)
{
	return c == ' ' || c == '\t';
}

static void
erase_word(struct ldisc *ld)
{
	while (ld->head != ld->canon && is_space(ld->buf[(ld->head - 1) & MASK]))
		erase_one(ld);
	while (ld->head != ld->canon && !is_space(ld->buf[(ld->head - 1) & MASK]))
		erase_one(ld);
}

/* VKILL: the whole line goes, erased on the screen (ECHOKE), or the
 * key echoed and a new line begun (ECHOK). */
static void
kill_line(struct ldisc *ld, uint8_t c)
{
	uint32_t lflag = ld->t.lflag;

	if ((lflag & NX_ECHO) && !(lflag & NX_ECHOKE)) {
		ld->head = ld->canon;
		echo_byte(ld, c);
		if (lflag & NX_ECHOK)
			ldisc_write(ld, "\n", 1);
		return;
	}
	while (ld->head != ld->canon)
		erase_one(ld);
}

static int
is_key(const struct ldisc *ld, uint8_t c, int index)
{
	return ld->t.cc[index] != DISABLED && c == ld->t.cc[index];
}

/* A byte that ends the line: newline, VEOL, VEOL2, or VEOF (not
 * echoed, not handed out). */
static void
end_line(struct ldisc *ld, uint8_t c, int eof)
{
	if (fill(ld) >= LDISC_SIZE)
		return;		/* only when the reader left no room at all */
	store(ld, c, 1, eof);
	ld->canon = ld->head;
	if (!eof && ((ld->t.lflag & NX_ECHO) ||
	    (c == '\n' && (ld->t.lflag & NX_ECHONL))))
		echo_byte(ld, c);
}

static void
canonical_input(struct ldisc *ld, uint8_t c)
{
	if (is_key(ld, c, NX_VERASE) || c == '\b') {
		if (ld->head != ld->canon)
			erase_one(ld);
	} else if (is_key(ld, c, NX_VWERASE) && (ld->t.lflag & NX_IEXTEN)) {
		erase_word(ld);
	} else if (is_key(ld, c, NX_VKILL)) {
		kill_line(ld, c);
	} else if (is_key(ld, c, NX_VEOF)) {
		end_line(ld, c, 1);
	} else if (c == '\n' || is_key(ld, c, NX_VEOL) ||
	    is_key(ld, c, NX_VEOL2)) {
		end_line(ld, c, 0);
	} else if (fill(ld) < LDISC_SIZE - 1) {
		/* The last byte is kept for the newline, so a full line can
		 * always be ended and read. */
		store(ld, c, 0, 0);
		echo_byte(ld, c);
	}
}

/* ISIG: the signal key `c` is, or 0.  The input not read yet goes
 * unless NOFLSH, as the program is interrupted. */
static int
signal_key(struct ldisc *ld, uint8_t c)
{
	int sig = 0;

	if (!(ld->t.lflag & NX_ISIG))
		return 0;
	if (is_key(ld, c, NX_VINTR))
		sig = SIGINT;
	else if (is_key(ld, c, NX_VQUIT))
		sig = SIGQUIT;
	else if (is_key(ld, c, NX_VSUSP))
		sig = SIGTSTP;
	if (!sig)
		return 0;
	if (!(ld->t.lflag & NX_NOFLSH))
		ldisc_flush(ld);
	echo_byte(ld, c);
	return sig;
}

int
ldisc_input(struct ldisc *ld, uint8_t c)
{
	int sig;

	if (ld->t.iflag & NX_ISTRIP)
		c &= 0x7f;
	if (c == '\r') {
		if (ld->t.iflag & NX_IGNCR)
			return 0;
		if (ld->t.iflag & NX_ICRNL)
			c = '\n';
	} else if (c == '\n' && (ld->t.iflag & NX_INLCR)) {
		c = '\r';
	}
	sig = signal_key(ld, c);
	if (sig)
		return sig;
	if (canonical(ld)) {
		canonical_input(ld, c);
		return 0;
	}
	if (fill(ld) < LDISC_SIZE) {
		store(ld, c, 0, 0);
		ld->canon = ld->head;
		echo_byte(ld, c);
	}
	return 0;
}

/* Reading. */

size_t
ldisc_readable(const struct ldisc *ld)
{
	size_t n = 0;

	if (!canonical(ld))
		return fill(ld);
	for (uint32_t i = ld->tail; i != ld->canon; i++)
		n += !bit(ld->eof, i);
	return n;
}

int
ldisc_ready(const struct ldisc *ld, size_t want, int timed_out)
{
	size_t have = fill(ld), min = ld->t.cc[NX_VMIN];

	if (canonical(ld))
		return ld->canon != ld->tail;
	if (min == 0)
		return have > 0 || ld->t.cc[NX_VTIME] == 0 || timed_out;
	if (have >= (want < min ? want : min))
		return 1;
	return have > 0 && timed_out;
}

unsigned
ldisc_vtime(const struct ldisc *ld, int *per_byte)
{
	*per_byte = ld->t.cc[NX_VMIN] > 0;
	return canonical(ld) ? 0 : ld->t.cc[NX_VTIME];
}

int
ldisc_pending(const struct ldisc *ld)
{
	return ld->canon != ld->tail;
}

size_t
ldisc_read(struct ldisc *ld, char *buf, size_t max, int *ended)
{
	size_t n = 0;
	int canon = canonical(ld);
	uint32_t end = canon ? ld->canon : ld->head;

	*ended = 0;
	while (n < max && ld->tail != end) {
		uint32_t i = ld->tail++;

		*ended = canon && bit(ld->delim, i);
		if (canon && bit(ld->eof, i))
			return n;
		buf[n++] = (char)ld->buf[i & MASK];
		if (*ended)
			return n;
	}
	/* A VEOF right after a line cut short by `max` goes with it, or the
	 * next read would take it for an end of input. */
	if (canon && ld->tail != end && bit(ld->eof, ld->tail))
		ld->tail++;
	return n;
}
