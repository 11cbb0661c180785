/*
 * The pure rules of signals (sigrules.h): Linux's defaults, order and
 * restart rules, kept apart so that the host tests can try them all.
 */
#include "signal.h"
#include "sigrules.h"
#include "nexus/abi.h"

/* The signals a fault raises: delivered before any other. */
#define SYNCHRONOUS	(SIG_BIT(SIGSEGV) | SIG_BIT(SIGBUS) | SIG_BIT(SIGILL) | \
			 SIG_BIT(SIGTRAP) | SIG_BIT(SIGFPE) | SIG_BIT(SIGSYS))

enum sig_default
sig_default(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGURG: case SIGWINCH:
		return SIG_IGNORE;
	case SIGCONT:
		return SIG_CONT;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return SIG_STOP;
	default:
		return SIG_TERM;	/* the real-time ones too */
	}
}

int
sig_valid(int64_t sig)
{
	return sig >= 1 && sig <= SIG_MAX;
}

uint64_t
sig_blockable(uint64_t mask)
{
	return mask & ~(SIG_BIT(SIGKILL) | SIG_BIT(SIGSTOP));
}

/* The lowest signal in a set that has one.  No __builtin_ctzll: the
 * kernel's libgcc is the soft-float one it cannot link. */
static int
lowest(uint64_t set)
{
	int sig = 1;

	for (; !(set & 1); set >>= 1)
		sig++;
	return sig;
}

int
sig_next(uint64_t pending, uint64_t blocked)
{
	uint64_t ready = pending & ~sig_blockable(blocked);

	if (!ready)
		return 0;
	if (ready & SYNCHRONOUS)
		return lowest(ready & SYNCHRONOUS);
	return lowest(ready);
}

int
sig_procmask(int how, uint64_t old, uint64_t set, uint64_t *out)
{
	switch (how) {
	case SIG_BLOCK:
		*out = old | set;
		break;
	case SIG_UNBLOCK:
		*out = old & ~set;
		break;
	case SIG_SETMASK:
		*out = set;
		break;
	default:
		return NX_EINVAL;
	}
	*out = sig_blockable(*out);
	return 0;
}

/* Linux's calls that end with EINTR whenever a handler ran, SA_RESTART
 * or not (ERESTARTNOHAND and the restart-block calls). */
static int
never_after_handler(uint64_t nr)
{
	switch (nr) {
	case 22:	/* epoll_pwait */
	case 72:	/* pselect6 */
	case 73:	/* ppoll */
	case 101:	/* nanosleep */
	case 115:	/* clock_nanosleep */
	case 133:	/* rt_sigsuspend */
	case 137:	/* rt_sigtimedwait */
		return 1;
	default:
		return 0;
	}
}

int
sig_restarts(uint64_t nr, enum sig_outcome how)
{
	switch (how) {
	case SIG_NO_HANDLER:
		return 1;
	case SIG_HANDLER_RESTART:
		return !never_after_handler(nr);
	default:
		return 0;
	}
}
