/*
 * SipHash against the reference vectors, the audit log's hash chain under
 * every kind of tampering, and slab ownership.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "siphash.h"
#include "slab.h"
#include "test.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Checks one vector, hashing both in one go and byte by byte. */
static void
check_vector(const uint8_t key[16], const uint8_t *msg, int len,
    const char *hex, int outlen)
{
	uint8_t want[16], once[16], bytewise[16], odd[16];
	uint8_t shifted[72];
	struct siphash s;

	for (int i = 0; i < outlen; i++)
		want[i] = (uint8_t)(hexval(hex[2 * i]) << 4 |
		    hexval(hex[2 * i + 1]));
	siphash24(key, msg, (size_t)len, once, outlen);
	siphash_init(&s, key, outlen);
	for (int i = 0; i < len; i++)
		siphash_update(&s, msg + i, 1);
	siphash_final(&s, bytewise);
	/* From an odd address, into one. */
	memcpy(shifted + 1, msg, (size_t)len);
	siphash24(key, shifted + 1, (size_t)len, shifted, outlen);
	memcpy(odd, shifted, (size_t)outlen);
	test_note("sip%d length %d, unaligned", outlen * 8, len);
	CHECK(memcmp(odd, want, (size_t)outlen) == 0);
	test_note("sip%d length %d", outlen * 8, len);
	CHECK(memcmp(once, want, (size_t)outlen) == 0);
	test_note("sip%d length %d, byte by byte", outlen * 8, len);
	CHECK(memcmp(bytewise, want, (size_t)outlen) == 0);
}

void
test_siphash_vectors(void)
{
	char path[512], line[256], variant[16], hex[40];
	uint8_t key[16], msg[64];
	int n, count64 = 0, count128 = 0;
	FILE *f;

	for (int i = 0; i < 16; i++)
		key[i] = (uint8_t)i;
	for (int i = 0; i < 64; i++)
		msg[i] = (uint8_t)i;
	test_path(path, sizeof(path), test_datadir,
	    "siphash-2-4-vectors.txt");
	f = fopen(path, "r");
	test_note("cannot open %s", path);
	if (!CHECK(f != NULL))
		return;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || sscanf(line, "%15s %d %39s", variant, &n,
		    hex) != 3 || n < 0 || n > 64)
			continue;
		if (strcmp(variant, "sip64") == 0 && strlen(hex) == 16) {
			check_vector(key, msg, n, hex, 8);
			count64++;
		} else if (strcmp(variant, "sip128") == 0 && strlen(hex) == 32) {
			check_vector(key, msg, n, hex, 16);
			count128++;
		}
	}
	fclose(f);
	CHECK_EQ(count64, 64);
	CHECK_EQ(count128, 64);
}

static const uint8_t audit_key[16] = "rumpk audit key";

/* Batch sizes, in turn: single commands and runs of several. */
static const uint32_t batch_sizes[] = { 1, 3, 1, 5, 2, 7 };

/* A log with `n` entries appended in batches, each entry different; the
 * last batch is left open when `open` is set. */
static struct audit_log *
batched_log(int n, int open)
{
	struct audit_log *l = malloc(sizeof(*l));
	uint32_t seq[4] = { 0 };
	int i = 0;

	audit_init(l, audit_key);
	for (int b = 0; i < n; b++) {
		uint32_t subject = 1 + (uint32_t)b % 3;
		uint32_t size = batch_sizes[b % 6];
		uint8_t identity[16] __attribute__((aligned(8))) =
		    { (uint8_t)subject, 0x5a };
		struct siphash start;
		uint8_t tag[16] __attribute__((aligned(8)));

		audit_subject_state(audit_key, identity, subject, &start);
		audit_begin(l, &start);
		for (uint32_t k = 0; k < size && i < n; k++, i++) {
			audit_add(l, subject, identity, seq[subject]++,
			    CMD_SYS_NOOP + (uint32_t)i % 2 * CMD_TIME_UPTIME,
			    (uint64_t)i * 77, i % 5 ? i : NX_ENOENT);
		}
		if (i < n || !open)
			audit_end(l, tag);
	}
	return l;
}

/* The number of the first entry of entry i's batch. */
static uint64_t
batch_of(struct audit_log *l, uint32_t i)
{
	NxAuditEntry *e = audit_entry(l, i);

	if (e->part > i)
		return audit_entry(l, 0)->number;
	return e->number - e->part;
}

