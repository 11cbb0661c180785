/*
 * Signals: who may have which, and posting them.  A Subject's signals
 * live in its `sig` (struct sigstate): the pending set with each one's
 * siginfo, the blocked mask, the 64 dispositions and the alternate
 * stack.  Posting only marks a signal pending and wakes the Subject;
 * delivery happens on its way back to user mode (sigdeliver.c), on its
 * own fiber.  SIGCONT is the exception: it continues a stopped Subject
 * when it is sent, as on Linux, even when it is blocked or ignored.
 *
 * A standard signal pending twice is pending once; the real-time ones
 * (32..64) are not queued either.
 */
#include <string.h>

#include "sigrules.h"
#include "subject.h"

#define STOPS	(SIG_BIT(SIGSTOP) | SIG_BIT(SIGTSTP) | SIG_BIT(SIGTTIN) | \
		 SIG_BIT(SIGTTOU))

/* Whether posting `sig` to `s` would do nothing: it is ignored (by its
 * disposition, or by default) and not blocked, so it cannot be caught
 * later either. */
static int
discarded(const struct subject *s, int sig)
{
	const struct sigstate *ss = &s->sig;
	uint64_t h = ss->act[sig - 1].handler;

	if (sig == SIGKILL || sig == SIGSTOP)
		return 0;
	if (ss->blocked & SIG_BIT(sig))
		return 0;
	if (h == SIG_IGN_HANDLER)
		return 1;
	return (h == SIG_DFL_HANDLER || s->native) &&
	    (sig_default(sig) == SIG_IGNORE || sig_default(sig) == SIG_CONT);
}

int
signal_refused(const struct subject *s, int sig)
{
	return (s->sig.blocked & SIG_BIT(sig)) ||
	    s->sig.act[sig - 1].handler == SIG_IGN_HANDLER;
}

/* SIGCONT's effect, at once: a stopped Subject runs again and its
 * parent may learn it (wait's WCONTINUED, SIGCHLD). */
static void
continue_it(struct subject *s)
{
	struct subject *parent;

	s->sig.pending &= ~STOPS;
	if (!s->stopped)
		return;
	s->stopped = 0;
	s->jc_report = JC_CONTINUED;
	fiber_wake(&s->fiber);
	parent = s->parent ? subject_by_id(s->parent) : NULL;
	if (parent && parent->state == SUBJECT_LIVE) {
		fiber_wakeup(parent);
		signal_send(parent, SIGCHLD);
	}
}

void
signal_post(struct subject *s, int sig, const struct sigsource *src)
{
	struct sigstate *ss;

	if (!s || s->state != SUBJECT_LIVE || !sig_valid(sig))
		return;
	ss = &s->sig;
	if (sig == SIGCONT || sig == SIGKILL)
		continue_it(s);
	else if (STOPS & SIG_BIT(sig))
		ss->pending &= ~SIG_BIT(SIGCONT);
	if (discarded(s, sig))
		return;
	ss->pending |= SIG_BIT(sig);
	ss->src[sig - 1] = *src;
	if (!(ss->blocked & SIG_BIT(sig)) || (ss->waitset & SIG_BIT(sig)) ||
	    sig == SIGKILL || sig == SIGSTOP)
		fiber_wake(&s->fiber);
}

void
signal_send(struct subject *s, int sig)
{
	struct sigsource src = { SI_KERNEL, 0, 0 };

	signal_post(s, sig, &src);
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
	return s->kill_pending || s->intr_key ||
	    (s->sig.pending & (~sig_blockable(s->sig.blocked) |
	    s->sig.waitset)) != 0;
}

void
signal_wait_mask(struct subject *s, uint64_t mask)
{
	if (!s->sig.saved_valid) {
		s->sig.saved = s->sig.blocked;
		s->sig.saved_valid = 1;
	}
	s->sig.blocked = sig_blockable(mask);
}

void
signal_init(struct subject *s)
{
	memset(&s->sig, 0, sizeof(s->sig));
	s->sig.alt.flags = SS_DISABLE;
}

/* The child has the parent's dispositions, mask and alternate stack; no
 * pending signal and no alarm (as fork(2) says). */
void
signal_fork(struct subject *child, const struct subject *parent)
{
	child->sig = parent->sig;
	child->sig.pending = 0;
	child->sig.saved_valid = 0;
	child->sig.eintr = 0;
	child->sig.waitset = 0;
	child->sig.alarm_at = child->sig.alarm_every = 0;
}

/* The caught signals go back to their defaults, since the handlers'
 * code is gone; ignored ones stay ignored, the mask and the pending
 * signals stay, the alternate stack goes. */
void
signal_exec(struct subject *s)
{
	struct sigstate *ss = &s->sig;

	for (int i = 0; i < SIG_MAX; i++) {
		if (ss->act[i].handler != SIG_IGN_HANDLER)
			ss->act[i].handler = SIG_DFL_HANDLER;
		ss->act[i].flags = 0;
		ss->act[i].mask = 0;
	}
	ss->alt.sp = ss->alt.size = 0;
	ss->alt.flags = SS_DISABLE;
	ss->saved_valid = 0;
	ss->eintr = 0;
}
