/*
 * Line input for NipBox: echo, backspace, Ctrl-U (erase the line), Ctrl-C
 * (drop it), and the up and down arrows for the history.
 */
#include <string.h>

#include "nipbox.h"

#define HISTORY	32
#define ESC	0x1b
#define CTRL_C	0x03
#define CTRL_U	0x15

static char history[HISTORY][LINE_MAX];
static unsigned nhistory;	/* lines ever kept; the newest at nhistory-1 */

static void
erase(size_t n)
{
	while (n--)
		nx_print("\b \b");
}

/* Shows history entry `i` (or an empty line for nhistory) in place. */
static size_t
recall(char *line, size_t len, size_t max, unsigned i)
{
	erase(len);
	if (i == nhistory)
		line[0] = '\0';
	else {
		strncpy(line, history[i % HISTORY], max - 1);
		line[max - 1] = '\0';
	}
	nx_print(line);
	return strlen(line);
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

static char
next_key(void)
{
	char c;

	while (nx_read(&c, 1) != 1)
		;
	return c;
}

size_t
read_line(const char *prompt, char *line, size_t max)
{
	unsigned oldest = nhistory > HISTORY ? nhistory - HISTORY : 0;
	unsigned at = nhistory;		/* history position being shown */
	size_t len = 0;
	char c;

	nx_print(prompt);
	line[0] = '\0';
	for (;;) {
		c = next_key();
		if (c == '\r' || c == '\n') {
			nx_print("\n");
			line[len] = '\0';
			remember(line);
			return len;
		}
		if (c == ESC) {
			/* Arrow keys arrive as ESC [ A (up) and ESC [ B (down). */
			if (next_key() != '[')
				continue;
			c = next_key();
			line[len] = '\0';
			if (c == 'A' && at > oldest)
				len = recall(line, len, max, --at);
			else if (c == 'B' && at < nhistory)
				len = recall(line, len, max, ++at);
		} else if (c == 0x7f || c == '\b') {
			if (len > 0) {
				len--;
				erase(1);
			}
		} else if (c == CTRL_U) {
			erase(len);
			len = 0;
		} else if (c == CTRL_C) {
			nx_print("^C\n");
			line[0] = '\0';
			return 0;
		} else if ((unsigned char)c >= ' ' && len + 1 < max) {
			line[len++] = c;
			nx_write(&c, 1);
		}
	}
}
