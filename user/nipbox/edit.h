/*
 * NipBox's line editor: a state machine that takes one key byte at a time,
 * edits the line in a buffer the caller owns and says what to show.  Pure
 * (no console, no kernel), so it is tested on the host.
 *
 * The terminal is a plain serial console whose width nobody knows, so the
 * editor draws with the three things every terminal does: print a
 * character (the cursor moves right), backspace (the cursor moves left
 * without erasing) and space.  A mid-line edit prints the rest of the line
 * again, blanks what the line lost and backspaces to the cursor.  A line
 * longer than the terminal is wide is shown wrapped, and moving left
 * across the wrap is beyond these means; the buffer stays right.
 *
 * Keys: printable bytes insert at the cursor; Left/Right, Home/End (as
 * ESC [ C/D/H/F, ESC O C/D/H/F, ESC [ 1~ 4~ 7~ 8~), Ctrl-B/F/A/E move;
 * Backspace and Delete (ESC [ 3~) erase a character; Ctrl-W erases the
 * word before the cursor, Ctrl-U everything before it; Ctrl-D erases the
 * character under the cursor, or on an empty line ends input.  Up/Down,
 * Tab, Enter and Ctrl-C are handed to the caller.  Other control bytes
 * and unknown escape sequences are ignored whole.
 */
#ifndef NIPBOX_EDIT_H
#define NIPBOX_EDIT_H

#include <stddef.h>

/* What the caller does after a key. */
enum ed_action {
	ED_MORE,	/* nothing: read the next key */
	ED_ENTER,	/* the line is done (check `overflow`) */
	ED_CANCEL,	/* Ctrl-C: drop the line */
	ED_EOF,		/* Ctrl-D on an empty line */
	ED_UP,		/* history: the line before */
	ED_DOWN,	/* history: the line after */
	ED_TAB,		/* complete the word before the cursor */
};

struct editor {
	char *buf;		/* the line, NUL-terminated */
	size_t max;		/* room in buf, the NUL included */
	size_t len;		/* characters in the line */
	size_t cur;		/* cursor: 0 .. len */
	int overflow;		/* keys were dropped: the line is too long */
	int esc;		/* where in an escape sequence we are */
	int param;		/* the number in ESC [ n ~ */
	/* Sends bytes to the terminal. */
	void (*emit)(void *ctx, const char *s, size_t n);
	void *ctx;
};

/* Starts an empty line in `buf` (room for max - 1 characters, max >= 1). */
void ed_start(struct editor *e, char *buf, size_t max,
    void (*emit)(void *, const char *, size_t), void *ctx);

/* Takes one key byte. */
enum ed_action ed_key(struct editor *e, unsigned char c);

/* Inserts `n` bytes at the cursor; 0, or -1 (and nothing) without room. */
int ed_insert(struct editor *e, const char *s, size_t n);

/* Replaces the whole line (a history entry), cursor at its end; a text
 * longer than the buffer is cut. */
void ed_replace(struct editor *e, const char *s);

/* Draws `prompt` and the line again on a fresh line, cursor in place. */
void ed_redraw(struct editor *e, const char *prompt);

#endif
