/*
 * The audit log: its tag layout, what it keeps when full (each Subject's
 * newest batches, the busiest Subject losing first), and its hash chains
 * under every kind of tampering with a kept entry.  Also the command
 * names the shell shows.
 */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cmdnames.h"
#include "siphash.h"
#include "test.h"
#include "audit_writer.h"

/* Batch sizes, in turn: single commands and runs of several. */
static const uint32_t batch_sizes[] = { 1, 3, 1, 5, 2, 7 };

/* Batch b's Subject: 1, 2, 3, 1, then mostly 1 (busy), with 2 and 3 (quiet)
 * once in twelve batches, so that they keep what leaves the ring. */
static uint32_t
subject_of(int b)
{
	if (b < 4)
		return 1 + (uint32_t)b % 3;
	return b % 12 == 4 ? 2 : b % 12 == 8 ? 3 : 1;	/* of 2 and 1 */
}

/* A log with `n` entries appended in batches by Subjects 1-3; the last
 * batch is left open when `open` is set. */
static struct audit_log *
batched_log(int n, int open)
{
	struct writer w = { new_log(), { 0 }, 0, 1, 0, { 0 } };

	for (int b = 0; w.made < (uint64_t)n; b++) {
		uint32_t size = batch_sizes[b % 6];

		if (size > n - w.made)
			size = (uint32_t)(n - w.made);
		batch(&w, subject_of(b), size,
		    open && w.made + size == (uint64_t)n);
	}
	while (audit_seal_some(w.l, 64))	/* audit_seal would close it */
		;
	return w.l;
}

/* The number of the first entry of entry i's batch. */
static uint64_t
batch_of(struct audit_log *l, uint32_t i)
{
	NxAuditEntry *e = audit_entry(l, i);

	return e->number - e->part;
}

static struct audit_trail *
trail(struct audit_log *l, uint32_t subject)
{
	for (uint32_t n = 0; n < AUDIT_TRAILS; n++) {
		if (l->trails[n].subject == subject)
			return &l->trails[n];
	}
	return NULL;
}

/*
 * Takes the entry out of the log entirely, bookkeeping and all, as if it
 * had never been kept: the entries after it (in its Subject's kept ones,
 * or in the ring) move down a place.  Only the hash chains can tell.
 */
static void
remove_entry(struct audit_log *l, NxAuditEntry *e)
{
	struct audit_trail *t = trail(l, e->subject);

	if (e >= t->keep && e < t->keep + AUDIT_KEEP) {
		uint32_t k = (uint32_t)((e - t->keep + AUDIT_KEEP - t->start) %
		    AUDIT_KEEP);

		for (; k + 1 < t->kept; k++)
			t->keep[(t->start + k) % AUDIT_KEEP] =
			    t->keep[(t->start + k + 1) % AUDIT_KEEP];
		t->kept--;
		return;
	}
	for (uint64_t n = e->number; n + 1 < l->count; n++)
		l->e[n % AUDIT_RING] = l->e[(n + 1) % AUDIT_RING];
	l->count--;
	t->in_ring--;
}

/* Subject `subject`'s k-th oldest entry in the log.  If there is none,
 * the check fails and a blank entry stands in, so the test goes on. */
static NxAuditEntry *
kept(struct audit_log *l, uint32_t subject, uint32_t k)
{
	static NxAuditEntry none;
	struct audit_cursor c;
	const NxAuditEntry *e = NULL;

	audit_cursor(l, subject, audit_held(l, subject), &c);
	for (uint32_t n = 0; n <= k; n++)
		e = audit_next(l, &c);
	if (!CHECK(e != NULL)) {
		memset(&none, 0, sizeof(none));
		return &none;
	}
	return (NxAuditEntry *)e;
}

