/*
 * The pure rules of signals, with no Subject in sight: what a signal does
 * by default, which pending signal goes first, what a mask may hold, how
 * rt_sigprocmask changes one, and whether a call a signal interrupted
 * starts again.  Compiled for the host too (tests/host/test_signal.c).
 *
 * A set is a uint64_t with bit (sig - 1) for signal sig, as Linux's
 * sigset_t on a 64-bit machine.
 */
#ifndef RUMPK_SIGRULES_H
#define RUMPK_SIGRULES_H

#include <stdint.h>

#define SIG_BIT(sig)	(1ull << ((sig) - 1))

/* What a signal does when nobody catches it. */
enum sig_default {
	SIG_TERM,	/* ends the program */
	SIG_IGNORE,	/* nothing */
	SIG_STOP,	/* stops it until SIGCONT */
	SIG_CONT,	/* nothing more than its sending did: it continued */
};

enum sig_default sig_default(int sig);
/* Whether sig is a number signals have (1..SIG_MAX). */
int sig_valid(int64_t sig);
/* `mask` without the signals nobody may block (SIGKILL, SIGSTOP). */
uint64_t sig_blockable(uint64_t mask);
/* The next signal to deliver from `pending` past `blocked`, 0 for none:
 * a fault's signal first (it happened at this very instruction), then
 * the lowest number, as Linux. */
int sig_next(uint64_t pending, uint64_t blocked);

/* rt_sigprocmask's `how`. */
#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2
/* The mask `how` makes of `old` and `set`: 0, or NX_EINVAL. */
int sig_procmask(int how, uint64_t old, uint64_t set, uint64_t *out);

/* What became of the signal that interrupted a call. */
enum sig_outcome {
	SIG_NO_HANDLER,		/* ignored, stopped and continued, or none */
	SIG_HANDLER,		/* a handler without SA_RESTART runs */
	SIG_HANDLER_RESTART,	/* a handler with SA_RESTART runs */
};
/* Whether Linux call `nr`, which ended with EINTR, starts again: always
 * when no handler ran, under SA_RESTART unless the call is one Linux
 * never restarts after a handler (waits for a signal, and the waits
 * with a timeout and a mask). */
int sig_restarts(uint64_t nr, enum sig_outcome how);

#endif
