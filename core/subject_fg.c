/*
 * Who has the terminal.  The console belongs to the first Subject's
 * session.  Its foreground process group is the job of the Subject at the
 * end of the chain of waits from the first Subject (a Subject nobody
 * waits for never gets input), unless a Subject of the terminal's session
 * set a group with TIOCSPGRP (a job-control shell): then that group, for
 * as long as it has members and the chain ends in the setter's session.
 * The signal keys go to the foreground group; jobs group the programs
 * of a pipeline, so ^C reaches them all.  Sessions and groups are made
 * here too (setsid, setpgid).
 */
#include "console.h"
#include "signal.h"
#include "subject.h"

static uint32_t set_pgrp;	/* the group TIOCSPGRP made the foreground */
static uint32_t set_pgrp_sid;	/* the session of the Subject that set it */
static uint32_t set_pgrp_by;	/* that Subject */

int
subject_job_ok(const struct subject *s, uint32_t job)
{
	const struct subject *lead = subject_by_id(job);

	if (!lead || lead->parent != s->id || lead->adopted ||
	    lead->job != lead->id)
		return NX_ESRCH;
	return 0;
}

/* The live child `s` is blocked waiting for: the one it named, or (a
 * wait for any) its newest; or, before its next wait, the child it
 * started in the foreground.  NULL when there is none. */
static struct subject *
waited_child(const struct subject *s)
{
	struct subject *found = NULL;

	if (!s->waiting && s->fg_spawn) {
		found = subject_by_id(s->fg_spawn);
		if (!found || found->state != SUBJECT_LIVE ||
		    found->parent != s->id || found->adopted)
			return NULL;
		return found;
	}
	if (!s->waiting)
		return NULL;
	for (struct subject *c = subject_first(); c; c = subject_next(c)) {
		if (c->state != SUBJECT_LIVE || c->parent != s->id ||
		    c->adopted || (s->wait_id && c->id != s->wait_id))
			continue;
		if (!found || c->id > found->id)
			found = c;
	}
	/* A Linux program's child that moved to a group of its own is in
	 * the background, as on Linux, until someone sets the foreground
	 * (TIOCSPGRP): the chain stops at its parent. */
	if (found && !s->native && found->job != s->job)
		return NULL;
	return found;
}

/* A child that is not adopted is newer than its parent, so the walk down
 * ends. */
struct subject *
subject_foreground(void)
{
	struct subject *fg = subject_init();
	struct subject *next;

	if (!fg || fg->state != SUBJECT_LIVE)
		return NULL;
	while ((next = waited_child(fg)) != NULL)
		fg = next;
	return fg;
}

/* 1 if `c` is in job `job` or was started by a Subject that is,
 * directly or through others (an adopted Subject is no longer part of
 * what started it). */
static int
in_job(const struct subject *c, uint32_t job)
{
	while (c && c->job != job) {
		if (c->adopted || !c->parent)
			return 0;
		c = subject_by_id(c->parent);
	}
	return c != NULL;
}

/* 1 if a Subject is in group `pgrp`, also only in session `sid` when
 * that is not 0.  One that ended and is not reaped yet counts, as on
 * Linux: a shell puts the second program of a pipeline in the group of
 * the first, which may have ended already. */
static int
group_exists(uint32_t pgrp, uint32_t sid)
{
	for (struct subject *c = subject_first(); c; c = subject_next(c)) {
		if (c->state != SUBJECT_FREE && c->job == pgrp &&
		    (!sid || c->sid == sid))
			return 1;
	}
	return 0;
}

uint32_t
tty_session(void)
{
	struct subject *init = subject_init();

	return init ? init->sid : 0;
}

/* Whether a job-control shell chose the foreground group (TIOCSPGRP)
 * and it is still in effect for the foreground `fg`: the group has
 * members, and the Subject that chose it still runs.  A shell that has
 * ended leaves no choice behind: the next program NipBox runs is in the
 * foreground by the chain of waits, as it would be without that shell. */
static int
chosen_by_shell(const struct subject *fg)
{
	struct subject *by = set_pgrp ? subject_by_id(set_pgrp_by) : NULL;

	return by && by->state == SUBJECT_LIVE && fg->sid == set_pgrp_sid &&
	    group_exists(set_pgrp, 0);
}

uint32_t
tty_fg_pgrp(void)
{
	struct subject *fg = subject_foreground();

	if (!fg)
		return 0;
	return chosen_by_shell(fg) ? set_pgrp : fg->job;
}

int
tty_background(const struct subject *s)
{
	return s->sid == tty_session() && s->job != tty_fg_pgrp();
}

/* A group is orphaned when no member has a parent in another group of
 * the same session: nobody is left to bring it to the foreground. */
static int
orphaned(uint32_t pgrp, uint32_t sid)
{
	for (struct subject *c = subject_first(); c; c = subject_next(c)) {
		struct subject *p;

		if (c->state != SUBJECT_LIVE || c->job != pgrp)
			continue;
		p = c->parent ? subject_by_id(c->parent) : NULL;
		if (p && p->state == SUBJECT_LIVE && p->job != pgrp &&
		    p->sid == sid)
			return 0;
	}
	return 1;
}

/* Another session's reader waits as a background one does, without the
 * signal: the console is the terminal of the first Subject's session. */
int
tty_may_read(struct subject *s, int *told)
{
	if (s->job == tty_fg_pgrp())
		return 0;
	if (!tty_background(s))
		return 1;
	if (orphaned(s->job, s->sid) || signal_refused(s, SIGTTIN))
		return NX_EIO;
	if (!*told) {
		*told = 1;
		signal_group(s->job, SIGTTIN);
	}
	return 1;
}

