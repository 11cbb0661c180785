/*
 * The audit log's verifier (core/audit.c) against an independent one,
 * written here from the specification in docs/ABI.md ("Provenance") and
 * the SipHash paper, sharing no code with audit.c or libs/siphash.c: its
 * own SipHash-2-4-128 (checked against the reference vectors first), the
 * tag computed over one flat byte string per batch.
 *
 * Logs are built through audit.c as the kernel builds them, with random
 * batches; every tag must be the one the specification gives, and for
 * thousands of tampered copies (any byte of any entry or of the anchor)
 * audit_verify must name the same batch as the independent verifier.
 * The e2e tests see only the kernel's verdict ("chain ok"); this is what
 * makes that verdict worth believing.
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

/* ---- the chain, from docs/ABI.md ------------------------------------- */

/*
 * The tag of the batch e[0..n): identity || subject || previous tag ||
 * for each command seq | kind << 32, arg, result; words little-endian.
 */
static void
ref_tag(const uint8_t key[16], const NxAuditEntry *e, size_t n,
    const uint8_t prev[16], uint8_t tag[16])
{
	uint8_t *m = malloc(40 + 24 * n), *p = m;

	memcpy(p, e[0].identity, 16);
	put_le64(p + 16, e[0].subject);
	memcpy(p + 24, prev, 16);
	p += 40;
	for (size_t i = 0; i < n; i++, p += 24) {
		put_le64(p, e[i].seq | (uint64_t)e[i].kind << 32);
		put_le64(p + 8, e[i].arg);
		put_le64(p + 16, (uint64_t)e[i].result);
	}
	ref_siphash128(key, m, (size_t)(p - m), tag);
	free(m);
}

/*
 * -1 if the entries e[0..n), shown after an entry whose tag is `anchor`,
 * verify; else the number the first entry of the first bad batch should
 * have.  A batch is a first entry (part 0) and the entries after it with
 * part 1, 2, ...; all of one Subject (id and identity); every entry sits
 * at its own number; and every entry carries the batch's tag.
 */
static int64_t
ref_verify(const uint8_t key[16], const NxAuditEntry *e, size_t n,
    const uint8_t anchor[16], uint64_t first)
{
	const uint8_t *prev = anchor;
	size_t start = 0;

	while (start < n) {
		size_t end = start + 1;
		uint8_t tag[16];

		while (end < n && e[end].part != 0)
			end++;
		for (size_t i = start; i < end; i++) {
			if (e[i].part != i - start || e[i].number != first + i ||
			    e[i].subject != e[start].subject ||
			    memcmp(e[i].identity, e[start].identity, 16) != 0)
				return (int64_t)(first + start);
		}
		ref_tag(key, e + start, end - start, prev, tag);
		for (size_t i = start; i < end; i++) {
			if (memcmp(e[i].tag, tag, 16) != 0)
				return (int64_t)(first + start);
		}
		prev = e[end - 1].tag;
		start = end;
	}
	return -1;
}

/* ---- logs from audit.c, compared -------------------------------------- */

static uint64_t rng_state;

static uint64_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static const uint8_t key[16] = "an independent!";

/* A log as the kernel fills it: batches of 1 to AUDIT_BATCH commands of
 * Subjects 1-16, `n` entries in all, every batch closed. */
static struct audit_log *
random_log(uint32_t n)
{
	struct audit_log *l = malloc(sizeof(*l));
	uint32_t seq[17] = { 0 };

	audit_init(l, key);
	while (n > 0) {
		uint32_t subject = 1 + (uint32_t)(rng() % 16);
		uint32_t size = 1 + (uint32_t)(rng() % AUDIT_BATCH);
		uint8_t identity[16] __attribute__((aligned(8)));
		uint8_t tag[16] __attribute__((aligned(8)));
		struct siphash start;

		for (int i = 0; i < 16; i++)
			identity[i] = (uint8_t)(subject * 37 + (uint32_t)i);
		if (size > n)
			size = n;
		audit_subject_state(key, identity, subject, &start);
		audit_begin(l, &start);
		for (uint32_t k = 0; k < size; k++) {
			audit_add(l, subject, identity, seq[subject]++,
			    (uint32_t)(rng() % 0x800), rng(),
			    (int64_t)rng() >> (rng() % 64));
		}
		audit_end(l, tag);
		n -= size;
	}
	return l;
}

/* The entry before the oldest shown (zeros before the first entry). */
static NxAuditEntry *
anchor_of(struct audit_log *l)
{
	static NxAuditEntry none;
	uint64_t first = l->count - audit_held(l);

	if (first == 0) {
		memset(&none, 0, sizeof(none));
		return &none;
	}
	return &l->e[(first - 1) % AUDIT_SLOTS];
}

/* The independent verdict on what the log shows. */
static int64_t
ref_verdict(struct audit_log *l)
{
	static NxAuditEntry e[AUDIT_ENTRIES];
	uint32_t held = audit_held(l);

	for (uint32_t i = 0; i < held; i++)
		e[i] = *audit_entry(l, i);
	return ref_verify(key, e, held, anchor_of(l)->tag,
	    l->count - held);
}

/* One byte of an entry shown, or of the anchor's tag, changed. */
static void
tamper(struct audit_log *l, char *what, size_t size)
{
	uint32_t held = audit_held(l);
	uint8_t flip = (uint8_t)(1 + rng() % 255);

	if (rng() % 16 == 0 && l->count > held) {
		uint32_t at = (uint32_t)(rng() % 16);

		anchor_of(l)->tag[at] ^= flip;
		snprintf(what, size, "anchor tag byte %u ^ %#x", at, flip);
		return;
	}
	uint32_t i = (uint32_t)(rng() % held);
	uint32_t at = (uint32_t)(rng() % sizeof(NxAuditEntry));

	((uint8_t *)audit_entry(l, i))[at] ^= flip;
	snprintf(what, size, "entry %u of %u, byte %u ^ %#x", i, held, at,
	    flip);
}

void
test_audit_independent(void)
{
	struct audit_log *l, *copy = malloc(sizeof(*copy));
	char what[96];
	int disagree = 0;

	if (!CHECK(ref_siphash_ok()))
		return;		/* the reference itself is wrong */
	rng_state = 0x9e3779b97f4a7c15ull;
	for (int round = 0; round < 40; round++) {
		uint32_t n = 1 + (uint32_t)(rng() % (3 * AUDIT_SLOTS));

		l = random_log(n);
		/* Untouched: both verify, so every tag is the spec's. */
		test_note("%u entries, untouched", n);
		CHECK_EQ(ref_verdict(l), -1);
		test_note("%u entries, untouched", n);
		CHECK_EQ(audit_verify(l), -1);
		for (int t = 0; t < 60 && disagree < 5; t++) {
			int64_t want, got;

			memcpy(copy, l, sizeof(*l));
			tamper(copy, what, sizeof(what));
			want = ref_verdict(copy);
			got = audit_verify(copy);
			/* Every byte of an entry counts: nothing goes unseen,
			 * unless the change hid the entry.  (A `part` made
			 * nonzero on the oldest entry shown makes its batch
			 * look cut by the log's wrap, so it is not shown.) */
			test_note("%u entries, %s", n, what);
			CHECK(want != -1 || audit_held(copy) < audit_held(l));
			test_note("%u entries, %s", n, what);
			if (!CHECK_EQ(got, want))
				disagree++;
		}
		free(l);
	}
	free(copy);
}
