/*
 * The audit log (core/audit.c) against an independent reading of it,
 * written here from the specification in docs/ABI.md ("Provenance") and
 * the fields' meanings in core/audit.h, sharing no code with audit.c or
 * libs/siphash.c: its own SipHash-2-4-128 (checked against the reference
 * vectors first), each tag computed over one flat byte string.
 *
 * Logs are built through audit.c as the kernel builds them, by many
 * Subjects with random batches, so that the ring wraps, batches leave it
 * into their Subject's kept entries or are dropped, and Subjects lose
 * their records to newer ones.  A model written from the specification
 * says what every entry must be, tag included, and what each Subject's
 * anchor and newest tag must be; what the log holds of a Subject must be
 * the unbroken end of its chain.  Then, for thousands of tampered copies
 * (any byte of any held entry, of an anchor or of a newest tag; two
 * entries swapped), audit_verify must name the same batch as a verifier
 * written here.  The e2e tests see only the kernel's verdict ("chain
 * ok"); this is what makes that verdict worth believing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "test.h"

/* ---- SipHash-2-4 with 128-bit output, from the paper ----------------- */

#define ROTL(x, b)	(((x) << (b)) | ((x) >> (64 - (b))))

static uint64_t
le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void
put_le64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

static void
sipround(uint64_t v[4])
{
	v[0] += v[1]; v[1] = ROTL(v[1], 13); v[1] ^= v[0];
	v[0] = ROTL(v[0], 32);
	v[2] += v[3]; v[3] = ROTL(v[3], 16); v[3] ^= v[2];
	v[0] += v[3]; v[3] = ROTL(v[3], 21); v[3] ^= v[0];
	v[2] += v[1]; v[1] = ROTL(v[1], 17); v[1] ^= v[2];
	v[2] = ROTL(v[2], 32);
}

static void
ref_siphash128(const uint8_t key[16], const uint8_t *m, size_t len,
    uint8_t out[16])
{
	uint64_t k0 = le64(key), k1 = le64(key + 8), last;
	uint64_t v[4] = { k0 ^ 0x736f6d6570736575ull, k1 ^ 0x646f72616e646f6dull,
	    k0 ^ 0x6c7967656e657261ull, k1 ^ 0x7465646279746573ull };
	uint8_t tail[8] = { 0 };
	size_t full = len / 8 * 8;

	v[1] ^= 0xee;
	for (size_t i = 0; i < full; i += 8) {
		uint64_t w = le64(m + i);

		v[3] ^= w;
		sipround(v);
		sipround(v);
		v[0] ^= w;
	}
	memcpy(tail, m + full, len - full);
	last = le64(tail) | (uint64_t)len << 56;
	v[3] ^= last;
	sipround(v);
	sipround(v);
	v[0] ^= last;
	v[2] ^= 0xee;
	for (int r = 0; r < 4; r++)
		sipround(v);
	put_le64(out, v[0] ^ v[1] ^ v[2] ^ v[3]);
	v[1] ^= 0xdd;
	for (int r = 0; r < 4; r++)
		sipround(v);
	put_le64(out + 8, v[0] ^ v[1] ^ v[2] ^ v[3]);
}

/* The first sip128 vectors of the reference file, so the reference
 * implementation here is itself checked. */
static int
ref_siphash_ok(void)
{
	char path[512], line[256], variant[16], hex[40];
	uint8_t key[16], msg[64], out[16];
	int n, checked = 0, bad = 0;
	FILE *f;

	for (int i = 0; i < 16; i++)
		key[i] = (uint8_t)i;
	for (int i = 0; i < 64; i++)
		msg[i] = (uint8_t)i;
	test_path(path, sizeof(path), test_datadir, "siphash-2-4-vectors.txt");
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%15s %d %39s", variant, &n, hex) != 3 ||
		    strcmp(variant, "sip128") != 0 || n < 0 || n > 64)
			continue;
		ref_siphash128(key, msg, (size_t)n, out);
		for (int i = 0; i < 16; i++) {
			unsigned byte;

			if (sscanf(hex + 2 * i, "%2x", &byte) != 1 ||
			    out[i] != byte)
				bad = 1;
		}
		checked++;
	}
	fclose(f);
	return checked == 64 && !bad;
}