void
test_audit_valid(void)
{
	struct audit_log *l = batched_log(0, 0);

	CHECK_EQ(audit_held(l, 0), 0);
	CHECK_EQ(audit_verify(l), (uint64_t)-1);
	free(l);
	l = batched_log(10, 0);
	CHECK_EQ(audit_held(l, 0), 10);
	CHECK_EQ(audit_held(l, 2), 3);
	CHECK_EQ(audit_verify(l), (uint64_t)-1);
	CHECK_EQ(audit_entry(l, 0)->number, 0);
	CHECK_EQ(audit_entry(l, 9)->number, 9);
	CHECK_EQ(audit_entry(l, 2)->part, 1);
	CHECK(memcmp(audit_entry(l, 1)->tag, audit_entry(l, 3)->tag, 16) == 0);
	CHECK(memcmp(audit_entry(l, 0)->tag, audit_entry(l, 1)->tag, 16) != 0);
	CHECK(audit_entry(l, 10) == NULL);
	free(l);
	/* Full many times over: whole batches only, nearly full, in order. */
	for (int extra = 0; extra < 19; extra++) {
		l = batched_log(3 * AUDIT_RING + extra, 0);
		test_note("%d entries", 3 * AUDIT_RING + extra);
		CHECK(audit_held(l, 0) <= AUDIT_RING + 3 * AUDIT_KEEP);
		test_note("%d entries", 3 * AUDIT_RING + extra);
		CHECK(audit_held(l, 0) >= AUDIT_RING - AUDIT_AHEAD - 7 +
		    2 * (AUDIT_KEEP - 7));
		CHECK_EQ(audit_entry(l, 0)->part, 0);
		/* One walk from the oldest, and a walk started at each
		 * entry (which jumps what it skips), agree. */
		{
			struct audit_cursor c;
			const NxAuditEntry *e, *prev = NULL;
			uint32_t i = 0;

			audit_cursor(l, 0, audit_held(l, 0), &c);
			while ((e = audit_next(l, &c)) != NULL) {
				CHECK(audit_entry(l, i++) == e);
				CHECK(!prev || e->number > prev->number);
				prev = e;
			}
			CHECK_EQ(i, audit_held(l, 0));
		}
		CHECK_EQ(audit_verify(l), (uint64_t)-1);
		free(l);
	}
	/* Commands in a row longer than a completion ring make batches of
	 * AUDIT_BATCH: a change is named by the batch it is in. */
	{
		struct writer w = { new_log(), { 0 }, 0, 0, 0, { 0 } };

		batch(&w, 9, 3 * AUDIT_BATCH + 5, 0);
		CHECK_EQ(audit_held(w.l, 0), 3 * AUDIT_BATCH + 5);
		CHECK_EQ(audit_verify(w.l), (uint64_t)-1);
		CHECK_EQ(audit_entry(w.l, 100)->part, 100 - AUDIT_BATCH);
		audit_entry(w.l, 100)->arg++;
		CHECK_EQ(audit_verify(w.l), AUDIT_BATCH);
		free(w.l);
	}
	/* An open batch is not shown or checked until it is closed. */
	l = batched_log(AUDIT_RING + 3, 1);
	CHECK(audit_opened(l) > 0);
	CHECK_EQ(audit_entry(l, audit_held(l, 0) - 1)->number, l->count - 1);
	CHECK_EQ(audit_verify(l), (uint64_t)-1);
	free(l);
}

/* The tag is the documented SipHash-2-4-128 of the documented words. */
static void
check_tag(struct audit_log *l, uint32_t first, uint32_t n,
    const uint8_t prev[16])
{
	uint8_t msg[16 + 8 + 16 + 8 * 24], tag[16];
	const NxAuditEntry *e = audit_entry(l, first);
	uint64_t w = e->subject, p[2];
	size_t at = 0;

	memcpy(msg, e->identity, 16);
	at += 16;
	memcpy(msg + at, &w, 8);
	at += 8;
	memcpy(p, prev, 16);
	p[0] ^= e->number;		/* the batch's place, folded in */
	memcpy(msg + at, p, 16);
	at += 16;
	for (uint32_t i = first; i < first + n; i++) {
		const NxAuditEntry *c = audit_entry(l, i);
		uint64_t words[3] = { c->seq | (uint64_t)c->kind << 32, c->arg,
		    (uint64_t)c->result };

		memcpy(msg + at, words, sizeof(words));
		at += sizeof(words);
	}
	siphash24(audit_key, msg, at, tag, 16);
	for (uint32_t i = first; i < first + n; i++)
		CHECK(memcmp(tag, audit_entry(l, i)->tag, 16) == 0);
}

void
test_audit_tag_layout(void)
{
	/* Batches: Subject 1 of 1, 2 of 3, 3 of 1, then 1 of 5. */
	struct audit_log *l = batched_log(10, 0);
	static const uint8_t zeros[16];

	check_tag(l, 1, 3, zeros);		/* Subject 2's first */
	check_tag(l, 0, 1, zeros);
	/* Subject 1's second batch chains after its first, not after the
	 * entry before it in the log. */
	check_tag(l, 5, 5, audit_entry(l, 0)->tag);
	free(l);
}

