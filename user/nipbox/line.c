/*
 * Line input for NipBox: the editor (edit.c) on the console, the history
 * behind the up and down arrows, and Tab completion (tab.c).  While it
 * edits, the terminal is in raw mode (no line editing, echo or signal
 * keys in the kernel: every key is the editor's, ^C too), and it is put
 * back as it was before a command runs, as readline does.
 */
#include <string.h>

#include "nipbox.h"

#define HISTORY	32

static char history[HISTORY][LINE_MAX];
static unsigned nhistory;	/* lines ever kept; the newest at nhistory-1 */

/* The editor's output, gathered so that a redraw goes out as one packet. */
static char out[NX_SLAB_SIZE];
static size_t nout;

static void
flush(void)
{
	if (nout)
		nx_write(out, nout);
	nout = 0;
}

static void
emit(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	while (n) {
		size_t k = sizeof(out) - nout < n ? sizeof(out) - nout : n;

		memcpy(out + nout, s, k);
		nout += k;
		s += k;
		n -= k;
		if (nout == sizeof(out))
			flush();
	}
}

static void
remember(const char *line)
{
	if (!line[0] || (nhistory &&
	    strcmp(history[(nhistory - 1) % HISTORY], line) == 0))
		return;
	strncpy(history[nhistory % HISTORY], line, LINE_MAX - 1);
	nhistory++;
}

/* The next input byte, or -1 at the end of the input: descriptor 0 is
 * a file or a pipe that has ended, or it cannot be read at all (closed,
 * or every slab held); looping on such a read would never end. */
static int
next_key(void)
{
	char c;

	if (nx_read(&c, 1) != 1)
		return -1;
	return (unsigned char)c;
}

/* Shows history entry `i`, or the empty line after the newest. */
static void
recall(struct editor *e, unsigned i)
{
	ed_replace(e, i == nhistory ? "" : history[i % HISTORY]);
}

/* Raw mode: keys as they come, one at a time, none turned into a
 * signal or another key, nothing echoed.  0 when `saved` holds the
 * settings to put back (descriptor 0 is a terminal). */
static int
raw_mode(NxTermios *saved)
{
	NxTermios t;

	if (nx_tty(0, NX_TTY_GET, saved) != 0)
		return -1;
	t = *saved;
	t.lflag &= ~(uint32_t)(NX_ICANON | NX_ECHO | NX_ISIG | NX_IEXTEN);
	t.iflag &= ~(uint32_t)(NX_ICRNL | NX_INLCR | NX_IGNCR);
	t.cc[NX_VMIN] = 1;
	t.cc[NX_VTIME] = 0;
	return nx_tty(0, NX_TTY_SET, &t) == 0 ? 0 : -1;
}

static int
edit_line(const char *prompt, char *line, size_t max)
{
	unsigned oldest = nhistory > HISTORY ? nhistory - HISTORY : 0;
	unsigned at = nhistory;		/* history position being shown */
	struct editor e;

	ed_start(&e, line, max, emit, NULL);
	nx_print(prompt);
	for (;;) {
		enum ed_action a;
		int key = next_key();

		if (key < 0 && e.len == 0)
			return LINE_EOF;	/* as Ctrl-D on an empty line */
		if (key < 0)
			break;			/* the last line, unended */
		a = ed_key(&e, (unsigned char)key);
		flush();	/* before anything the actions print */
		if (a == ED_ENTER)
			break;
		if (a == ED_CANCEL) {
			line[0] = '\0';
			return 0;
		}
		if (a == ED_EOF)
			return LINE_EOF;
		if (a == ED_UP && at > oldest)
			recall(&e, --at);
		else if (a == ED_DOWN && at < nhistory)
			recall(&e, ++at);
		else if (a == ED_TAB)
			tab_complete(&e, prompt);
		flush();
	}
	if (e.overflow)
		return LINE_TOO_LONG;
	remember(line);
	return (int)e.len;
}

int
read_line(const char *prompt, char *line, size_t max)
{
	NxTermios saved;
	int raw = raw_mode(&saved) == 0;
	int n = edit_line(prompt, line, max);

	if (raw)
		nx_tty(0, NX_TTY_SET, &saved);
	return n;
}