/* ---- the tag, from docs/ABI.md ---------------------------------------- */

static const uint8_t key[16] = "an independent!";
static const uint8_t zeros[16];

/*
 * The tag of the batch e[0..n):
 *	identity || subject || previous tag ^ number ||
 *	for each command: seq | kind << 32, arg, result
 * the Subject id and the words 64-bit little-endian, identity and previous
 * tag their 16 bytes, the number XORed into the previous tag's first eight
 * (read as a little-endian word).  Identity, Subject and number are the
 * first entry's.
 */
static void
ref_tag(const NxAuditEntry *e, size_t n, const uint8_t prev[16],
    uint8_t tag[16])
{
	uint8_t *m = malloc(40 + 24 * n), *p = m;

	memcpy(p, e[0].identity, 16);
	put_le64(p + 16, e[0].subject);
	put_le64(p + 24, le64(prev) ^ e[0].number);
	memcpy(p + 32, prev + 8, 8);
	p += 40;
	for (size_t i = 0; i < n; i++, p += 24) {
		put_le64(p, e[i].seq | (uint64_t)e[i].kind << 32);
		put_le64(p + 8, e[i].arg);
		put_le64(p + 16, (uint64_t)e[i].result);
	}
	ref_siphash128(key, m, (size_t)(p - m), tag);
	free(m);
}

/* ---- what the log holds, read from its fields (core/audit.h) ---------- */

/* The held (closed) ring entries are numbers [first, end): slots
 * [count, cleared) are free, so the ring reaches back to cleared - RING. */
static uint64_t
ring_first(const struct audit_log *l)
{
	return l->cleared > AUDIT_RING ? l->cleared - AUDIT_RING : 0;
}

static uint64_t
ring_end(const struct audit_log *l)
{
	return l->count;
}

static NxAuditEntry *
ring_slot(struct audit_log *l, uint64_t number)
{
	return &l->e[number % AUDIT_RING];
}

static NxAuditEntry *
kept_slot(struct audit_trail *t, uint32_t k)
{
	return &t->keep[(t->start + k) % AUDIT_KEEP];
}

/* The trail of `subject` (nonzero), or NULL. */
static struct audit_trail *
trail_of(struct audit_log *l, uint32_t subject)
{
	for (uint32_t k = 0; subject && k < AUDIT_TRAILS; k++) {
		if (l->trails[k].subject == subject)
			return &l->trails[k];
	}
	return NULL;
}

/*
 * Everything held of the Subject of trail `t`, oldest first: its kept
 * entries, then its entries in the ring.  Returns how many (at most max).
 */
static uint32_t
held_of(struct audit_log *l, struct audit_trail *t, NxAuditEntry *out,
    uint32_t max)
{
	uint32_t n = 0;

	for (uint32_t k = 0; k < t->kept && n < max; k++)
		out[n++] = *kept_slot(t, k);
	for (uint64_t i = ring_first(l); i < ring_end(l) && n < max; i++) {
		if (ring_slot(l, i)->subject == t->subject)
			out[n++] = *ring_slot(l, i);
	}
	return n;
}

/* ---- the independent verifier ----------------------------------------- */

/*
 * 1 if the batch e[0..n) is one of Subject `subject`'s, chained after
 * `prev` (which then becomes its tag): a first entry (part 0) and those
 * after it, numbered on, all of one Subject and identity, all carrying
 * the tag the specification gives.
 */
static int
ref_batch_ok(const NxAuditEntry *e, uint32_t n, uint32_t subject,
    uint8_t prev[16])
{
	uint8_t tag[16];

	if (e[0].part != 0 || e[0].subject != subject)
		return 0;
	for (uint32_t i = 1; i < n; i++) {
		if (e[i].part != i || e[i].number != e[0].number + i ||
		    e[i].subject != subject ||
		    memcmp(e[i].identity, e[0].identity, 16) != 0)
			return 0;
	}
	ref_tag(e, n, prev, tag);
	for (uint32_t i = 0; i < n; i++) {
		if (memcmp(e[i].tag, tag, 16) != 0)
			return 0;
	}
	memcpy(prev, tag, 16);
	return 1;
}

/* One Subject's chain as the check walks it. */
struct ref_chain {
	uint8_t prev[16];	/* the tag the next batch must chain after */
	int64_t bad;		/* its first batch that fails, or -1 */
	int64_t last;		/* its newest batch walked, or -1 */
};