void
test_audit_valid(void)
{
	struct audit_log *l = batched_log(0, 0);
	int mid_batch = 0;

	CHECK_EQ(audit_held(l), 0);
	CHECK_EQ(audit_verify(l), (uint64_t)-1);
	free(l);
	l = batched_log(10, 0);
	CHECK_EQ(audit_held(l), 10);
	CHECK_EQ(audit_verify(l), (uint64_t)-1);
	CHECK_EQ(audit_entry(l, 0)->number, 0);
	CHECK_EQ(audit_entry(l, 9)->number, 9);
	CHECK_EQ(audit_entry(l, 2)->part, 1);
	CHECK(memcmp(audit_entry(l, 1)->tag, audit_entry(l, 3)->tag, 16) == 0);
	CHECK(memcmp(audit_entry(l, 0)->tag, audit_entry(l, 1)->tag, 16) != 0);
	free(l);
	/* Wrapped around several times, the 255th newest entry at every
	 * place in a batch: only whole batches are shown. */
	for (int extra = 0; extra < 19; extra++) {
		l = batched_log(3 * AUDIT_ENTRIES + extra, 0);
		CHECK(audit_held(l) <= AUDIT_ENTRIES);
		CHECK(audit_held(l) > AUDIT_ENTRIES - 7);	/* batches <= 7 */
		mid_batch += audit_held(l) < AUDIT_ENTRIES;
		CHECK_EQ(audit_entry(l, 0)->part, 0);
		CHECK_EQ(audit_entry(l, 0)->number,
		    l->count - audit_held(l));
		test_note("%d entries", 3 * AUDIT_ENTRIES + extra);
		CHECK_EQ(audit_verify(l), (uint64_t)-1);
		free(l);
	}
	CHECK(mid_batch > 0);
	/* A batch longer than a completion ring (callers never make one):
	 * its words are hashed as they overflow, and it still verifies. */
	l = malloc(sizeof(*l));
	audit_init(l, audit_key);
	{
		uint8_t identity[16] __attribute__((aligned(8))) = { 9 };
		uint8_t tag[16] __attribute__((aligned(8)));
		struct siphash start;

		audit_subject_state(audit_key, identity, 9, &start);
		audit_begin(l, &start);
		for (uint32_t i = 0; i < 3 * AUDIT_BATCH + 5; i++)
			audit_add(l, 9, identity, i, CMD_SYS_NOOP, i, 0);
		audit_end(l, tag);
		CHECK_EQ(audit_held(l), 3 * AUDIT_BATCH + 5);
		CHECK_EQ(audit_verify(l), (uint64_t)-1);
		audit_entry(l, 100)->arg++;
		CHECK_EQ(audit_verify(l), 0);
	}
	free(l);
	/* An open batch is not checked until it is closed. */
	l = batched_log(AUDIT_ENTRIES + 3, 1);
	CHECK(l->open > 0);
	CHECK_EQ(audit_verify(l), (uint64_t)-1);
	free(l);
}

/* The tag is the documented SipHash-2-4-128 of the documented words. */
void
test_audit_tag_layout(void)
{
	struct audit_log *l = batched_log(4, 0);	/* batches of 1 and 3 */
	uint8_t msg[16 + 8 + 16 + 3 * 24], tag[16];
	uint64_t w;
	size_t at = 0;

	memcpy(msg, audit_entry(l, 1)->identity, 16);
	at += 16;
	w = audit_entry(l, 1)->subject;
	memcpy(msg + at, &w, 8);
	at += 8;
	memcpy(msg + at, audit_entry(l, 0)->tag, 16);
	at += 16;
	for (uint32_t i = 1; i < 4; i++) {
		const NxAuditEntry *e = audit_entry(l, i);
		uint64_t words[3] = { e->seq | (uint64_t)e->kind << 32, e->arg,
		    (uint64_t)e->result };

		memcpy(msg + at, words, sizeof(words));
		at += sizeof(words);
	}
	siphash24(audit_key, msg, at, tag, 16);
	CHECK(memcmp(tag, audit_entry(l, 1)->tag, 16) == 0);
	CHECK(memcmp(tag, audit_entry(l, 3)->tag, 16) == 0);
	free(l);
}

