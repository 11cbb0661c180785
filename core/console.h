/*
 * The console terminal: UART input through the line discipline, output
 * through its output processing (console.c), and who may use it: the
 * session that has it, its foreground process group, and sessions and
 * groups themselves (subject_fg.c).
 */
#ifndef RUMPK_CONSOLE_H
#define RUMPK_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

#include "nexus/abi.h"

struct subject;
struct uio;

/* Sets the terminal to its default settings; before input is enabled. */
void console_init(void);
/* Whether a line, an end of file or a raw byte waits (inline: every
 * doorbell asks). */
extern unsigned console_pending;

static inline size_t
console_held(void)
{
	return console_pending;
}
/* One read's worth of input without waiting (a line, or the raw bytes
 * there; 0 for an end of file); for the rx ring. */
size_t console_take(char *buf, size_t max);
/* Sleeps until input arrives or console_kick() is called. */
void console_wait(void);
/* Wakes the waiters, e.g. because the foreground Subject changed. */
void console_kick(void);
/* The timer fired: wakes readers waiting for a VTIME deadline. */
void console_tick(void);
/* Writes bytes as the terminal's settings say (OPOST, ONLCR). */
void console_write(const char *buf, size_t len);
/* Whether `s` may write now: 0, or with TOSTOP set tty_may_change's
 * answer (a background writer is stopped before it writes). */
int tty_may_write(struct subject *s);
/* The tty device's read for `s`: waits as the settings say (a line, or
 * VMIN/VTIME) until `s` is in the foreground group; bytes, or NX_EINTR,
 * NX_EIO, NX_EFAULT. */
int64_t tty_read(struct subject *s, struct uio *u);
/* Whether a read by `s` would find input now (for poll). */
int tty_readable(const struct subject *s);

/* The settings (TCGETS, TCSETS; `flush` drops unread input). */
void tty_get(NxTermios *t);
void tty_set(const NxTermios *t, int flush);
void tty_flush_input(void);
/* Bytes a read could take now (FIONREAD). */
size_t tty_input_bytes(void);
/* Rows, columns, x and y pixels; a change sends SIGWINCH to the
 * foreground group. */
void tty_get_winsize(uint16_t ws[4]);
void tty_set_winsize(const uint16_t ws[4]);

/* subject_fg.c: sessions, groups and the foreground. */

/* The session that has the terminal: the first Subject's. */
uint32_t tty_session(void);
/* The foreground process group (0 before the first Subject). */
uint32_t tty_fg_pgrp(void);
/* Whether `s` is in a background group of the terminal's session. */
int tty_background(const struct subject *s);
/* 0 when `s` may take input now; 1 when it must wait (a background
 * group is sent SIGTTIN once per read, `*told` remembering it); NX_EIO
 * when its group is orphaned. */
int tty_may_read(struct subject *s, int *told);
/* Whether `s` may change the terminal (its settings, its foreground, or
 * write with TOSTOP), Linux's tty_check_change: 0 for the foreground, for
 * another session, and for a Subject that blocks or ignores SIGTTOU;
 * NX_EIO for an orphaned group; else SIGTTOU goes to its group and
 * NX_EINTR says to try again once it runs (the call restarts). */
int tty_may_change(struct subject *s);
/* A signal key was typed: `sig` to the foreground group. */
void tty_signal(int sig);
/* TIOCSPGRP, TIOCSCTTY, TIOCNOTTY for `s`: 0 or an NX_E* error. */
int tty_set_pgrp(struct subject *s, int64_t pgrp);
int tty_set_ctty(struct subject *s);
int tty_drop_ctty(struct subject *s);
/* setsid, setpgid, getpgid, getsid with Linux's rules. */
int64_t session_setsid(struct subject *s);
int64_t session_setpgid(struct subject *s, int64_t pid, int64_t pgid);
int64_t session_getpgid(struct subject *s, int64_t pid);
int64_t session_getsid(struct subject *s, int64_t pid);

#endif