/* The next batch of a run of entries (a trail's kept ones, or the
 * ring's): an entry and those after it that are not a first (part 0). */
static uint32_t
batch_len(const NxAuditEntry *const *e, uint32_t n)
{
	uint32_t k = 1;

	while (k < n && e[k]->part != 0)
		k++;
	return k;
}

/* A batch is named by its first entry's number; one no log reaches
 * (2^63 or more) by the largest there is. */
static int64_t
ref_name(const NxAuditEntry *first)
{
	return first->number >= (uint64_t)1 << 63 ? INT64_MAX :
	    (int64_t)first->number;
}

/* Checks the batch e[0..n) of chain `c`; `number` names it if it fails. */
static void
ref_step(struct ref_chain *c, const NxAuditEntry *const *e, uint32_t n,
    uint32_t subject, int64_t number)
{
	NxAuditEntry b[AUDIT_RING];

	if (c->bad >= 0)
		return;
	for (uint32_t i = 0; i < n; i++)
		b[i] = *e[i];
	c->last = number;
	if (!ref_batch_ok(b, n, subject, c->prev))
		c->bad = number;
}

/*
 * The verdict the specification gives: -1 if every Subject's held
 * batches chain from its anchor to its newest tag, else the number of the
 * first entry of the earliest batch that does not (the number that entry
 * carries, even if it is what was changed).  Batches
 * are runs of consecutive entries, each Subject's a chain of its own; a
 * ring batch of a Subject with no record belongs to no chain and fails.
 */
void
ref_log_init(struct audit_log *l)
{
	audit_init(l, key);
}

int64_t
ref_verdict(struct audit_log *l)
{
	static const NxAuditEntry *run[AUDIT_RING];
	struct ref_chain c[AUDIT_TRAILS];
	int64_t worst = -1;
	uint32_t n;

	for (uint32_t k = 0; k < AUDIT_TRAILS; k++) {
		struct audit_trail *t = &l->trails[k];

		memcpy(c[k].prev, t->anchor, 16);
		c[k].bad = c[k].last = -1;
		n = t->subject ? t->kept : 0;
		for (uint32_t i = 0; i < n; i++)
			run[i] = kept_slot(t, i);
		for (uint32_t i = 0, len; i < n; i += len) {
			len = batch_len(run + i, n - i);
			ref_step(&c[k], run + i, len, t->subject,
			    ref_name(run[i]));
		}
	}
	n = (uint32_t)(ring_end(l) - ring_first(l));
	for (uint32_t i = 0; i < n; i++)
		run[i] = ring_slot(l, ring_first(l) + i);
	for (uint32_t i = 0, len; i < n; i += len) {
		struct audit_trail *t = trail_of(l, run[i]->subject);
		int64_t number = ref_name(run[i]);

		len = batch_len(run + i, n - i);
		if (t == NULL && (worst < 0 || number < worst))
			worst = number;
		/* A batch must start at the place its number gives. */
		if (t != NULL && run[i]->number != ring_first(l) + i) {
			struct ref_chain *rc = &c[t - l->trails];

			if (rc->bad < 0) {
				rc->last = number;
				rc->bad = number;
			}
		} else if (t != NULL)
			ref_step(&c[t - l->trails], run + i, len, t->subject,
			    number);
	}
	for (uint32_t k = 0; k < AUDIT_TRAILS; k++) {
		/* The newest batch held must be the newest made; a Subject
		 * holding nothing lost its newest last, so its anchor is its
		 * newest tag, and a mismatch is named by its newest entry. */
		if (c[k].bad < 0 && l->trails[k].subject != 0 &&
		    memcmp(c[k].prev, l->trails[k].tag, 16) != 0)
			c[k].bad = c[k].last >= 0 ? c[k].last :
			    (l->trails[k].active > INT64_MAX ? INT64_MAX :
			    (int64_t)l->trails[k].active);
		if (c[k].bad >= 0 && (worst < 0 || c[k].bad < worst))
			worst = c[k].bad;
	}
	return worst;
}

/* ---- logs from audit.c, and the model of what they must hold ---------- */

static uint64_t rng_state;

static uint64_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

