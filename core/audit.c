#include <string.h>

#include "audit.h"
#include "copy16.h"

void
audit_init(struct audit_log *l, const uint8_t key[16])
{
	memset(l, 0, sizeof(*l));
	memcpy(l->key, key, 16);
	for (uint32_t i = 0; i < AUDIT_SLOTS; i++)
		l->link[i].next = i + 1 < AUDIT_SLOTS ? (uint16_t)(i + 1) :
		    AUDIT_NONE;
	l->free = 0;
	l->oldest = l->newest = AUDIT_NONE;
	for (uint32_t k = 0; k < AUDIT_TRAILS; k++)
		l->trails[k].first = l->trails[k].last = AUDIT_NONE;
}

void
audit_subject_state(const uint8_t key[16], const uint8_t identity[16],
    uint32_t subject, struct siphash *out)
{
	uint64_t id = subject;

	siphash_init(out, key, 16);
	siphash_update(out, identity, 16);
	siphash_words(out, &id, 1);
}

/* Takes the slot out of the log's order and puts it on the free list. */
static void
release(struct audit_log *l, uint16_t i)
{
	struct audit_link *k = &l->link[i];

	if (k->prev == AUDIT_NONE)
		l->oldest = k->next;
	else
		l->link[k->prev].next = k->next;
	if (k->next == AUDIT_NONE)
		l->newest = k->prev;
	else
		l->link[k->next].prev = k->prev;
	k->next = l->free;
	l->free = i;
}

/*
 * Drops the trail's oldest closed batch, keeping its tag as the anchor the
 * rest of the trail chains from; returns the entries freed.
 */
static uint32_t
drop_oldest(struct audit_log *l, struct audit_trail *t)
{
	uint16_t i = t->first;
	uint32_t n = 0;

	if (i == AUDIT_NONE) {		/* never: held counts its entries */
		l->held -= t->held;
		t->held = 0;
		return 0;
	}
	copy16(t->anchor, l->e[i].tag);
	do {
		uint16_t later = l->link[i].later;

		release(l, i);
		t->held--;
		l->held--;
		n++;
		i = later;
	} while (t->held > 0 && i != AUDIT_NONE && l->e[i].part != 0);
	t->first = i;
	if (i == AUDIT_NONE)
		t->last = AUDIT_NONE;
	return n;
}

/* The trail holding the most closed entries (NULL: none holds any), and
 * how many the next one holds. */
static struct audit_trail *
biggest(struct audit_log *l, uint32_t *runner_up)
{
	struct audit_trail *big = NULL;

	*runner_up = 0;
	for (struct audit_trail *t = l->trails; t < l->trails + AUDIT_TRAILS;
	    t++) {
		if (big == NULL || t->held > big->held) {
			if (big)
				*runner_up = big->held;
			big = t;
		} else if (t->held > *runner_up) {
			*runner_up = t->held;
		}
	}
	return big && big->held ? big : NULL;
}

/*
 * Frees AUDIT_RECLAIM slots from the biggest trails, oldest batches first:
 * a Subject loses entries only while it holds more than any other.  The
 * open batch is never touched; it is shorter than the log, so closed
 * entries are there to take.
 */
void
audit_make_room(struct audit_log *l)
{
	uint32_t freed = 0, runner_up;
	struct audit_trail *t;

	while (freed < AUDIT_RECLAIM && (t = biggest(l, &runner_up))) {
		do
			freed += drop_oldest(l, t);
		while (freed < AUDIT_RECLAIM && t->held > runner_up);
	}
}

/* Forgets a whole trail, to give its record to another Subject. */
static void
forget(struct audit_log *l, struct audit_trail *t)
{
	while (t->held)
		drop_oldest(l, t);
	memset(t, 0, sizeof(*t));
	t->first = t->last = AUDIT_NONE;
}

static struct audit_trail *
find(const struct audit_log *l, uint32_t subject)
{
	for (uint32_t k = 0; k < AUDIT_TRAILS; k++) {
		if (l->trails[k].subject == subject)
			return (struct audit_trail *)&l->trails[k];
	}
	return NULL;
}

/*
 * The Subject's trail, made if it has none: in an unused record, else in
 * that of the Subject whose newest entry is oldest (an empty one first),
 * whose entries go.  A Subject that gets a new record after losing its
 * old one starts a new chain, from zeros.
 */
static struct audit_trail *
trail_of(struct audit_log *l, uint32_t subject)
{
	struct audit_trail *t = find(l, subject), *victim = NULL;

	if (t)
		return t;
	for (t = l->trails; t < l->trails + AUDIT_TRAILS; t++) {
		if (t->subject == 0) {
			victim = t;
			break;
		}
		if (victim == NULL || (t->held == 0) > (victim->held == 0) ||
		    ((t->held == 0) == (victim->held == 0) &&
		    t->active < victim->active))
			victim = t;
	}
	forget(l, victim);
	victim->subject = subject;
	return victim;
}

void
audit_begin(struct audit_log *l, uint32_t subject,
    const struct siphash *start)
{
	struct audit_trail *t = l->cur;

	if (t == NULL || t->subject != subject)
		t = l->cur = trail_of(l, subject);
	l->run = *start;
	/* The previous tag and the number wait with the commands' words:
	 * one loop. */
	copy16(l->words, t->tag);
	l->words[2] = l->count;
	l->nwords = 3;
	l->open = 0;
}

void
audit_absorb_words(struct audit_log *l)
{
	siphash_words(&l->run, l->words, l->nwords);
	l->nwords = 0;
}