void
test_audit_tampering(void)
{
	const int n = 3 * AUDIT_RING + 40;	/* wrapped, batches dropped */
	struct audit_log *l;
	NxAuditEntry tmp;
	uint64_t want;

	uint32_t held, places[4] = { 10, 11 };

	/* A changed field of entries 10 and 11 (kept after leaving the ring)
	 * and of two in the ring (each field in turn); the batch holding it
	 * is reported. */
	l = batched_log(n, 0);
	held = audit_held(l, 0);
	places[2] = held - 20;
	places[3] = held - 19;
	free(l);
	for (uint32_t p = 0; p < 4; p++) {
		uint32_t at = places[p];

		for (int field = 0; field < 8; field++) {
			l = batched_log(n, 0);
			NxAuditEntry *e = audit_entry(l, at);

			want = batch_of(l, at);
			switch (field) {
			case 0: e->result ^= 1; break;
			case 1: e->kind ^= 1; break;
			case 2: e->arg++; break;
			case 3: e->subject++; break;
			case 4: e->identity[5] ^= 0x80; break;
			case 5: e->tag[15] ^= 1; break;
			case 6: e->seq++; break;
			case 7: e->number++; break;
			}
			/* A first entry's number is where its batch
			 * starts. */
			if (field == 7 && e->part == 0)
				want++;
			test_note("entry %u, field %d", at, field);
			CHECK_EQ(audit_verify(l), want);
			free(l);
		}
		/* Its place in the batch: the batch, or its Subject's batch
		 * before, which it now seems to continue. */
		l = batched_log(n, 0);
		want = batch_of(l, at);
		audit_entry(l, at)->part ^= 1;
		CHECK(audit_verify(l) != -1);
		CHECK(audit_verify(l) <= (int64_t)want);
		free(l);
	}
	/* Two entries of different batches swapped, numbers and all. */
	l = batched_log(n, 0);
	want = batch_of(l, 20);
	tmp = *audit_entry(l, 20);
	*audit_entry(l, 20) = *audit_entry(l, 60);
	*audit_entry(l, 60) = tmp;
	CHECK(audit_verify(l) != -1);
	CHECK(audit_verify(l) <= (int64_t)want);
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
	/* The newest entry changed. */
	l = batched_log(n, 0);
	audit_entry(l, audit_held(l, 0) - 1)->arg++;
	CHECK_EQ(audit_verify(l), batch_of(l, audit_held(l, 0) - 1));
	free(l);
	/* Another key cannot verify the log. */
	l = batched_log(5, 0);
	l->key[3] ^= 1;
	CHECK_EQ(audit_verify(l), 0);
	free(l);
}

/*
 * Removing a kept entry, bookkeeping and all, is found wherever it was in
 * its Subject's chain: inside a batch, a whole batch between two, the
 * oldest batch kept (after the anchor) or the newest.
 */
