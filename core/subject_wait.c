/*
 * Waiting for children: the native CMD_SYS_WAIT (one child or any, until
 * it ends) and Linux's wait4 and waitid (a child, any, a process group;
 * stops and continues too; without waiting).  An ended child keeps its
 * block until its status is out (a zombie); a waiting parent is part of
 * the chain that makes the foreground (subject_fg.c), so it says whom
 * it waits for.
 */
#include <string.h>

#include "console.h"
#include "signal.h"
#include "subject.h"

/* Blocks `s` until a child changes; `id` is the child it waits for (0:
 * any), which the console's foreground follows. */
static void
wait_sleep(struct subject *s, uint32_t id)
{
	s->waiting = 1;
	s->wait_id = id;
	s->fg_spawn = 0;	/* its wait says whom it follows now */
	console_kick();		/* the child it waits for has it now */
	fiber_sleep(s);
	s->waiting = 0;
	subject_bury();		/* what ended meanwhile, on its own stack */
}

long
subject_wait(struct subject *s, uint32_t id, struct ending *e)
{
	for (;;) {
		int children = 0;

		if (subject_interrupted(s)) {
			s->intr_key = 0;	/* the shell's: said once */
			return NX_EINTR;
		}
		for (struct subject *c = subject_first(); c;
		    c = subject_next(c)) {
			if (c->state == SUBJECT_FREE || c->parent != s->id ||
			    c->adopted || (id && c->id != id))
				continue;
			children++;
			if (c->state == SUBJECT_ENDED) {
				*e = c->end;
				return c->id;
			}
		}
		if (!children)
			return NX_ECHILD;
		wait_sleep(s, id);
	}
}

void
subject_reap(struct subject *s, uint32_t id)
{
	struct subject *c = subject_by_id(id);

	if (c && c->state == SUBJECT_ENDED && c->parent == s->id) {
		s->child_ran += fiber_ran(&c->fiber) + c->child_ran;
		subject_free(c, 0);
	}
}

/* Whether child `c` of `s` is one the wait selects. */
static int
selected(const struct subject *s, const struct subject *c, int64_t pid)
{
	if (c->state == SUBJECT_FREE || c->parent != s->id || c->adopted)
		return 0;
	if (pid > 0)
		return c->id == (uint64_t)pid;
	if (pid == -1)
		return 1;
	if (pid == 0)
		return c->job == s->job;
	return c->job == (uint64_t)-pid;
}

/* What `c` has to report to this wait: 1 if anything. */
static int
report(struct subject *c, unsigned flags, struct wait_found *f)
{
	memset(f, 0, sizeof(*f));
	f->id = c->id;
	if (c->state == SUBJECT_ENDED) {
		if (!(flags & WAIT_EXITED))
			return 0;
		f->e = c->end;
		if (!(flags & WAIT_NOREAP))
			subject_free(c, 0);
		return 1;
	}
	if ((c->jc_report == JC_STOPPED && (flags & WAIT_STOPPED)) ||
	    (c->jc_report == JC_CONTINUED && (flags & WAIT_CONTINUED))) {
		f->jc = c->jc_report;
		f->sig = c->jc_sig;
		if (!(flags & WAIT_NOREAP))
			c->jc_report = 0;
		return 1;
	}
	return 0;
}

long
subject_wait_sel(struct subject *s, const struct wait_sel *w,
    struct wait_found *f)
{
	for (;;) {
		struct subject *c, *next;
		int children = 0;

		if (subject_interrupted(s))
			return NX_EINTR;
		for (c = subject_first(); c; c = next) {
			next = subject_next(c);
			if (!selected(s, c, w->pid))
				continue;
			children++;
			if (report(c, w->flags, f))
				return f->id;
		}
		if (!children)
			return NX_ECHILD;
		if (w->flags & WAIT_NOHANG)
			return 0;
		wait_sleep(s, w->pid > 0 ? (uint32_t)w->pid : 0);
	}
}

static void
info(const struct subject *c, NxSubjectInfo *out)
{
	memset(out, 0, sizeof(*out));
	out->id = c->id;
	out->parent = c->parent;
	out->state = c->state == SUBJECT_ENDED ? NX_PS_ENDED :
	    c->waiting || c->fiber.state == FIBER_SLEEPING ?
	    NX_PS_WAITING : NX_PS_RUNNING;
	out->pages = c->state == SUBJECT_LIVE ? c->pages : 0;
	memcpy(out->identity, c->identity, sizeof(c->identity));
	memcpy(out->name, c->name, sizeof(out->name));
}

int
subject_list(NxSubjectInfo *out, int skip, int max)
{
	int n = 0, i = 0;

	for (struct subject *c = subject_first(); c && n < max;
	    c = subject_next(c), i++) {
		if (i >= skip)
			info(c, &out[n++]);
	}
	return n;
}
