#include <string.h>

#include "audit.h"

_Static_assert(AUDIT_ENTRIES > 1, "the previous entry is never the slot reused");

void
audit_init(struct audit_log *l, const uint8_t key[16])
{
	memset(l, 0, sizeof(*l));
	memcpy(l->key, key, 16);
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

static NxAuditEntry *
slot(const struct audit_log *l, uint64_t number)
{
	return (NxAuditEntry *)&l->e[number % AUDIT_ENTRIES];
}

/* The entry before entry `number`: the anchor for the oldest held (all
 * zeros while nothing has been dropped). */
static const NxAuditEntry *
before(const struct audit_log *l, uint64_t number)
{
	uint64_t first = l->count - audit_held(l);

	return number == first ? &l->anchor : slot(l, number - 1);
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

void
audit_begin(struct audit_log *l, const struct siphash *start)
{
	l->run = *start;
	siphash_update(&l->run, before(l, l->count)->tag, 16);
	l->open = 0;
}

void
audit_add(struct audit_log *l, uint32_t subject, const uint8_t identity[16],
    uint32_t seq, uint32_t kind, uint64_t arg, int64_t result)
{
	uint32_t i = l->count % AUDIT_ENTRIES;
	NxAuditEntry *e = &l->e[i];

	/* The oldest entry is about to go: it anchors what follows. */
	if (l->count >= AUDIT_ENTRIES) {
		l->anchor = *e;
		l->anchor_state = l->after[i];
	}
	e->number = l->count;
	e->subject = subject;
	e->seq = seq;
	e->kind = kind;
	e->part = l->open;
	e->arg = arg;
	e->result = result;
	memcpy(e->identity, identity, 16);
	absorb(&l->run, e);
	l->after[i].v[0] = l->run.v[0];
	l->after[i].v[1] = l->run.v[1];
	l->after[i].v[2] = l->run.v[2];
	l->after[i].v[3] = l->run.v[3];
	l->after[i].len = l->run.len;
	l->count++;
	l->open++;
}

void
audit_end(struct audit_log *l, uint8_t tag[16])
{
	struct siphash f = l->run;

	siphash_final(&f, tag);
	for (uint64_t n = l->count - l->open; n < l->count; n++)
		memcpy(slot(l, n)->tag, tag, 16);
	l->open = 0;
}

uint32_t
audit_held(const struct audit_log *l)
{
	return l->count < AUDIT_ENTRIES ? (uint32_t)l->count : AUDIT_ENTRIES;
}

NxAuditEntry *
audit_entry(struct audit_log *l, uint32_t i)
{
	return slot(l, l->count - audit_held(l) + i);
}

/* A batch state again, from what an entry kept of it. */
static void
resume(struct siphash *s, const struct audit_state *a, const uint8_t key[16])
{
	siphash_init(s, key, 16);
	for (int i = 0; i < 4; i++)
		s->v[i] = a->v[i];
	s->len = a->len;
}

/* Entry `e` continues the batch of `prev` (the entry before it). */
static int
continues(const NxAuditEntry *prev, const NxAuditEntry *e)
{
	return prev->part + 1 == e->part && prev->subject == e->subject &&
	    prev->seq + 1 == e->seq &&
	    memcmp(prev->identity, e->identity, 16) == 0;
}

/* Every entry of the batch [start, end] carries the tag `s` gives. */
static int
batch_ok(const struct audit_log *l, const struct siphash *s, uint64_t start,
    uint64_t end)
{
	struct siphash f = *s;
	uint8_t tag[16];

	siphash_final(&f, tag);
	for (uint64_t n = start; n <= end; n++) {
		if (memcmp(slot(l, n)->tag, tag, 16) != 0)
			return 0;
	}
	return 1;
}

int64_t
audit_verify(const struct audit_log *l)
{
	uint64_t first = l->count - audit_held(l), end = l->count - l->open;
	uint64_t start = first;
	struct siphash s;

	for (uint64_t n = first; n < end; n++) {
		const NxAuditEntry *e = slot(l, n);

		if (e->part == 0) {
			start = n;
			audit_subject_state(l->key, e->identity, e->subject,
			    &s);
			siphash_update(&s, before(l, n)->tag, 16);
		} else if (n == 0 || !continues(before(l, n), e)) {
			return (int64_t)start;
		} else if (n == first) {
			/* Its batch began in an entry no longer held. */
			resume(&s, &l->anchor_state, l->key);
		}
		if (e->number != n)
			return (int64_t)start;
		absorb(&s, e);
		if ((n + 1 == end || slot(l, n + 1)->part == 0) &&
		    !batch_ok(l, &s, start, n))
			return (int64_t)start;
	}
	return -1;
}