void
test_audit_removal(void)
{
	const int n = 3 * AUDIT_RING + 40;
	struct audit_log *l;
	NxAuditEntry *e;
	uint64_t want;

	for (uint32_t at = 20; at < 28; at++) {	/* every place in a batch */
		l = batched_log(n, 0);
		e = audit_entry(l, at);
		CHECK(e < l->e || e >= l->e + AUDIT_RING);	/* a kept one */
		test_note("entry %u, part %u", at, e->part);
		if (e->part == 0 && (at + 1 == audit_held(l, 0) ||
		    audit_entry(l, at + 1)->part == 0)) {
			/* A batch of one: its Subject's next one fails. */
			uint32_t k = 0, held = audit_held(l, e->subject);

			while (k + 1 < held && kept(l, e->subject, k) != e)
				k++;
			want = kept(l, e->subject, k + 1)->number;
		} else if (e->part == 0) {
			/* The rest of its batch now seems to continue its
			 * Subject's batch before. */
			NxAuditEntry *before = kept(l, e->subject, 0);
			uint32_t held = audit_held(l, e->subject);

			for (uint32_t k = 0; k < held &&
			    kept(l, e->subject, k) != e; k++)
				before = kept(l, e->subject, k);
			want = before == e ? e->number + 1 :
			    before->number - before->part;
		} else {
			want = batch_of(l, at);
		}
		remove_entry(l, e);
		CHECK_EQ(audit_verify(l), want);
		free(l);
	}
	/* In the ring: the entries after it move down a slot. */
	for (uint32_t back = 30; back > 22; back--) {
		uint32_t at, part;

		l = batched_log(n, 0);
		at = audit_held(l, 0) - back;
		e = audit_entry(l, at);
		CHECK(e >= l->e && e < l->e + AUDIT_RING);
		want = batch_of(l, at);
		part = e->part;
		test_note("entry %u, part %u", at, part);
		remove_entry(l, e);
		if (part > 0)
			CHECK_EQ(audit_verify(l), want);	/* inside */
		else
			CHECK(audit_verify(l) != -1 &&
			    audit_verify(l) <= (int64_t)want + 64);
		free(l);
	}
	for (uint32_t subject = 1; subject <= 3; subject++) {
		uint32_t held;

		/* The oldest kept: the anchor no longer leads to the rest. */
		l = batched_log(n, 0);
		e = kept(l, subject, 0);
		do {
			remove_entry(l, e);
			e = kept(l, subject, 0);
		} while (e->part != 0);
		test_note("Subject %u's oldest", subject);
		CHECK_EQ(audit_verify(l), e->number);
		free(l);
		/* The newest: its Subject's chain ends short. */
		l = batched_log(n, 0);
		held = audit_held(l, subject);
		do {
			e = kept(l, subject, --held);
			remove_entry(l, e);
		} while (e->part != 0);
		e = kept(l, subject, held - 1);
		test_note("Subject %u's newest", subject);
		CHECK_EQ(audit_verify(l), e->number - e->part);
		free(l);
	}
}

/* The anchor leads to the oldest batch kept; nothing makes a partial
 * batch look whole. */
void
test_audit_anchor(void)
{
	struct audit_log *l;

	for (int extra = 1; extra < 19; extra++) {
		l = batched_log(3 * AUDIT_RING + extra, 0);
		test_note("%d entries", 3 * AUDIT_RING + extra);
		for (uint32_t s = 1; s <= 3; s++) {
			struct audit_trail *t = &l->trails[s - 1];

			CHECK_EQ(t->subject, s);
			t->anchor[0] ^= 1;
			CHECK_EQ(audit_verify(l), kept(l, s, 0)->number);
			t->anchor[0] ^= 1;
		}
		CHECK_EQ(audit_verify(l), (uint64_t)-1);
		free(l);
	}
	/* A Subject's oldest kept entry claiming to continue a batch: not
	 * verifiable, so shown as broken, not trusted. */
	l = batched_log(3 * AUDIT_RING + 5, 0);
	kept(l, 2, 0)->part = 3;
	CHECK_EQ(audit_verify(l), kept(l, 2, 0)->number);
	free(l);
}

/*
 * The point of keeping trails: a shell making thousands of small batches
 * loses its own oldest entries, never a program's that ran before it, and
 * the log still verifies; a change to the program's entries still shows.
 */
void
test_audit_retention(void)
{
	struct writer w = { new_log(), { 0 }, 0, 0, 0, { 0 } };
	uint64_t first;
	NxAuditEntry *e;

	batch(&w, 1, 2, 0);			/* the shell starts it */
	for (uint32_t b = 0; b < 6; b++)	/* the program: 14 entries */
		batch(&w, 2, batch_sizes[b], 0);
	batch(&w, 2, 1, 0);			/* its exit */
	first = kept(w.l, 2, 0)->number;
	for (uint32_t b = 0; b < 40 * AUDIT_RING; b++)
		batch(&w, 1, 1 + b % 3, 0);	/* keystrokes, commands */
	CHECK_EQ(audit_held(w.l, 2), 20);
	CHECK_EQ(kept(w.l, 2, 0)->number, first);
	CHECK(audit_held(w.l, 0) <= AUDIT_RING + 2 * AUDIT_KEEP);
	CHECK(audit_held(w.l, 1) >= AUDIT_RING - AUDIT_AHEAD - 3);
	CHECK_EQ(audit_held(w.l, 3), 0);
	CHECK_EQ(audit_verify(w.l), (uint64_t)-1);
	/* The walk of one Subject gives its entries only, oldest first. */
	{
		struct audit_cursor c;
		const NxAuditEntry *k, *prev = NULL;
		uint32_t got = 0;

		CHECK_EQ(audit_cursor(w.l, 2, 5, &c), 5);
		while ((k = audit_next(w.l, &c)) != NULL) {
			CHECK_EQ(k->subject, 2);
			CHECK(!prev || k->number > prev->number);
			prev = k;
			got++;
		}
		CHECK_EQ(got, 5);
		CHECK(prev == kept(w.l, 2, 19));
		CHECK_EQ(audit_cursor(w.l, 7, 5, &c), 0);
		CHECK(audit_next(w.l, &c) == NULL);
	}
	/* A kept entry of the program changed, then removed. */
	e = kept(w.l, 2, 4);
	e->result++;
	CHECK_EQ(audit_verify(w.l), e->number - e->part);
	e->result--;
	CHECK_EQ(audit_verify(w.l), (uint64_t)-1);
	remove_entry(w.l, e);
	CHECK(audit_verify(w.l) != -1);
	free(w.l);
}

