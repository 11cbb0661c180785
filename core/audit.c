#include <stddef.h>
#include <string.h>

#include "audit.h"
#include "audit_ring.h"
#include "copy16.h"

_Static_assert(AUDIT_KEEP <= 255, "a cursor keeps kept slots in a byte");

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

/* Drops the trail's oldest kept batch; its tag becomes the anchor. */
static void
drop_kept(struct audit_trail *t)
{
	uint32_t n = kept_batch(t, 0);

	copy16(t->anchor, kept_at(t, 0)->tag);
	t->start = (t->start + n) % AUDIT_KEEP;
	t->kept -= n;
}

/* The state the batches of `e`'s program start from: the trail's, made
 * again only when the identity changed (a program replaced).  Both
 * identities are 8-aligned: compared as two words, not by memcmp. */
static const struct siphash *
start_of(const struct audit_log *l, struct audit_trail *t,
    const NxAuditEntry *e)
{
	const copy16_word *a = (const copy16_word *)t->state_identity;
	const copy16_word *b = (const copy16_word *)e->identity;

	if (!t->state_made || a[0] != b[0] || a[1] != b[1]) {
		audit_subject_state(l->key, e->identity, t->subject, &t->state);
		copy16(t->state_identity, e->identity);
		t->state_made = 1;
	}
	return &t->state;
}

/* Entries whose words seal_next gathers before it hashes them: one call
 * of the compression loop for several commands, not one each. */
#define SEAL_RUN	8

/*
 * Fills in the `len` entries of the batch at `n` what audit_open left to
 * its first (Subject, identity, first sequence number) and what follows
 * from their places (number, part, sequence number).
 */
static void
fill(struct audit_log *l, uint64_t n, uint32_t len)
{
	const NxAuditEntry *first = ring_at(l, n);

	for (uint32_t k = 0; k < len; k++) {
		NxAuditEntry *e = ring_at(l, n + k);

		e->number = n + k;
		e->part = k;
		if (k == 0)
			continue;
		e->subject = first->subject;
		e->seq = first->seq + k;
		copy16(e->identity, first->identity);
	}
}

/*
 * Tags the oldest closed batch not tagged yet, chained after its
 * Subject's newest tagged one.  Its Subject has a trail: a trail is given
 * to another Subject only after its entries left the ring, and they are
 * tagged before they leave.
 */
static void
seal_next(struct audit_log *l)
{
	uint64_t n = l->sealed, w[3 * SEAL_RUN], tag[2];
	NxAuditEntry *e = ring_at(l, n);
	uint32_t len = l->len[n % AUDIT_RING], k, m;
	struct audit_trail *t = l->cur && l->cur->subject == e->subject ?
	    l->cur : find(l, e->subject);
	struct siphash s;

	if (t == NULL || len == 0) {	/* only in a log changed under us */
		l->sealed = n + (len ? len : 1);
		return;
	}
	fill(l, n, len);
	s = *start_of(l, t, e);
	copy16(w, t->tag);
	w[0] ^= n;
	siphash_words(&s, w, 2);
	for (k = 0; k < len; k += m) {
		for (m = 0; m < SEAL_RUN && k + m < len; m++) {
			const NxAuditEntry *c = ring_at(l, n + k + m);

			w[3 * m] = c->seq | (uint64_t)c->kind << 32;
			w[3 * m + 1] = c->arg;
			w[3 * m + 2] = (uint64_t)c->result;
		}
		siphash_words(&s, w, 3 * m);
	}
	siphash_final(&s, (uint8_t *)tag);
	for (k = 0; k < len; k++)
		copy16(ring_at(l, n + k)->tag, tag);
	copy16(t->tag, tag);
	l->sealed = n + len;
}

/* Tags the closed batches that start before `end`. */
static void
seal_until(struct audit_log *l, uint64_t end)
{
	while (l->sealed < end && l->sealed < ring_end(l))
		seal_next(l);
}

void
audit_seal(struct audit_log *l)
{
	audit_end(l);
	seal_until(l, ring_end(l));
}

int
audit_seal_some(struct audit_log *l, uint32_t batches)
{
	for (; batches > 0 && audit_unsealed(l); batches--)
		seal_next(l);
	return audit_unsealed(l);
}

/* Depart's slow part: the batch's `len` entries from `n` on go into its
 * Subject's kept ones, room made by dropping its oldest batches. */
static void __attribute__((noinline))
keep_batch(struct audit_log *l, struct audit_trail *t, uint64_t n,
    uint32_t len)
{
	while (t->kept + len > AUDIT_KEEP)
		drop_kept(t);
	for (uint32_t k = 0; k < len; k++)
		*kept_at(t, t->kept + k) = *ring_at(l, n + k);
	t->kept += len;
}

