/*
 * The line discipline: canonical editing and its echo, end of file, the
 * input flags, the signal keys, VMIN/VTIME decisions and output
 * processing, against what Linux's n_tty does for the same keys.
 */
#include <stdlib.h>
#include <string.h>

#include "fs/ldisc.h"
#include "signal.h"
#include "test.h"

static char echoed[16384];
static size_t echoed_len;

static void
capture(void *ctx, const char *buf, size_t len)
{
	(void)ctx;
	if (echoed_len + len < sizeof(echoed)) {
		memcpy(echoed + echoed_len, buf, len);
		echoed_len += len;
		echoed[echoed_len] = 0;
	}
}

static struct ldisc *
fresh(void)
{
	struct ldisc *ld = malloc(sizeof(*ld));

	ldisc_init(ld, capture, NULL);
	echoed_len = 0;
	echoed[0] = 0;
	return ld;
}

/* Types `keys`; the last signal any of them asked for. */
static int
type(struct ldisc *ld, const char *keys)
{
	int sig = 0;

	for (; *keys; keys++) {
		int s = ldisc_input(ld, (uint8_t)*keys);

		if (s)
			sig = s;
	}
	return sig;
}

static int read_ended;

/* One read of up to `max` bytes, as a string; read_ended says whether
 * it stopped at the end of a line. */
static const char *
read_str(struct ldisc *ld, size_t max)
{
	static char buf[LDISC_SIZE + 1];
	size_t n = ldisc_read(ld, buf, max < LDISC_SIZE ? max : LDISC_SIZE,
	    &read_ended);

	buf[n] = 0;
	return buf;
}

static void
raw(struct ldisc *ld, unsigned min, unsigned time)
{
	NxTermios t = ld->t;

	t.lflag &= ~(uint32_t)(NX_ICANON | NX_ECHO | NX_ISIG);
	t.iflag &= ~(uint32_t)NX_ICRNL;
	t.cc[NX_VMIN] = (uint8_t)min;
	t.cc[NX_VTIME] = (uint8_t)time;
	ldisc_set(ld, &t);
}

void
test_ldisc_canonical_line(void)
{
	struct ldisc *ld = fresh();

	type(ld, "ab");
	CHECK(!ldisc_ready(ld, 100, 0));	/* no line yet */
	CHECK_EQ(ldisc_readable(ld), 0);
	type(ld, "c\rde\r");
	CHECK_STREQ(echoed, "abc\r\nde\r\n");	/* ICRNL, ECHO, ONLCR */
	CHECK(ldisc_ready(ld, 100, 0));
	CHECK_EQ(ldisc_readable(ld), 7);
	CHECK(ldisc_pending(ld));
	CHECK_STREQ(read_str(ld, 100), "abc\n");	/* one line a read */
	CHECK(read_ended);
	CHECK_STREQ(read_str(ld, 2), "de");		/* a part of one */
	CHECK(!read_ended);
	CHECK_STREQ(read_str(ld, 100), "\n");
	CHECK(!ldisc_ready(ld, 100, 0));
	free(ld);
}

void
test_ldisc_erase_kill_werase(void)
{
	struct ldisc *ld = fresh();

	type(ld, "abc\x7f\x7f" "d\b" "e\n");
	CHECK_STREQ(echoed, "abc\b \b\b \bd\b \be\r\n");
	CHECK_STREQ(read_str(ld, 100), "ae\n");
	echoed_len = 0;
	type(ld, "one two  \x17" "x\x15" "yz\x17\x17" "w\n");
	CHECK_STREQ(read_str(ld, 100), "w\n");
	CHECK_STREQ(echoed, "one two  \b \b\b \b\b \b\b \b\b \bx"
	    "\b \b\b \b\b \b\b \b\b \byz\b \b\b \bw\r\n");
	/* Erase stops at the start of the line: the line before is read. */
	type(ld, "a\nb\x7f\x7f\x7f" "c\n");
	CHECK_STREQ(read_str(ld, 100), "a\n");
	CHECK_STREQ(read_str(ld, 100), "c\n");
	/* A control character echoes as ^X and erases as two columns. */
	echoed_len = 0;
	type(ld, "\x01\x7f");
	CHECK_STREQ(echoed, "^A\b \b\b \b");
	free(ld);
}