void
audit_end(struct audit_log *l, uint8_t tag[16])
{
	struct audit_trail *t = l->cur;
	uint16_t i = l->newest;
	uint64_t w[2];

	audit_absorb_words(l);
	siphash_final(&l->run, tag);
	if (l->open == 0)
		return;		/* nothing to tag, and no link to make */
	copy16(w, tag);
	for (uint32_t k = 0; k < l->open; k++) {
		copy16(l->e[i].tag, w);
		i = l->link[i].prev;
	}
	copy16(t->tag, w);
	t->held += l->open;
	t->active = l->count - 1;
	l->held += l->open;
	l->open = 0;
}

uint32_t
audit_held(const struct audit_log *l, uint32_t subject)
{
	const struct audit_trail *t;

	if (subject == 0)
		return l->held;
	t = find(l, subject);
	return t ? t->held : 0;
}

static uint16_t
step(const struct audit_log *l, const struct audit_cursor *c)
{
	return c->trail ? l->link[c->at].later : l->link[c->at].next;
}

uint32_t
audit_cursor(const struct audit_log *l, uint32_t subject, uint32_t n,
    struct audit_cursor *c)
{
	const struct audit_trail *t = subject ? find(l, subject) : NULL;
	uint32_t held = audit_held(l, subject);

	c->trail = subject != 0;
	c->at = t ? t->first : subject ? AUDIT_NONE : l->oldest;
	c->left = n < held ? n : held;
	/* Closed entries come before the open batch's in either order. */
	for (uint32_t skip = held - c->left; skip > 0; skip--)
		c->at = step(l, c);
	return c->left;
}

const NxAuditEntry *
audit_next(const struct audit_log *l, struct audit_cursor *c)
{
	const NxAuditEntry *e;

	if (c->left == 0 || c->at == AUDIT_NONE)
		return NULL;
	e = &l->e[c->at];
	c->at = step(l, c);
	c->left--;
	return e;
}

NxAuditEntry *
audit_entry(struct audit_log *l, uint32_t i)
{
	struct audit_cursor c;
	const NxAuditEntry *e = NULL;

	if (i >= audit_cursor(l, 0, l->held, &c))
		return NULL;
	for (uint32_t k = 0; k <= i; k++)
		e = audit_next(l, &c);
	return (NxAuditEntry *)e;
}

/* Absorbs what a command contributes to its batch's tag. */
static void
absorb(struct siphash *s, const NxAuditEntry *e)
{
	uint64_t w[3];

	w[0] = e->seq | (uint64_t)e->kind << 32;
	w[1] = e->arg;
	w[2] = (uint64_t)e->result;
	siphash_words(s, w, 3);
}

/* Entry `e` continues the batch of `prev` (the entry before it). */
static int
continues(const NxAuditEntry *prev, const NxAuditEntry *e)
{
	return prev->part + 1 == e->part && prev->subject == e->subject &&
	    prev->seq + 1 == e->seq && prev->number + 1 == e->number &&
	    memcmp(prev->identity, e->identity, 16) == 0;
}

/*
 * Checks the batch starting at slot `i` of trail `t`, chained after
 * `prev`: its entries belong together and carry the tag they hash to,
 * which goes to `prev`.  Returns the slot after the batch, or AUDIT_NONE
 * with *bad set.  `left` counts the trail's closed entries not yet seen.
 */
static uint16_t
check_batch(const struct audit_log *l, const struct audit_trail *t,
    uint16_t i, uint32_t *left, uint64_t prev[2], int *bad)
{
	const NxAuditEntry *first = &l->e[i], *e = first;
	uint16_t j = i;
	uint32_t n = 0;
	struct siphash s;
	uint64_t tag[2];

	*bad = first->part != 0 || first->subject != t->subject;
	if (*bad)
		return AUDIT_NONE;
	audit_subject_state(l->key, first->identity, first->subject, &s);
	siphash_words(&s, prev, 2);
	siphash_words(&s, &first->number, 1);
	do {
		if (n > 0 && !continues(e, &l->e[j])) {
			*bad = 1;
			return AUDIT_NONE;
		}
		e = &l->e[j];
		absorb(&s, e);
		n++;
		(*left)--;
		j = l->link[j].later;
	} while (*left > 0 && j != AUDIT_NONE && l->e[j].part != 0);
	siphash_final(&s, (uint8_t *)tag);
	for (uint32_t k = 0; k < n; k++, i = l->link[i].later) {
		if (memcmp(l->e[i].tag, tag, 16) != 0) {
			*bad = 1;
			return AUDIT_NONE;
		}
	}
	prev[0] = tag[0];
	prev[1] = tag[1];
	return j;
}

/* -1 if the trail verifies from its anchor to its newest tag, else the
 * number of the first entry of the batch that does not. */
static int64_t
verify_trail(const struct audit_log *l, const struct audit_trail *t)
{
	uint64_t prev[2];
	uint32_t left = t->held;
	uint16_t i = t->first;
	int64_t start = -1;
	int bad = 0;

	copy16(prev, t->anchor);
	while (left > 0) {
		if (i == AUDIT_NONE)
			return start < 0 ? 0 : start;
		start = (int64_t)l->e[i].number;
		i = check_batch(l, t, i, &left, prev, &bad);
		if (bad)
			return start;
	}
	/* The newest batch kept is the newest made: none went missing. */
	if (t->held > 0 && memcmp(prev, t->tag, 16) != 0)
		return start;
	return -1;
}

int64_t
audit_verify(const struct audit_log *l)
{
	int64_t worst = -1;

	for (uint32_t k = 0; k < AUDIT_TRAILS; k++) {
		int64_t r;

		if (l->trails[k].subject == 0)
			continue;
		r = verify_trail(l, &l->trails[k]);
		if (r >= 0 && (worst < 0 || r < worst))
			worst = r;
	}
	return worst;
}