/*
 * The oldest batch in the ring leaves it, into its Subject's kept entries
 * (room made by dropping its oldest).  If that Subject still has
 * AUDIT_KEEP entries in the ring (it is busy: what it keeps will be newer
 * ones), or the batch is longer than AUDIT_KEEP, the batch is dropped with
 * all its Subject kept before it.  Returns 0 if nothing can leave (the
 * ring holds only the open batch, which callers keep far shorter).  In
 * line: every batch leaves through here, most (a busy Subject's) with a
 * few stores, and a call was a third of that.
 */
static inline __attribute__((always_inline)) int
depart(struct audit_log *l)
{
	uint64_t n = l->cleared - AUDIT_RING;
	struct audit_trail *t;
	NxAuditEntry *e;
	uint32_t len;

	if (l->cleared < AUDIT_RING) {
		l->cleared++;		/* a slot never used */
		return 1;
	}
	if (n >= ring_end(l))
		return 0;
	seal_until(l, n + 1);	/* what leaves is tagged */
	e = ring_at(l, n);
	len = l->len[n % AUDIT_RING];
	t = l->cur && l->cur->subject == e->subject ? l->cur :
	    find(l, e->subject);
	l->cleared += len ? len : 1;
	if (t == NULL || len == 0)
		return 1;		/* nobody's: the bookkeeping is gone */
	t->in_ring -= len < t->in_ring ? len : t->in_ring;
	/* Its newest AUDIT_KEEP are still in the ring, or it is too long:
	 * it goes, with what its Subject kept before it. */
	if (t->in_ring >= AUDIT_KEEP || len > AUDIT_KEEP) {
		copy16(t->anchor, e->tag);
		t->kept = 0;
		return 1;
	}
	keep_batch(l, t, n, len);
	return 1;
}

/* Frees ring slots until `n` and AUDIT_AHEAD more are free past the
 * open batch; tags what must leave. */
static void
clear_ahead(struct audit_log *l, uint32_t n)
{
	while (l->cleared < audit_place(l) + n + AUDIT_AHEAD && depart(l))
		;
}

/*
 * The Subject's trail, made if it has none: in an unused record, else in
 * that of the Subject whose newest entry is oldest, whose entries leave the
 * ring first and are then forgotten with it.  A Subject that gets a new
 * record after losing its old one starts a new chain, from zeros.
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
		if (victim == NULL || t->active < victim->active)
			victim = t;
	}
	while (victim->in_ring > 0 && depart(l))
		;
	/* All but keep[], which kept = 0 empties (2 KiB not cleared at
	 * every spawn once the records are all in use). */
	memset(victim, 0, offsetof(struct audit_trail, keep));
	victim->subject = subject;
	return victim;
}

void
audit_end(struct audit_log *l)
{
	struct audit_trail *t = l->cur;
	uint32_t n = audit_opened(l);

	l->open_subject = 0;
	if (n == 0)
		return;		/* nothing to tag, and no link to make */
	l->len[l->count % AUDIT_RING] = (uint16_t)n;
	t->in_ring += n;
	l->count += n;
	t->active = l->count - 1;
}

/* Closes the open batch and opens one of `subject` with room for `max`,
 * its first command numbered `seq`; what all its entries share goes
 * into the first. */
static void
start(struct audit_log *l, uint32_t subject, const uint8_t identity[16],
    uint32_t seq, uint32_t max)
{
	NxAuditEntry *e;

	audit_end(l);
	if (l->cur == NULL || l->cur->subject != subject)
		l->cur = trail_of(l, subject);
	if (l->cleared < l->count + max)
		clear_ahead(l, max);
	e = ring_at(l, l->count);
	e->subject = subject;
	e->seq = seq;
	copy16(e->identity, identity);
	l->next = e;
	l->open_subject = subject;
	l->open_seq = seq;
}

/*
 * Points `next` at the open batch's next slot and `stop` as far past it
 * as the batch may go without a look: to the ring's end, to the batch's
 * limit of AUDIT_BATCH, and to the end of the slots cleared.
 */
static void
aim(struct audit_log *l)
{
	uint64_t at = audit_place(l), lim = l->count + AUDIT_BATCH;
	uint64_t end = at - at % AUDIT_RING + AUDIT_RING;

	lim = l->cleared < lim ? l->cleared : lim;
	lim = end < lim ? end : lim;
	l->next = ring_at(l, at);
	l->stop = l->next + (lim > at ? lim - at : 0);
}