#define SUBJECTS	40	/* more than AUDIT_TRAILS: records are reused */
#define MAX_ENTRIES	(8 * AUDIT_RING)

/* A Subject as the specification sees it. */
struct msubject {
	uint32_t id;
	uint32_t seq;
	uint8_t identity[16];
	int live;		/* it has a record in the log */
	uint64_t active;	/* the number of its newest entry */
	uint64_t from;		/* the first entry of its current chain */
	uint8_t tag[16];	/* its newest batch's, or zeros */
};

struct model {
	NxAuditEntry e[MAX_ENTRIES];	/* entry n as it must be held */
	uint64_t n;
	struct msubject s[SUBJECTS];
	uint32_t restarts;		/* records given to another Subject */
};

/* A 33rd Subject takes the record of the one whose newest entry is
 * oldest, which starts from zeros if it comes back. */
static void
model_begin(struct model *m, struct msubject *s)
{
	struct msubject *victim = NULL;
	uint32_t live = 0;

	if (s->live)
		return;
	for (struct msubject *o = m->s; o < m->s + SUBJECTS; o++) {
		if (!o->live)
			continue;
		live++;
		if (victim == NULL || o->active < victim->active)
			victim = o;
	}
	if (live == AUDIT_TRAILS) {
		victim->live = 0;
		m->restarts++;
	}
	s->live = 1;
	s->from = m->n;
	memcpy(s->tag, zeros, 16);
}

/* One batch of `size` random commands by `s`, through audit.c and into
 * the model; left open if `open`. */
static void
make_batch(struct audit_log *l, struct model *m, struct msubject *s,
    uint32_t size, int open)
{
	uint8_t identity[16] __attribute__((aligned(8)));
	NxAuditEntry *e = &m->e[m->n];

	memcpy(identity, s->identity, 16);
	audit_end(l);	/* a batch of its own */
	model_begin(m, s);
	for (uint32_t k = 0; k < size; k++) {
		e[k] = (NxAuditEntry){ .number = m->n + k, .subject = s->id,
		    .seq = s->seq++, .kind = (uint32_t)(rng() % 0x800),
		    .part = k, .arg = rng(),
		    .result = (int64_t)rng() >> (rng() % 64) };
		memcpy(e[k].identity, identity, 16);
		audit_add(l, s->id, identity, e[k].seq, e[k].kind, e[k].arg,
		    e[k].result);
	}
	m->n += size;
	if (open)
		return;
	audit_end(l);
	ref_tag(e, size, s->tag, s->tag);
	for (uint32_t k = 0; k < size; k++)
		memcpy(e[k].tag, s->tag, 16);
	s->active = m->n - 1;
}

/* Batch sizes as a doorbell takes them: mostly a few commands, some
 * longer than a Subject keeps. */
static uint32_t
random_size(void)
{
	uint64_t r = rng() % 20;

	if (r < 14)
		return 1 + (uint32_t)(rng() % 4);
	if (r < 19)
		return 5 + (uint32_t)(rng() % (AUDIT_KEEP - 4));
	return AUDIT_KEEP + 1 + (uint32_t)(rng() % (AUDIT_BATCH - AUDIT_KEEP));
}

/*
 * A log of about `n` entries by `subjects` Subjects, Subject 0 of them
 * busy (half the batches); sometimes a program is replaced (a new
 * identity, the same chain).  The last batch is left open if `open`.
 * Tags come as in the kernel: some now and then, the rest at the end.
 */
static struct audit_log *
random_log(struct model *m, uint32_t n, uint32_t subjects, int open)
{
	struct audit_log *l = malloc(sizeof(*l));

	audit_init(l, key);
	memset(m, 0, sizeof(*m));
	for (uint32_t i = 0; i < SUBJECTS; i++) {
		m->s[i].id = (1 + i) * 0x9e3779b1u;	/* the high bits too */
		for (int b = 0; b < 16; b++)
			m->s[i].identity[b] = (uint8_t)rng();
	}
	while (m->n < n) {
		struct msubject *s = &m->s[rng() % 2 ? 0 : rng() % subjects];
		uint32_t size = random_size();

		if (size > n - m->n)
			size = (uint32_t)(n - m->n);
		if (rng() % 50 == 0)
			s->identity[rng() % 16] ^= 1;
		make_batch(l, m, s, size, open && m->n + size == n);
		/* A few now and then (as when idle); else only as the ring
		 * makes room. */
		if (rng() % 8 == 0)
			audit_seal_some(l, (uint32_t)(rng() % 4));
	}
	while (audit_seal_some(l, 64))	/* audit_seal would close it */
		;
	return l;
}

