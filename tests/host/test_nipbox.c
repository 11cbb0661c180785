/*
 * NipBox's pure parts: the line editor against a model terminal, Tab
 * completion's matcher, the sort, number and word-limit parsing.
 *
 * The model terminal does what a serial console does with the editor's
 * output: a printable byte lands under the cursor and moves it right, a
 * backspace moves it left, a newline starts a fresh line.  After every key
 * the screen must show exactly the line, nothing after it, and the cursor
 * where the editor says it is.
 */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "user/nipbox/complete.h"
#include "user/nipbox/edit.h"
#include "user/nipbox/parse.h"
#include "user/nipbox/sort.h"

#define COLS	4096

struct term {
	char cell[COLS];
	size_t col;
	int lines;		/* newlines seen */
	int bells;
	int bad;		/* a byte no serial console should get */
};

static void
term_emit(void *ctx, const char *s, size_t n)
{
	struct term *t = ctx;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\b') {
			if (t->col > 0)
				t->col--;
		} else if (c == '\a') {
			t->bells++;
		} else if (c == '\n') {
			t->lines++;
			t->col = 0;
			memset(t->cell, ' ', sizeof(t->cell));
		} else if ((unsigned char)c >= ' ' && c != 0x7f &&
		    t->col < COLS) {
			t->cell[t->col++] = c;
		} else {
			t->bad = 1;
		}
	}
}

static void
term_start(struct term *t, struct editor *e, char *buf, size_t max)
{
	memset(t, 0, sizeof(*t));
	memset(t->cell, ' ', sizeof(t->cell));
	ed_start(e, buf, max, term_emit, t);
}

/* The screen shows `e`'s line (after `offset` columns of prompt), blanks
 * after it, and the cursor at the editor's cursor. */
static int
screen_matches(const struct term *t, const struct editor *e, size_t offset)
{
	if (t->bad || e->len != strlen(e->buf) || e->cur > e->len ||
	    t->col != offset + e->cur ||
	    memcmp(t->cell + offset, e->buf, e->len) != 0)
		return 0;
	for (size_t i = offset + e->len; i < COLS; i++) {
		if (t->cell[i] != ' ')
			return 0;
	}
	return 1;
}

/* Types `keys`; returns the last key's action. */
static enum ed_action
type(struct editor *e, const char *keys)
{
	enum ed_action a = ED_MORE;

	for (; *keys; keys++)
		a = ed_key(e, (unsigned char)*keys);
	return a;
}

#define LEFT	"\x1b[D"
#define RIGHT	"\x1b[C"
#define HOME	"\x1b[H"
#define END	"\x1b[F"
#define DELETE	"\x1b[3~"

/* Types `keys` into a fresh line and checks the result and the screen. */
static void
check_keys(const char *keys, const char *want, size_t want_cur)
{
	struct term t;
	struct editor e;
	char buf[64];

	term_start(&t, &e, buf, sizeof(buf));
	type(&e, keys);
	test_note("keys \"%s\"", keys);
	CHECK_STREQ(buf, want);
	test_note("keys \"%s\"", keys);
	CHECK_EQ(e.cur, want_cur);
	test_note("keys \"%s\"", keys);
	CHECK(screen_matches(&t, &e, 0));
}

void
test_edit_keys(void)
{
	check_keys("abcd" LEFT LEFT "X", "abXcd", 3);
	check_keys("abcd\x02\x02X", "abXcd", 3);		/* Ctrl-B */
	check_keys("abcd" HOME "X", "Xabcd", 1);
	check_keys("abcd\x1bOHX", "Xabcd", 1);
	check_keys("abcd\x1b[1~X\x1b[4~Y", "XabcdY", 6);
	check_keys("abcd\x1b[7~X\x1b[8~Y", "XabcdY", 6);
	check_keys("abcd\x01X\x05Y", "XabcdY", 6);		/* Ctrl-A, Ctrl-E */
	check_keys("abcd" HOME RIGHT "X" END "Y", "aXbcdY", 6);
	check_keys("abcd" HOME "\x1bOC\x1bOFY", "abcdY", 5);
	check_keys("abcd" LEFT LEFT DELETE, "abd", 2);
	check_keys("abcd" LEFT LEFT "\x04", "abd", 2);	/* Ctrl-D */
	check_keys("abcd" LEFT LEFT "\x7f", "acd", 1);
	check_keys("abcd" LEFT LEFT "\b", "acd", 1);
	check_keys("abcd" DELETE "\x04", "abcd", 4);	/* nothing under */
	check_keys("ab" LEFT LEFT LEFT "\x7fX", "Xab", 1);
	check_keys("ab" RIGHT RIGHT "X", "abX", 3);
	/* Ctrl-W: the word before the cursor and the blanks after it. */
	check_keys("echo one two\x17", "echo one ", 9);
	check_keys("echo one two  \x17", "echo one ", 9);
	check_keys("echo one two" LEFT LEFT LEFT LEFT "\x17", "echo  two", 5);
	check_keys("  \x17", "", 0);
	check_keys("echo one" LEFT LEFT LEFT "\x15", "one", 0);	/* Ctrl-U */
	/* Unknown sequences and control bytes are swallowed whole. */
	check_keys("ab\x1b[1;5CX", "abX", 3);
	check_keys("ab\x1b[99~X\x1bxY", "abXY", 4);
	check_keys("a\x07\x0b\x0c\x0e\x10\x1a" "b", "ab", 2);
}

