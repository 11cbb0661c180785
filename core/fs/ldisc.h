/*
 * The terminal's line discipline, pure: bytes typed go in one at a time
 * (ldisc_input), are edited into lines in canonical mode or kept as they
 * come otherwise, are echoed through a callback, and are read out
 * (ldisc_read).  It knows nothing of the UART, Subjects or signals: it
 * says which signal a key asks for and the caller sends it, and it says
 * whether a read is done (VMIN/VTIME) and the caller does the waiting.
 *
 * The input queue is a ring of LDISC_SIZE bytes with free-running
 * indices: [tail, canon) may be read, [canon, head) is the line being
 * edited (empty outside canonical mode).  A byte that ends a line
 * (newline, VEOL, VEOL2, VEOF) has its bit set in `delim`; VEOF's byte is
 * also in `eof`: it ends a read without being handed out.
 */
#ifndef RUMPK_LDISC_H
#define RUMPK_LDISC_H

#include <stddef.h>
#include <stdint.h>

#include "nexus/abi.h"

#define LDISC_SIZE	4096	/* a power of two */

/* Where echoed and written bytes go, after output processing. */
typedef void (*ldisc_emit_fn)(void *ctx, const char *buf, size_t len);

struct ldisc {
	NxTermios t;
	uint32_t head, tail, canon;
	uint8_t buf[LDISC_SIZE];
	uint8_t delim[LDISC_SIZE / 8];
	uint8_t eof[LDISC_SIZE / 8];
	ldisc_emit_fn emit;
	void *ctx;
};

/* Linux's default: cooked, echo, ^C ^\ ^Z signals, DEL erases. */
void ldisc_default(NxTermios *t);
/* An empty queue with the default settings; echo goes to `emit`. */
void ldisc_init(struct ldisc *ld, ldisc_emit_fn emit, void *ctx);
/* New settings.  Leaving or entering canonical mode makes everything
 * typed so far readable, as Linux does. */
void ldisc_set(struct ldisc *ld, const NxTermios *t);
/* Drops the input not read yet (TCSETSF, TCFLSH). */
void ldisc_flush(struct ldisc *ld);
/* Takes one typed byte: echoes it, edits the line; the signal a key of
 * ISIG asks for (SIGINT, SIGQUIT, SIGTSTP), else 0. */
int ldisc_input(struct ldisc *ld, uint8_t c);
/* 1 when the queue cannot take another byte (the caller leaves the
 * rest in the UART, so nothing is lost). */
int ldisc_full(const struct ldisc *ld);
/* Bytes a read could take now (canonical: those of complete lines);
 * FIONREAD's answer.  A line ended by VEOF alone counts as readable
 * through ldisc_ready, not here. */
size_t ldisc_readable(const struct ldisc *ld);
/* Whether a read of `want` bytes is done waiting: canonical, a line (or
 * VEOF) is there; otherwise VMIN and VTIME decide, `timed_out` saying
 * the VTIME timer ran out. */
int ldisc_ready(const struct ldisc *ld, size_t want, int timed_out);
/* VTIME in tenths of a second for a non-canonical read (0: no timer);
 * *per_byte set when the timer restarts with every byte (VMIN > 0)
 * and runs only once one is there, clear when it runs from the read's
 * start. */
unsigned ldisc_vtime(const struct ldisc *ld, int *per_byte);
/* Whether a line, an end of file or (not canonical) a byte is there:
 * what a reader that takes any input at all (a native program's rx
 * ring) waits for. */
int ldisc_pending(const struct ldisc *ld);
/* Takes up to `max` bytes: canonical, at most one line (its newline
 * included, a VEOF taken but not copied: 0 is end of input); *ended set
 * when it stopped at the end of a line. */
size_t ldisc_read(struct ldisc *ld, char *buf, size_t max, int *ended);
/* Writes `len` bytes as the settings say (OPOST: ONLCR, OCRNL). */
void ldisc_write(const struct ldisc *ld, const char *buf, size_t len);

#endif