int
tty_may_change(struct subject *s)
{
	if (!tty_background(s) || signal_refused(s, SIGTTOU))
		return 0;
	if (orphaned(s->job, s->sid))
		return NX_EIO;
	signal_group(s->job, SIGTTOU);
	return NX_EINTR;
}

/*
 * The shell the kernel started, in the foreground group when a signal
 * key is typed (it runs a command of its own: NipBox's cat), is not
 * ended: NipBox has the command it runs interrupted instead, and a
 * Linux shell gets the signal only if it catches it, as Linux's init.
 */
static void
interrupt_shell(struct subject *c, int sig)
{
	if (c->native) {
		c->intr_key = 1;
		fiber_wake(&c->fiber);
	} else if (c->sig.act[sig - 1].handler > SIG_IGN_HANDLER) {
		signal_send(c, sig);
	}
}

/*
 * A signal key ends the foreground group (the Subjects of a pipeline
 * together) and what its members started in other groups (children
 * they are not waiting for would otherwise run on as orphans), but not
 * the parents waiting for it: a shell run from the shell gets its
 * prompt back.  The shell the kernel started is spared
 * (interrupt_shell): it reads its own line with ISIG off, and ^C while
 * it runs a builtin must not end it.
 */
void
tty_signal(int sig)
{
	struct subject *fg = subject_foreground();
	uint32_t pgrp = tty_fg_pgrp();
	int spare = 0, wake;

	if (!pgrp)
		return;
	/* A job of a shell without job control (NipBox) that stopped has
	 * nobody to continue it: ^C and ^\ continue it, so that it ends. */
	wake = (sig == SIGINT || sig == SIGQUIT) && !chosen_by_shell(fg);
	for (struct subject *c = subject_first(); c; c = subject_next(c))
		spare |= c->state == SUBJECT_LIVE && c->shell && c->job == pgrp;
	if (!spare)
		signal_group(pgrp, sig);
	for (struct subject *c = subject_first(); c; c = subject_next(c)) {
		if (c->state != SUBJECT_LIVE || !in_job(c, pgrp))
			continue;
		if (c->shell) {
			interrupt_shell(c, sig);
			continue;
		}
		if (spare || c->job != pgrp)
			signal_send(c, sig);
		if (wake && c->stopped)
			signal_send(c, SIGCONT);
	}
}

/*
 * A shell without job control starts its job in the foreground: it would
 * have the terminal only once the shell waits for it, and a program that
 * looks first (a job-control shell's tcgetpgrp at start-up) would find
 * itself in the background and stop.  The spawn has not let the child
 * run yet, so no instruction of it sees the terminal elsewhere.
 */
void
subject_hand_terminal(struct subject *s, uint32_t child)
{
	s->fg_spawn = child;
	console_kick();
}

int
tty_set_pgrp(struct subject *s, int64_t pgrp)
{
	if (s->sid != tty_session())
		return NX_ENOTTY;
	if (pgrp <= 0 || pgrp > UINT32_MAX)
		return NX_EINVAL;
	if (!group_exists((uint32_t)pgrp, 0))
		return NX_ESRCH;
	if (!group_exists((uint32_t)pgrp, s->sid))
		return NX_EPERM;
	set_pgrp = (uint32_t)pgrp;
	set_pgrp_sid = s->sid;
	set_pgrp_by = s->id;
	console_kick();		/* its readers may go on now */
	return 0;
}

/* The console is always the first Subject's session's: a session leader
 * of it may ask for it (it has it), any other is refused. */
int
tty_set_ctty(struct subject *s)
{
	if (s->sid != s->id || s->sid != tty_session())
		return NX_EPERM;
	return 0;
}

/* Nothing to let go of but the group it set: the session keeps the
 * console. */
int
tty_drop_ctty(struct subject *s)
{
	if (s->sid != tty_session())
		return NX_ENOTTY;
	return 0;
}

/* The Subject `pid` names for `s` (0: itself), or NULL. */
static struct subject *
named(struct subject *s, int64_t pid)
{
	struct subject *t;

	if (pid == 0)
		return s;
	if (pid < 0 || pid > UINT32_MAX)
		return NULL;
	t = subject_by_id((uint32_t)pid);
	return t && t->state == SUBJECT_LIVE ? t : NULL;
}

int64_t
session_setsid(struct subject *s)
{
	if (group_exists(s->id, 0))
		return NX_EPERM;	/* it leads a group (or one is named after it) */
	s->sid = s->job = s->id;
	console_kick();
	return s->id;
}

int64_t
session_setpgid(struct subject *s, int64_t pid, int64_t pgid)
{
	struct subject *t = named(s, pid);

	if (pgid < 0 || pgid > UINT32_MAX)
		return NX_EINVAL;
	if (!t || (t != s && (t->parent != s->id || t->adopted)))
		return NX_ESRCH;
	if (t->sid != s->sid || t->sid == t->id)
		return NX_EPERM;	/* another session, or a session leader */
	if (pgid == 0)
		pgid = t->id;
	if (pgid != t->id && !group_exists((uint32_t)pgid, s->sid))
		return NX_EPERM;
	t->job = (uint32_t)pgid;
	console_kick();
	return 0;
}

int64_t
session_getpgid(struct subject *s, int64_t pid)
{
	struct subject *t = named(s, pid);

	return t ? (int64_t)t->job : NX_ESRCH;
}

int64_t
session_getsid(struct subject *s, int64_t pid)
{
	struct subject *t = named(s, pid);

	return t ? (int64_t)t->sid : NX_ESRCH;
}