void
test_edit_actions(void)
{
	struct term t;
	struct editor e;
	char buf[8];

	term_start(&t, &e, buf, sizeof(buf));
	CHECK_EQ(type(&e, "\x04"), ED_EOF);		/* empty line */
	CHECK_EQ(type(&e, "\x1b[A"), ED_UP);
	CHECK_EQ(type(&e, "\x1bOB"), ED_DOWN);
	CHECK_EQ(type(&e, "ab\t"), ED_TAB);
	CHECK_EQ(type(&e, "\x04"), ED_MORE);		/* not empty now */
	CHECK_EQ(type(&e, LEFT "\r"), ED_ENTER);
	CHECK_EQ(t.lines, 1);
	CHECK_STREQ(buf, "ab");
	CHECK_EQ(type(&e, "\x03"), ED_CANCEL);
	CHECK_EQ(type(&e, "\n"), ED_ENTER);
	CHECK(!e.overflow);

	/* 7 characters fit; the 8th is dropped with one bell. */
	term_start(&t, &e, buf, sizeof(buf));
	type(&e, "1234567890");
	CHECK_STREQ(buf, "1234567");
	CHECK(e.overflow);
	CHECK_EQ(t.bells, 1);
	CHECK(screen_matches(&t, &e, 0));
	CHECK_EQ(ed_insert(&e, "x", 1), -1);
	CHECK_STREQ(buf, "1234567");
}

void
test_edit_replace_and_redraw(void)
{
	struct term t;
	struct editor e;
	char buf[16];

	term_start(&t, &e, buf, sizeof(buf));
	type(&e, "a long line" LEFT LEFT);
	ed_replace(&e, "short");
	CHECK_STREQ(buf, "short");
	CHECK_EQ(e.cur, 5);
	CHECK(screen_matches(&t, &e, 0));
	ed_replace(&e, "far longer than sixteen");
	CHECK_STREQ(buf, "far longer than");
	CHECK(screen_matches(&t, &e, 0));
	CHECK_EQ(ed_insert(&e, "", 0), 0);

	type(&e, HOME RIGHT);
	CHECK_EQ(ed_insert(&e, "x", 1), -1);		/* full */
	type(&e, "\x15");
	CHECK_STREQ(buf, "ar longer than");
	CHECK_EQ(ed_insert(&e, "ab", 2), -1);		/* room for one */
	CHECK_EQ(ed_insert(&e, "b", 1), 0);
	CHECK_STREQ(buf, "bar longer than");
	CHECK(screen_matches(&t, &e, 0));

	/* After a listing: prompt and line on a fresh line, cursor in place. */
	term_emit(&t, "\n", 1);
	ed_redraw(&e, "$ ");
	CHECK(memcmp(t.cell, "$ ", 2) == 0);
	CHECK(screen_matches(&t, &e, 2));
}

/* Random keys: after each, the screen must match the line. */
void
test_edit_random(void)
{
	static const char *keys[] = { "a", "b", " ", "\t", LEFT, RIGHT, HOME,
		END, DELETE, "\x7f", "\x17", "\x15", "\x01", "\x05", "\x02",
		"\x06", "\x04", "\x1bOH", "\x1bOF", "\x1b[1~", "\x1b[4~",
		"\x1b[2~", "\x1b" };
	unsigned seed = 12345;

	for (int round = 0; round < 200; round++) {
		struct term t;
		struct editor e;
		char buf[13];

		term_start(&t, &e, buf, sizeof(buf));
		for (int k = 0; k < 100; k++) {
			seed = seed * 1103515245u + 12345u;
			const char *key = keys[(seed >> 16) %
			    (sizeof(keys) / sizeof(keys[0]))];

			type(&e, key);
			if (!screen_matches(&t, &e, 0)) {
				test_note("round %d key %d", round, k);
				CHECK(0);
				return;
			}
		}
	}
}

