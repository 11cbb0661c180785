/*
 * Signals, for now only as ways to end a Subject: the signals whose
 * default action terminates end it at its next return to user mode (as
 * Ctrl-C always has); the others are ignored.
 */
#include "signal.h"
#include "subject.h"

static int
terminates(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGCONT: case SIGSTOP: case SIGTSTP:
	case SIGTTIN: case SIGTTOU: case SIGWINCH:
		return 0;
	default:
		return sig >= 1 && sig <= SIG_MAX;
	}
}

void
signal_send(struct subject *s, int sig)
{
	if (terminates(sig))
		subject_kill(s);
}

int
signal_group(uint32_t pgid, int sig)
{
	int found = 0;

	for (struct subject *s = subject_first(); s; s = subject_next(s)) {
		if (s->state == SUBJECT_LIVE && s->job == pgid) {
			signal_send(s, sig);
			found = 1;
		}
	}
	return found ? 0 : NX_ESRCH;
}

int
subject_interrupted(const struct subject *s)
{
	return s->kill_pending;
}

void
signal_fork(struct subject *child, const struct subject *parent)
{
	(void)child;
	(void)parent;
}

void
signal_exec(struct subject *s)
{
	(void)s;
}

void
signal_wait_mask(struct subject *s, uint64_t mask)
{
	(void)s;
	(void)mask;
}
