/*
 * Checking the audit log (audit_verify): every Subject's held batches
 * must chain from its anchor to its newest tag, each batch at its own
 * number, whole and unchanged (docs/ABI.md, Provenance).  Pure.
 */
#include <stdint.h>
#include <string.h>

#include "audit.h"
#include "audit_ring.h"
#include "copy16.h"

/* Entry `e` continues the batch of `prev` (the entry before it). */
static int
continues(const NxAuditEntry *prev, const NxAuditEntry *e)
{
	return prev->part + 1 == e->part && prev->subject == e->subject &&
	    prev->seq + 1 == e->seq && prev->number + 1 == e->number &&
	    memcmp(prev->identity, e->identity, 16) == 0;
}

/* Where a batch's entries are: `n` entries from slot `at` of a ring of
 * `size` slots (the log's or a trail's kept entries). */
struct span {
	const NxAuditEntry *base;
	uint32_t size, at, n;
};

static const NxAuditEntry *
span_at(const struct span *b, uint32_t k)
{
	return &b->base[(b->at + k) % b->size];
}

/*
 * Checks one batch of Subject `subject`, chained after `prev`: its
 * entries belong together and carry the tag they hash to, which goes to
 * `prev`.  0 if it does not verify.
 */
static int
batch_ok(const struct audit_log *l, uint32_t subject, const struct span *b,
    uint64_t prev[2])
{
	const NxAuditEntry *first = span_at(b, 0);
	struct siphash s;
	uint64_t tag[2], w[2];

	if (first->part != 0 || first->subject != subject)
		return 0;
	audit_subject_state(l->key, first->identity, first->subject, &s);
	w[0] = prev[0] ^ first->number;
	w[1] = prev[1];
	siphash_words(&s, w, 2);
	for (uint32_t k = 0; k < b->n; k++) {
		if (k > 0 && !continues(span_at(b, k - 1), span_at(b, k)))
			return 0;
		absorb(&s, span_at(b, k));
	}
	siphash_final(&s, (uint8_t *)tag);
	for (uint32_t k = 0; k < b->n; k++) {
		if (memcmp(span_at(b, k)->tag, tag, 16) != 0)
			return 0;
	}
	prev[0] = tag[0];
	prev[1] = tag[1];
	return 1;
}

/* The number a failed batch is reported by: its first entry's.  One the
 * log cannot reach (2^63 or more: it was changed) reads as the largest,
 * never as a negative that would look like no failure. */
static int64_t
batch_name(const NxAuditEntry *first)
{
	return first->number > INT64_MAX ? INT64_MAX : (int64_t)first->number;
}

/* The same for a number kept outside an entry. */
static int64_t
batch_name_of(uint64_t number)
{
	return number > INT64_MAX ? INT64_MAX : (int64_t)number;
}

/* What the check knows of each trail as it goes. */
struct chain {
	uint64_t prev[2];	/* the tag the next batch chains after */
	int64_t bad;		/* the first batch that failed, or -1 */
	int64_t last;		/* the newest batch seen */
};

/* The kept batches of trail `t`, from its anchor. */
static void
check_kept(const struct audit_log *l, const struct audit_trail *t,
    struct chain *c)
{
	struct span b = { t->keep, AUDIT_KEEP, 0, 0 };

	copy16(c->prev, t->anchor);
	for (uint32_t k = 0; k < t->kept && c->bad < 0; k += b.n) {
		b.at = (t->start + k) % AUDIT_KEEP;
		b.n = kept_batch(t, k);
		c->last = batch_name(span_at(&b, 0));
		if (!batch_ok(l, t->subject, &b, c->prev))
			c->bad = c->last;
	}
}

int64_t
audit_verify(const struct audit_log *l)
{
	struct chain c[AUDIT_TRAILS];
	struct span b = { l->e, AUDIT_RING, 0, 0 };
	int64_t worst = -1;

	for (uint32_t k = 0; k < AUDIT_TRAILS; k++) {
		c[k].bad = c[k].last = -1;
		check_kept(l, &l->trails[k], &c[k]);
	}
	/* The ring, in order: each batch continues its Subject's chain. */
	for (uint64_t n = ring_first(l); n < ring_end(l); n += b.n) {
		const NxAuditEntry *e = ring_at(l, n);
		const struct audit_trail *t = find(l, e->subject);
		struct chain *tc = t ? &c[t - l->trails] : NULL;
		int64_t number = batch_name(e);

		b.at = (uint32_t)(n % AUDIT_RING);
		b.n = ring_batch(l, n);
		if (tc == NULL) {		/* nobody's entry */
			worst = worst < 0 || number < worst ? number : worst;
			continue;
		}
		if (tc->bad >= 0)
			continue;
		tc->last = number;
		/* A batch sits at its own number: whole entries moved
		 * between places (tags and all) are found here. */
		if (e->number != n || !batch_ok(l, t->subject, &b, tc->prev))
			tc->bad = number;
	}
	for (uint32_t k = 0; k < AUDIT_TRAILS; k++) {
		const struct audit_trail *t = &l->trails[k];

		/* The newest batch kept is the newest made: none missing.  A
		 * Subject holding nothing lost its newest batch last, so its
		 * anchor is its newest tag; a count set to zero to hide its
		 * entries leaves them apart. */
		if (c[k].bad < 0 && t->subject != 0 &&
		    memcmp(c[k].prev, t->tag, 16) != 0)
			c[k].bad = t->kept + t->in_ring > 0 ? c[k].last :
			    batch_name_of(t->active);
		if (c[k].bad >= 0 && (worst < 0 || c[k].bad < worst))
			worst = c[k].bad;
	}
	return worst;
}