void
test_complete_matcher(void)
{
	struct matcher m;
	char out[CM_NAME_MAX + 1];

	cm_start(&m, "he", 2);
	cm_offer(&m, "hello", 0);
	cm_offer(&m, "cat", 0);
	CHECK_EQ(m.n, 1);
	CHECK_EQ(cm_result(&m, out, sizeof(out)), 4);
	CHECK_STREQ(out, "llo ");

	cm_offer(&m, "help", 0);
	cm_offer(&m, "hello", 0);		/* a builtin and /bin/hello */
	CHECK_EQ(m.n, 2);
	CHECK_EQ(cm_result(&m, out, sizeof(out)), 1);
	CHECK_STREQ(out, "l");
	CHECK_EQ(m.kept, 2);

	cm_offer(&m, "he", 0);
	CHECK_EQ(cm_result(&m, out, sizeof(out)), 0);
	CHECK_STREQ(out, "");

	cm_start(&m, "d", 1);
	cm_offer(&m, "data", 1);
	CHECK_EQ(cm_result(&m, out, sizeof(out)), 4);
	CHECK_STREQ(out, "ata/");
	CHECK_EQ(cm_result(&m, out, 3), 2);		/* cut to fit */
	CHECK_STREQ(out, "at");

	cm_start(&m, "", 0);
	cm_offer(&m, ".hidden", 0);
	CHECK_EQ(m.n, 0);
	cm_start(&m, ".", 1);
	cm_offer(&m, ".hidden", 0);
	CHECK_EQ(m.n, 1);

	/* More matches than it keeps: counted, the rest marked dropped. */
	cm_start(&m, "", 0);
	for (int i = 0; i < CM_KEEP + 5; i++) {
		char name[8] = { 'n', (char)('0' + i / 10), (char)('0' + i % 10) };

		cm_offer(&m, name, 0);
	}
	CHECK_EQ(m.n, CM_KEEP + 5);
	CHECK_EQ(m.kept, CM_KEEP);
	CHECK(m.dropped);
	CHECK_STREQ(m.common, "n");
}

void
test_complete_words(void)
{
	const char *l = "  cat /bin/he";

	CHECK_EQ(cm_word_start(l, strlen(l)), 6);
	CHECK(!cm_is_command(l, 6));
	CHECK_EQ(cm_word_start(l, 5), 2);
	CHECK(cm_is_command(l, 2));
	CHECK_EQ(cm_word_start(l, 0), 0);
	CHECK(cm_is_command("", 0));
	CHECK_EQ(cm_word_start("a\tb", 3), 2);
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void
test_sort(void)
{
	const char *names[] = { "wc", "hello", "Zed", "a b", "head", "hel" };
	const char *want[] = { "Zed", "a b", "head", "hel", "hello", "wc" };
	unsigned seed = 7;

	nb_sort(names, 6, sizeof(names[0]), cmp_str);
	for (int i = 0; i < 6; i++)
		CHECK_STREQ(names[i], want[i]);
	for (int n = 0; n < 300; n += 1 + n / 4) {
		int *v = malloc(((size_t)n + 1) * sizeof(*v));
		long sum = 0, after = 0;

		for (int i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			v[i] = (int)(seed >> 16) % 50;	/* with repeats */
			sum += v[i];
		}
		nb_sort(v, (size_t)n, sizeof(*v), cmp_int);
		for (int i = 0; i < n; i++)
			after += v[i];
		CHECK_EQ(after, sum);			/* nothing lost */
		for (int i = 1; i < n; i++) {
			if (v[i - 1] > v[i]) {
				test_note("n %d at %d", n, i);
				CHECK(0);
				break;
			}
		}
		free(v);
	}
}

void
test_parse_limits(void)
{
	unsigned long v = 99;

	CHECK_EQ(nb_number("255", 255, &v), 0);
	CHECK_EQ(v, 255);
	CHECK_EQ(nb_number("0", 0, &v), 0);
	CHECK_EQ(v, 0);
	CHECK_EQ(nb_number("256", 255, &v), -1);
	CHECK_EQ(nb_number("5", 0, &v), -1);
	CHECK_EQ(nb_number("", 255, &v), -1);
	CHECK_EQ(nb_number("-1", 255, &v), -1);
	CHECK_EQ(nb_number("1x", 255, &v), -1);
	CHECK_EQ(nb_number(" 1", 255, &v), -1);
	CHECK_EQ(nb_number("4294967295", 4294967295ul, &v), 0);
	CHECK_EQ(v, 4294967295ul);
	CHECK_EQ(nb_number("4294967296", 4294967295ul, &v), -1);
	CHECK_EQ(nb_number("99999999999999999999999", 4294967295ul, &v), -1);
}