void
test_audit_tampering(void)
{
	const int n = AUDIT_ENTRIES + 40;	/* wrapped */
	struct audit_log *l;
	NxAuditEntry tmp;
	uint64_t want;

	/* A changed field of entry 10, then of entry 11 (each field in turn);
	 * the batch holding it is reported. */
	for (uint32_t at = 10; at <= 11; at++) {
		for (int field = 0; field < 10; field++) {
			l = batched_log(n, 0);
			NxAuditEntry *e = audit_entry(l, at);

			want = batch_of(l, at);
			/* Joining the batch before fails at that batch. */
			if (field == 7 && e->part == 0)
				want = batch_of(l, at - 1);

			switch (field) {
			case 0: e->result ^= 1; break;
			case 1: e->kind ^= 1; break;
			case 2: e->arg++; break;
			case 3: e->subject++; break;
			case 4: e->identity[5] ^= 0x80; break;
			case 5: e->tag[15] ^= 1; break;
			case 6: e->seq++; break;
			case 7: e->part ^= 1; break;
			/* An entry must sit at its own number: one moved
			 * (its number kept) or renumbered is found. */
			case 8: e->number++; break;
			case 9: e->number--; break;
			}
			test_note("entry %u, field %d", at, field);
			CHECK_EQ(audit_verify(l), want);
			free(l);
		}
	}
	/* Two entries of different batches swapped, numbers and all. */
	l = batched_log(n, 0);
	want = batch_of(l, 20);
	tmp = *audit_entry(l, 20);
	*audit_entry(l, 20) = *audit_entry(l, 60);
	*audit_entry(l, 60) = tmp;
	/* At its batch, or the one before if it now seems to run on. */
	CHECK(audit_verify(l) != -1);
	CHECK(audit_verify(l) <= (int64_t)want);
	CHECK(audit_verify(l) >= (int64_t)batch_of(l, 19));
	free(l);
	/* Swapped, with the numbers put back in order. */
	l = batched_log(n, 0);
	tmp = *audit_entry(l, 30);
	*audit_entry(l, 30) = *audit_entry(l, 31);
	*audit_entry(l, 31) = tmp;
	audit_entry(l, 30)->number = audit_entry(l, 31)->number - 1;
	audit_entry(l, 31)->number = audit_entry(l, 30)->number + 1;
	CHECK(audit_verify(l) != -1);
	CHECK(audit_verify(l) <= (int64_t)audit_entry(l, 30)->number);
	free(l);
	/* Entry 40 removed: the later ones shift down, renumbered. */
	l = batched_log(n, 0);
	want = batch_of(l, 40);
	for (uint32_t i = 40; i + 1 < audit_held(l); i++) {
		*audit_entry(l, i) = *audit_entry(l, i + 1);
		audit_entry(l, i)->number = audit_entry(l, 0)->number + i;
	}
	CHECK_EQ(audit_verify(l), want);
	free(l);
	/* The newest entry changed. */
	l = batched_log(n, 0);
	audit_entry(l, audit_held(l) - 1)->arg++;
	CHECK_EQ(audit_verify(l), batch_of(l, audit_held(l) - 1));
	free(l);
	/* Another key cannot verify the log. */
	l = batched_log(5, 0);
	l->key[3] ^= 1;
	CHECK_EQ(audit_verify(l), 0);
	free(l);
}

/* The entry before the oldest shown, which the log keeps as the anchor. */
static NxAuditEntry *
anchor(struct audit_log *l)
{
	return &l->e[(l->count - audit_held(l) - 1) % AUDIT_SLOTS];
}

/* The anchor chains the oldest batch shown; nothing makes a partial
 * batch look whole. */
void
test_audit_anchor(void)
{
	struct audit_log *l;

	for (int extra = 1; extra < 19; extra++) {
		l = batched_log(AUDIT_ENTRIES + extra, 0);
		test_note("%d entries", AUDIT_ENTRIES + extra);
		anchor(l)->tag[0] ^= 1;
		CHECK_EQ(audit_verify(l), audit_entry(l, 0)->number);
		free(l);
	}
	/* The oldest shown entry claiming to continue a batch: not
	 * verifiable, so shown as broken, not trusted. */
	l = batched_log(AUDIT_ENTRIES + 5, 0);
	audit_entry(l, 1)->part = 0;		/* split: a new first entry */
	audit_entry(l, 0)->part = 3;
	CHECK(audit_verify(l) != -1);
	free(l);
}

void
test_slab_ownership(void)
{
	struct slab_pool p;
	uint64_t mask;
	int a, b;

	slab_init(&p);
	CHECK_EQ(p.nfree, NX_SLABS);
	CHECK_EQ(slab_free(&p, NX_SLABS), (uint64_t)NX_ERANGE);
	CHECK_EQ(slab_free(&p, ~0ull), (uint64_t)NX_ERANGE);
	CHECK_EQ(slab_free(&p, 3), (uint64_t)NX_EPERM);	/* never held */
	a = slab_alloc(&p);
	b = slab_alloc(&p);
	CHECK(a >= 0 && b >= 0 && a != b);
	CHECK_EQ(p.nfree, NX_SLABS - 2);
	CHECK_EQ(slab_free(&p, (uint64_t)a), 0);
	CHECK_EQ(slab_free(&p, (uint64_t)a), (uint64_t)NX_EALREADY);
	CHECK_EQ(p.nfree, NX_SLABS - 1);
	/* A returned slab can be handed out again, and freed again. */
	mask = slab_alloc_mask(&p, NX_SLABS);
	CHECK_EQ(__builtin_popcountll(mask), NX_SLABS - 1);
	CHECK(!(mask & (1ull << b)));
	CHECK_EQ(p.nfree, 0);
	CHECK_EQ(slab_alloc(&p), (uint64_t)NX_ENOMEM);
	CHECK_EQ(slab_alloc_mask(&p, 4), 0);
	CHECK_EQ(slab_free(&p, (uint64_t)a), 0);
	/* Reclaim on exit: everything back, nothing counted twice. */
	CHECK_EQ(slab_reclaim(&p), NX_SLABS - 1);
	CHECK_EQ(p.nfree, NX_SLABS);
	CHECK_EQ(slab_free(&p, (uint64_t)b), (uint64_t)NX_EPERM);
	CHECK_EQ(slab_reclaim(&p), 0);
}