/*
 * Two busy Subjects share the log; more Subjects than records: those idle
 * longest are forgotten, and one that comes back starts a new chain.
 */
void
test_audit_many_subjects(void)
{
	struct writer w = { new_log(), { 0 }, 0, 0, 0, { 0 } };

	for (uint32_t b = 0; b < 4 * AUDIT_RING; b++)
		batch(&w, 1 + b % 2, 1 + b % 4, 0);
	CHECK(audit_held(w.l, 1) >= AUDIT_RING / 3);
	CHECK(audit_held(w.l, 2) >= AUDIT_RING / 3);
	CHECK_EQ(audit_verify(w.l), (uint64_t)-1);
	for (uint32_t s = 10; s < 10 + 3 * AUDIT_TRAILS; s++) {
		batch(&w, s, 2, 0);
		batch(&w, 1, 1, 0);
		CHECK(audit_held(w.l, 0) <=
		    AUDIT_RING + AUDIT_TRAILS * AUDIT_KEEP);
	}
	CHECK_EQ(audit_held(w.l, 10), 0);		/* forgotten */
	CHECK_EQ(audit_held(w.l, 9 + 3 * AUDIT_TRAILS), 2);
	CHECK(audit_held(w.l, 1) > 0);			/* busy: kept */
	CHECK_EQ(audit_verify(w.l), (uint64_t)-1);
	batch(&w, 10, 3, 0);
	CHECK_EQ(audit_held(w.l, 10), 3);
	CHECK_EQ(audit_verify(w.l), (uint64_t)-1);
	free(w.l);
}

void
test_cmd_names(void)
{
	static const uint32_t kinds[] = { CMD_SYS_NOOP, CMD_FS_OPEN,
	    CMD_FS_READ, CMD_FS_READDIR, CMD_FS_CLOSE, CMD_FS_SEEK,
	    CMD_FS_STAT, CMD_FS_CHDIR, CMD_FS_GETCWD, CMD_ION_FREE,
	    CMD_ION_ALLOC, CMD_ION_RX_WAIT, CMD_ION_STAT, CMD_SYS_EXEC,
	    CMD_SYS_EXIT, CMD_SYS_WAIT, CMD_SYS_KILL, CMD_SYS_YIELD,
	    CMD_SYS_PS, CMD_SYS_AUDIT, CMD_SYS_POWEROFF, CMD_SYS_RECEIPT,
	    CMD_MEM_BRK,
	    CMD_MEM_STAT, CMD_TIME_UPTIME, CMD_TIME_SLEEP };

	CHECK_STREQ(nx_cmd_name(CMD_FS_OPEN), "FS_OPEN");
	CHECK_STREQ(nx_cmd_name(CMD_ION_FREE), "ION_FREE");
	CHECK_STREQ(nx_cmd_name(CMD_TIME_SLEEP), "TIME_SLEEP");
	CHECK(nx_cmd_name(0x208) == NULL);
	CHECK(nx_cmd_name(0xffffffff) == NULL);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		const char *m = nx_cmd_name(kinds[i]);

		test_note("kind 0x%x", kinds[i]);
		if (!CHECK(m != NULL))
			continue;
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(m, nx_cmd_name(kinds[j])) != 0);
	}
}