/* Coverage of the cases the log handles, over every round. */
static struct {
	uint32_t dropped;	/* Subjects whose chain is held in part */
	uint32_t kept;		/* Subjects with entries out of the ring */
	uint32_t restarts;	/* records given to another Subject */
	uint32_t wrapped;	/* logs whose ring went round */
} seen;

/*
 * What the log holds of model Subject `s` must be the unbroken end of its
 * current chain, each entry exactly as the model made it; its anchor the
 * tag of the batch before, its newest tag that of its newest batch.
 */
static void
check_subject(struct audit_log *l, struct model *m, struct msubject *s)
{
	static NxAuditEntry held[AUDIT_RING + AUDIT_KEEP];
	static uint64_t chain[MAX_ENTRIES];
	struct audit_trail *t = trail_of(l, s->id);
	uint32_t h, c = 0;

	test_note("Subject %#x", s->id);
	if (!CHECK(t != NULL))
		return;
	for (uint64_t i = s->from; i < m->n; i++) {
		if (m->e[i].subject == s->id && i < ring_end(l))
			chain[c++] = i;
	}
	h = held_of(l, t, held, AUDIT_RING + AUDIT_KEEP);
	test_note("Subject %#x: %u held of %u", s->id, h, c);
	if (!CHECK(h <= c))
		return;
	for (uint32_t i = 0; i < h; i++) {
		test_note("Subject %#x: held entry %u of %u, number %llu",
		    s->id, i, h, (unsigned long long)held[i].number);
		CHECK(memcmp(&held[i], &m->e[chain[c - h + i]],
		    sizeof(held[i])) == 0);
	}
	test_note("Subject %#x: held from a batch's start", s->id);
	CHECK(h == 0 || held[0].part == 0);
	test_note("Subject %#x: anchor", s->id);
	CHECK(memcmp(t->anchor, h < c ? m->e[chain[c - h - 1]].tag : zeros,
	    16) == 0);
	test_note("Subject %#x: newest tag", s->id);
	CHECK(memcmp(t->tag, s->tag, 16) == 0);
	seen.dropped += h < c;
	seen.kept += t->kept > 0;
}

/* Every entry held is the model's, and the log's own walk gives them all,
 * oldest first; the live Subjects are those with records. */
static void
check_log(struct audit_log *l, struct model *m)
{
	struct audit_cursor cur;
	const NxAuditEntry *e;
	uint32_t held = audit_held(l, 0), live = 0, walked = 0;
	int64_t prev = -1;

	for (struct msubject *s = m->s; s < m->s + SUBJECTS; s++) {
		if (s->live) {
			live++;
			check_subject(l, m, s);
		} else {
			test_note("Subject %#x forgotten", s->id);
			CHECK(trail_of(l, s->id) == NULL);
		}
	}
	for (uint32_t k = 0; k < AUDIT_TRAILS; k++)
		live -= l->trails[k].subject != 0;
	CHECK_EQ(live, 0);
	CHECK_EQ(audit_cursor(l, 0, held, &cur), held);
	while ((e = audit_next(l, &cur)) != NULL) {
		test_note("walked entry %u, number %llu", walked,
		    (unsigned long long)e->number);
		if (!CHECK(e->number < m->n && (int64_t)e->number > prev &&
		    memcmp(e, &m->e[e->number], sizeof(*e)) == 0))
			break;
		prev = (int64_t)e->number;
		walked++;
	}
	CHECK_EQ(walked, held);
	seen.restarts += m->restarts;
	seen.wrapped += l->count > AUDIT_RING;
}

/* ---- tampering -------------------------------------------------------- */

/* A held entry at random: in the ring, or kept by a trail.  NULL if the
 * log holds none. */
