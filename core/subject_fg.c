/*
 * Who has the terminal: the foreground is the end of the chain of waits
 * from the first Subject (a Subject nobody waits for never gets input),
 * and ^C ends the foreground's job.  Jobs group the programs of a
 * pipeline, so ^C reaches them all.
 */
#include "console.h"
#include "subject.h"

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
 * wait for any) its newest.  NULL when it waits for none. */
static struct subject *
waited_child(const struct subject *s)
{
	struct subject *found = NULL;

	if (!s->waiting)
		return NULL;
	for (struct subject *c = subject_first(); c; c = subject_next(c)) {
		if (c->state != SUBJECT_LIVE || c->parent != s->id ||
		    c->adopted || (s->wait_id && c->id != s->wait_id))
			continue;
		if (!found || c->id > found->id)
			found = c;
	}
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

/*
 * ^C ends the foreground Subject's job, the Subjects of a pipeline
 * together (its siblings a shell put in the same job), and what they
 * started (the children they are not waiting for would otherwise run on
 * as orphans), but not the parents waiting for it: a shell run from the
 * shell gets its prompt back.  The shell the kernel started gets ^C as
 * input instead: it clears the line.
 */
int
console_interrupt(void)
{
	struct subject *fg = subject_foreground();

	if (!fg || fg->shell)
		return 0;
	for (struct subject *c = subject_first(); c; c = subject_next(c)) {
		if (c->state == SUBJECT_LIVE && in_job(c, fg->job))
			subject_kill(c);
	}
	return 1;
}