void
audit_alone(struct audit_log *l, uint32_t subject, const uint8_t identity[16],
    uint32_t seq, uint32_t kind, uint64_t arg, int64_t result)
{
	start(l, subject, identity, seq, 1);
	audit_put(l->next, kind, arg, result);
	l->open_seq = seq + 1;
	audit_end(l);
}

NxAuditEntry *
audit_reach(struct audit_log *l, uint32_t subject, const uint8_t identity[16],
    uint32_t seq, uint32_t max)
{
	if (l->open_subject != subject || l->open_seq != seq ||
	    audit_opened(l) + max > AUDIT_BATCH)
		start(l, subject, identity, seq, max);
	else if (l->cleared < audit_place(l) + max)
		clear_ahead(l, max);
	aim(l);
	return l->next;
}

/* The ring is searched newest first, then the Subject's kept entries:
 * one pass over each, with no merging of trails. */
int
audit_receipt(struct audit_log *l, uint32_t subject, uint32_t seq,
    NxAuditEntry *out)
{
	const struct audit_trail *t;
	const NxAuditEntry *e;

	audit_seal(l);
	for (uint64_t n = ring_end(l); n > ring_first(l); n--) {
		e = ring_at(l, n - 1);
		if (e->subject == subject && e->seq == seq) {
			*out = *e;
			return 0;
		}
	}
	t = find(l, subject);
	for (uint32_t k = t ? t->kept : 0; k > 0; k--) {
		e = kept_at(t, k - 1);
		if (e->seq == seq) {
			*out = *e;
			return 0;
		}
	}
	return -1;
}

uint32_t
audit_held(const struct audit_log *l, uint32_t subject)
{
	const struct audit_trail *t;
	uint32_t n = 0;

	if (subject) {
		t = find(l, subject);
		return t ? t->kept + t->in_ring : 0;
	}
	for (uint32_t k = 0; k < AUDIT_TRAILS; k++)
		n += l->trails[k].kept + l->trails[k].in_ring;
	return n;
}

/* The next kept entry of the walk: the trail's, or the lowest-numbered
 * of all trails'; NULL when they are done. */
static const NxAuditEntry *
next_kept(const struct audit_log *l, struct audit_cursor *c)
{
	const struct audit_trail *t = l->trails;
	int best = -1;

	for (uint32_t k = 0; k < AUDIT_TRAILS; k++, t++) {
		if (t->subject == 0 || c->at[k] >= t->kept ||
		    (c->subject && t->subject != c->subject))
			continue;
		if (best < 0 || kept_at(t, c->at[k])->number <
		    kept_at(&l->trails[best], c->at[best])->number)
			best = (int)k;
	}
	if (best < 0)
		return NULL;
	return kept_at(&l->trails[best], c->at[best]++);
}

static const NxAuditEntry *
step(const struct audit_log *l, struct audit_cursor *c)
{
	const NxAuditEntry *e = next_kept(l, c);

	while (e == NULL && c->ring < ring_end(l)) {
		e = ring_at(l, c->ring++);
		if (c->subject && e->subject != c->subject)
			e = NULL;
	}
	return e;
}

uint32_t
audit_cursor(const struct audit_log *l, uint32_t subject, uint32_t n,
    struct audit_cursor *c)
{
	uint32_t held = audit_held(l, subject), skip, kept = 0;

	memset(c, 0, sizeof(*c));
	c->subject = subject;
	c->ring = ring_first(l);
	c->left = n < held ? n : held;
	skip = held - c->left;
	/* The newest are usually all in the ring: jump past the kept ones
	 * (and, for every Subject's, past the ring entries skipped). */
	for (uint32_t k = 0; k < AUDIT_TRAILS; k++) {
		if (!subject || l->trails[k].subject == subject)
			kept += l->trails[k].kept;
	}
	if (skip >= kept) {
		for (uint32_t k = 0; k < AUDIT_TRAILS; k++)
			c->at[k] = (uint8_t)l->trails[k].kept;
		skip -= kept;
		if (!subject) {
			c->ring += skip;
			skip = 0;
		}
	}
	for (; skip > 0; skip--)
		step(l, c);
	return c->left;
}

const NxAuditEntry *
audit_next(const struct audit_log *l, struct audit_cursor *c)
{
	if (c->left == 0)
		return NULL;
	c->left--;
	return step(l, c);
}

NxAuditEntry *
audit_entry(struct audit_log *l, uint32_t i)
{
	struct audit_cursor c;
	const NxAuditEntry *e = NULL;
	uint32_t held = audit_held(l, 0);

	if (i >= held)
		return NULL;
	audit_cursor(l, 0, held - i, &c);
	e = audit_next(l, &c);
	return (NxAuditEntry *)e;
}
