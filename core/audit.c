#include <string.h>

#include "audit.h"
#include "copy16.h"

_Static_assert((AUDIT_SLOTS & (AUDIT_SLOTS - 1)) == 0, "a power of two");

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
	return (NxAuditEntry *)&l->e[number % AUDIT_SLOTS];
}

/* The entry before entry `number`; all zeros before the first. */
static const NxAuditEntry *
before(const struct audit_log *l, uint64_t number)
{
	static const NxAuditEntry none;

	return number == 0 ? &none : slot(l, number - 1);
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

/* Absorbs the tag a batch chains after (tags are 8-aligned). */
static void
absorb_tag(struct siphash *s, const uint8_t tag[16])
{
	uint64_t w[2];

	copy16(w, tag);
	siphash_words(s, w, 2);
}

void
audit_begin(struct audit_log *l, const struct siphash *start)
{
	l->run = *start;
	/* The previous tag waits with the commands' words: one loop. */
	copy16(l->words, before(l, l->count)->tag);
	l->nwords = 2;
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
	uint64_t t[2];
	uint32_t i = (uint32_t)((l->count - l->open) % AUDIT_SLOTS);

	audit_absorb_words(l);
	siphash_final(&l->run, tag);
	copy16(t, tag);
	for (uint32_t k = 0; k < l->open; k++) {
		copy16(l->e[i].tag, t);
		i = (i + 1) % AUDIT_SLOTS;
	}
	l->open = 0;
}

uint32_t
audit_held(const struct audit_log *l)
{
	uint64_t first = l->count > AUDIT_ENTRIES ? l->count - AUDIT_ENTRIES : 0;

	/* Skip the rest of a batch whose first entries are gone. */
	while (first < l->count && slot(l, first)->part != 0)
		first++;
	return (uint32_t)(l->count - first);
}

NxAuditEntry *
audit_entry(struct audit_log *l, uint32_t i)
{
	return slot(l, l->count - audit_held(l) + i);
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
			absorb_tag(&s, before(l, n)->tag);
		} else if (n == first || !continues(slot(l, n - 1), e)) {
			return (int64_t)start;
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