void
test_ldisc_kill_without_echoke(void)
{
	struct ldisc *ld = fresh();
	NxTermios t = ld->t;

	t.lflag &= ~(uint32_t)NX_ECHOKE;
	ldisc_set(ld, &t);
	type(ld, "abc\x15" "d\n");
	CHECK_STREQ(echoed, "abc^U\r\nd\r\n");
	CHECK_STREQ(read_str(ld, 100), "d\n");
	free(ld);
}

void
test_ldisc_eof(void)
{
	struct ldisc *ld = fresh();

	type(ld, "\x04");
	CHECK(ldisc_ready(ld, 100, 0));
	CHECK_EQ(ldisc_readable(ld), 0);
	CHECK_STREQ(read_str(ld, 100), "");	/* end of input */
	CHECK(!ldisc_ready(ld, 100, 0));
	type(ld, "ab\x04" "cd\n");
	CHECK_STREQ(echoed, "abcd\r\n");	/* VEOF is not echoed */
	CHECK_STREQ(read_str(ld, 100), "ab");	/* what is there, no newline */
	CHECK_STREQ(read_str(ld, 100), "cd\n");
	/* A line cut short right before its VEOF takes the VEOF along. */
	type(ld, "xy\x04" "\x04");
	CHECK_STREQ(read_str(ld, 2), "xy");
	CHECK(ldisc_ready(ld, 100, 0));
	CHECK_STREQ(read_str(ld, 100), "");
	CHECK(!ldisc_ready(ld, 100, 0));
	free(ld);
}

void
test_ldisc_input_flags(void)
{
	struct ldisc *ld = fresh();
	NxTermios t = ld->t;

	t.iflag = NX_IGNCR;
	ldisc_set(ld, &t);
	type(ld, "a\rb\n");
	CHECK_STREQ(read_str(ld, 100), "ab\n");
	t.iflag = NX_INLCR;
	t.cc[NX_VEOL] = '\r';
	ldisc_set(ld, &t);
	type(ld, "c\n");
	CHECK_STREQ(read_str(ld, 100), "c\r");	/* \n became \r, a VEOL */
	t.iflag = 0;
	t.cc[NX_VEOL] = 0;
	t.lflag &= ~(uint32_t)NX_ECHO;
	ldisc_set(ld, &t);
	echoed_len = 0;
	type(ld, "d\re\n");
	CHECK_EQ(echoed_len, 0);	/* no ECHO */
	CHECK_STREQ(read_str(ld, 100), "d\re\n");
	free(ld);
}

void
test_ldisc_signals(void)
{
	struct ldisc *ld = fresh();
	NxTermios t;

	type(ld, "abc");
	CHECK_EQ(type(ld, "\x03"), SIGINT);
	CHECK_STREQ(echoed, "abc^C");
	type(ld, "d\n");
	CHECK_STREQ(read_str(ld, 100), "d\n");	/* the line was dropped */
	CHECK_EQ(type(ld, "\x1c"), SIGQUIT);
	CHECK_EQ(type(ld, "\x1a"), SIGTSTP);
	t = ld->t;
	t.lflag |= NX_NOFLSH;
	ldisc_set(ld, &t);
	type(ld, "e\n");
	CHECK_EQ(type(ld, "\x03"), SIGINT);
	CHECK_STREQ(read_str(ld, 100), "e\n");	/* NOFLSH kept it */
	t.lflag &= ~(uint32_t)NX_ISIG;
	ldisc_set(ld, &t);
	CHECK_EQ(type(ld, "\x03\n"), 0);	/* just a byte now */
	CHECK_STREQ(read_str(ld, 100), "\x03\n");
	t.lflag |= NX_ISIG;
	t.cc[NX_VINTR] = 0;			/* disabled */
	ldisc_set(ld, &t);
	CHECK_EQ(type(ld, "\x03"), 0);
	free(ld);
}

