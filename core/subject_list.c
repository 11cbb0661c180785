/*
 * The Subjects are a list of blocks of contiguous pages (the structure
 * with its kernel stack at the end), taken as Subjects start and given
 * back as they are freed: no table, so no fixed limit but MAX_SUBJECTS
 * and memory.  A Subject freed while it still runs on its own stack (an
 * ending nobody waits for) becomes a corpse, buried by whichever fiber
 * runs next in the kernel.
 */
#include <stddef.h>
#include <string.h>

#include "pmm.h"
#include "subject.h"

static struct subject *subjects;	/* newest first */
static struct subject *corpses;
static int nsubjects;

#define SUBJECT_PAGES	((sizeof(struct subject) + NX_PAGE_SIZE - 1) / \
			 NX_PAGE_SIZE)

_Static_assert(offsetof(struct subject, kstack) + KSTACK_SIZE ==
    sizeof(struct subject), "the kernel stack ends the structure");

struct subject *
subject_first(void)
{
	return subjects;
}

struct subject *
subject_next(const struct subject *s)
{
	return s->link;
}

int
subject_count(void)
{
	return nsubjects;
}

/* Gives back the blocks of Subjects that ended on their own stacks;
 * called on another fiber, once they have switched away for good. */
void
subject_bury(void)
{
	while (corpses) {
		struct subject *c = corpses;

		corpses = c->link;
		page_run_free(c, SUBJECT_PAGES);
	}
}

/* A new Subject's block, its structure zeroed, if fewer than `limit` are
 * taken and memory leaves SUBJECT_RESERVE pages for the others.  The
 * kernel stack at its end is not zeroed: only the kernel reads it, each
 * frame after writing it, and zeroing it was 16 KiB of stores a spawn. */
struct subject *
subject_slot_alloc(int limit)
{
	struct subject *s;

	subject_bury();
	if (nsubjects >= limit || (limit <= MAX_SUBJECTS &&
	    pages_free() < SUBJECT_RESERVE + SUBJECT_PAGES))
		return NULL;
	s = page_run_alloc(SUBJECT_PAGES);
	if (!s)
		return NULL;
	memset(s, 0, offsetof(struct subject, kstack));
	s->link = subjects;
	subjects = s;
	nsubjects++;
	return s;
}

struct subject *
subject_alloc(void)
{
	return subject_slot_alloc(MAX_SUBJECTS);
}

/* Takes `s` out of the list; its block goes back now, or once it has
 * left its stack when it is the one running. */
void
subject_free(struct subject *s, int running)
{
	struct subject **pp = &subjects;

	while (*pp && *pp != s)
		pp = &(*pp)->link;
	if (!*pp)
		return;
	*pp = s->link;
	nsubjects--;
	s->state = SUBJECT_FREE;
	if (running) {
		s->link = corpses;
		corpses = s;
	} else {
		page_run_free(s, SUBJECT_PAGES);
	}
}

struct subject *
subject_by_id(uint32_t id)
{
	for (struct subject *c = subjects; c; c = c->link) {
		if (c->state != SUBJECT_FREE && c->id == id)
			return c;
	}
	return NULL;
}