static NxAuditEntry *
some_entry(struct audit_log *l, char *what, size_t size)
{
	uint64_t first = ring_first(l), end = ring_end(l);
	struct audit_trail *t = &l->trails[rng() % AUDIT_TRAILS];

	if (rng() % 2 && t->subject && t->kept > 0) {
		uint32_t k = (uint32_t)(rng() % t->kept);

		snprintf(what, size, "kept entry %u of %u of Subject %#x", k,
		    t->kept, t->subject);
		return kept_slot(t, k);
	}
	if (end == first)
		return NULL;
	first += rng() % (end - first);
	snprintf(what, size, "ring entry %llu", (unsigned long long)first);
	return ring_slot(l, first);
}

/*
 * Changes one thing of what is verified: a byte of a held entry, of a
 * Subject's anchor or newest tag, or swaps two held entries.  Returns 1
 * if it must be seen: every change is, a Subject holding nothing
 * included (its anchor must then equal its newest tag).
 */
static int
tamper(struct audit_log *l, char *what, size_t size)
{
	uint8_t flip = (uint8_t)(1 + rng() % 255);
	uint32_t r = (uint32_t)(rng() % 16), at;
	struct audit_trail *t = &l->trails[rng() % AUDIT_TRAILS];
	NxAuditEntry *e, *o, swap;
	char other[64];

	if (r == 2 && t->subject && t->kept > 0 && t->in_ring == 0) {
		/* Its kept entries hidden by their count: the anchor no
		 * longer leads to the newest tag. */
		snprintf(what, size, "Subject %#x's %u kept entries hidden",
		    t->subject, t->kept);
		t->kept = 0;
		return 1;
	}
	if (r < 2 && t->subject) {
		uint8_t *tag = r == 0 ? t->anchor : t->tag;

		at = (uint32_t)(rng() % 16);
		tag[at] ^= flip;
		snprintf(what, size, "Subject %#x's %s, byte %u ^ %#x",
		    t->subject, r == 0 ? "anchor" : "newest tag", at, flip);
		return 1;
	}
	e = some_entry(l, what, size);
	if (e == NULL)
		return 0;
	if (r < 4) {
		o = some_entry(l, other, sizeof(other));
		swap = *e;
		*e = *o;
		*o = swap;
		snprintf(what + strlen(what), size - strlen(what),
		    " swapped with %s", other);
		return e != o;
	}
	at = (uint32_t)(rng() % sizeof(*e));
	((uint8_t *)e)[at] ^= flip;
	snprintf(what + strlen(what), size - strlen(what), ", byte %u ^ %#x",
	    at, flip);
	return 1;
}

void
test_audit_independent(void)
{
	static const uint32_t sizes[] = { 3, 12, SUBJECTS };
	struct model *m = malloc(sizeof(*m));
	struct audit_log *l, *copy = malloc(sizeof(*copy));
	char what[160];
	int disagree = 0;

	if (!CHECK(ref_siphash_ok()))
		goto out;	/* the reference itself is wrong */
	rng_state = 0x9e3779b97f4a7c15ull;
	for (int round = 0; round < 24; round++) {
		uint32_t n = 1 + (uint32_t)(rng() % MAX_ENTRIES);
		uint32_t subjects = sizes[round % 3];

		l = random_log(m, n, subjects, round % 4 == 3);
		check_log(l, m);
		/* Untouched: both verify. */
		test_note("%u entries, untouched", n);
		CHECK_EQ(ref_verdict(l), -1);
		test_note("%u entries, untouched", n);
		CHECK_EQ(audit_verify(l), -1);
		for (int k = 0; k < 250 && disagree < 5; k++) {
			int64_t want, got;
			int seen_required;

			memcpy(copy, l, sizeof(*l));
			seen_required = tamper(copy, what, sizeof(what));
			want = ref_verdict(copy);
			got = audit_verify(copy);
			test_note("round %d, %u entries, %s", round, n, what);
			CHECK(want != -1 || !seen_required);
			test_note("round %d, %u entries, %s", round, n, what);
			if (!CHECK_EQ(got, want))
				disagree++;
		}
		free(l);
	}
	/* The logs went through every case. */
	test_note("dropped %u kept %u restarts %u wrapped %u", seen.dropped,
	    seen.kept, seen.restarts, seen.wrapped);
	CHECK(seen.dropped > 0 && seen.kept > 0 && seen.restarts > 0 &&
	    seen.wrapped > 0);
out:
	free(m);
	free(copy);
}