void
test_ldisc_raw_vmin_vtime(void)
{
	struct ldisc *ld = fresh();
	int per_byte;

	raw(ld, 1, 0);
	CHECK(!ldisc_ready(ld, 10, 0));
	type(ld, "\x03" "a\x7f");
	CHECK_EQ(echoed_len, 0);		/* no ECHO, ISIG off */
	CHECK(ldisc_ready(ld, 10, 0));
	CHECK_EQ(ldisc_readable(ld), 3);
	CHECK_STREQ(read_str(ld, 10), "\x03" "a\x7f");
	CHECK_EQ(ldisc_vtime(ld, &per_byte), 0);
	/* VMIN=0, VTIME=0: a poll. */
	raw(ld, 0, 0);
	CHECK(ldisc_ready(ld, 10, 0));
	CHECK_STREQ(read_str(ld, 10), "");
	/* VMIN=0, VTIME=5: a byte or the timer, from the read's start. */
	raw(ld, 0, 5);
	CHECK(!ldisc_ready(ld, 10, 0));
	CHECK(ldisc_ready(ld, 10, 1));
	CHECK_EQ(ldisc_vtime(ld, &per_byte), 5);
	CHECK(!per_byte);
	type(ld, "x");
	CHECK(ldisc_ready(ld, 10, 0));
	read_str(ld, 10);
	/* VMIN=3, VTIME=2: three bytes, or one and the timer between bytes;
	 * a read of fewer than VMIN is done with that many. */
	raw(ld, 3, 2);
	CHECK(!ldisc_ready(ld, 10, 1));		/* the timer needs a byte */
	type(ld, "ab");
	CHECK(!ldisc_ready(ld, 10, 0));
	CHECK(ldisc_ready(ld, 2, 0));
	CHECK(ldisc_ready(ld, 10, 1));
	CHECK_EQ(ldisc_vtime(ld, &per_byte), 2);
	CHECK(per_byte);
	type(ld, "c");
	CHECK(ldisc_ready(ld, 10, 0));
	CHECK_STREQ(read_str(ld, 10), "abc");
	free(ld);
}

void
test_ldisc_modes_and_flush(void)
{
	struct ldisc *ld = fresh();
	NxTermios cooked = ld->t;

	type(ld, "half");
	CHECK(!ldisc_pending(ld));
	raw(ld, 1, 0);		/* leaving ICANON makes the line readable */
	CHECK(ldisc_pending(ld));	/* to a native program's rx ring too */
	CHECK_STREQ(read_str(ld, 100), "half");
	CHECK(!ldisc_pending(ld));
	type(ld, "xy");
	ldisc_set(ld, &cooked);	/* so does entering it */
	CHECK(ldisc_ready(ld, 100, 0));
	ldisc_flush(ld);
	CHECK(!ldisc_ready(ld, 100, 0));
	CHECK_EQ(ldisc_readable(ld), 0);
	free(ld);
}

void
test_ldisc_full(void)
{
	struct ldisc *ld = fresh();
	int stored = 0, ended;

	/* Canonical: one byte is kept for the newline. */
	for (int i = 0; i < LDISC_SIZE + 10; i++)
		ldisc_input(ld, 'a');
	CHECK(!ldisc_full(ld));
	type(ld, "\n");
	CHECK(ldisc_full(ld));
	CHECK_EQ(ldisc_readable(ld), LDISC_SIZE);
	CHECK_EQ(strlen(read_str(ld, LDISC_SIZE)), LDISC_SIZE);
	raw(ld, 1, 0);
	for (int i = 0; i < LDISC_SIZE + 10; i++)
		ldisc_input(ld, (uint8_t)i);
	CHECK(ldisc_full(ld));
	for (int i = 0; i < LDISC_SIZE; i++) {
		char c;

		stored += ldisc_read(ld, &c, 1, &ended) == 1 && (uint8_t)c == (uint8_t)i;
	}
	CHECK_EQ(stored, LDISC_SIZE);
	free(ld);
}

void
test_ldisc_output(void)
{
	struct ldisc *ld = fresh();
	NxTermios t = ld->t;

	ldisc_write(ld, "a\nb\n\r", 5);
	CHECK_STREQ(echoed, "a\r\nb\r\n\r");
	t.oflag = NX_OPOST | NX_OCRNL;
	ldisc_set(ld, &t);
	echoed_len = 0;
	ldisc_write(ld, "a\rb\n", 4);
	CHECK_STREQ(echoed, "a\nb\n");
	t.oflag = NX_ONLCR;		/* no OPOST: nothing changes */
	ldisc_set(ld, &t);
	echoed_len = 0;
	ldisc_write(ld, "a\nb", 3);
	CHECK_STREQ(echoed, "a\nb");
	free(ld);
}
