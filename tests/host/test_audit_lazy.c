/*
 * Tags computed late (core/audit.h): the chain a log tagged now and then
 * makes is the one a log tagged as each batch closes makes, entry for
 * entry; and a receipt is the entry the eager log holds.
 */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "test.h"
#include "audit_writer.h"

/* The parts of two logs that tagging late must leave equal: every slot of
 * the ring and, for each record, what it keeps and chains from. */
static void
check_same_log(const struct audit_log *a, const struct audit_log *b)
{
	CHECK_EQ(a->count, b->count);
	CHECK_EQ(a->cleared, b->cleared);
	for (uint32_t i = 0; i < AUDIT_RING; i++) {
		test_note("ring slot %u", i);
		CHECK(memcmp(&a->e[i], &b->e[i], sizeof(a->e[i])) == 0);
	}
	for (uint32_t k = 0; k < AUDIT_TRAILS; k++) {
		const struct audit_trail *s = &a->trails[k], *t = &b->trails[k];

		test_note("record %u", k);
		CHECK(s->subject == t->subject && s->kept == t->kept &&
		    s->start == t->start && s->in_ring == t->in_ring &&
		    s->active == t->active &&
		    memcmp(s->anchor, t->anchor, 16) == 0 &&
		    memcmp(s->tag, t->tag, 16) == 0 &&
		    memcmp(s->keep, t->keep, sizeof(s->keep)) == 0);
	}
}

/*
 * Tags computed late are the tags computed at once, entry for entry: the
 * same batches go into a log tagged as each closes and one tagged now and
 * then, a few batches at a time (as the idle fiber does), or only when its
 * ring must make room; with more Subjects than records, programs replaced
 * (a new identity) and rings gone round several times.
 */
static void
lazy_equals_eager(int doorbell)
{
	struct writer eager = { new_log(), { 0 }, 0, 0, doorbell, { 0 } };
	struct writer lazy = { new_log(), { 0 }, 0, 1, doorbell, { 0 } };
	uint64_t r = 0x2545f4914f6cdd1dull;

	for (uint32_t b = 0; b < 12 * AUDIT_RING; b++) {
		uint32_t subject, size;

		r ^= r << 13, r ^= r >> 7, r ^= r << 17;
		subject = r % 3 ? 1 + (uint32_t)(r >> 8) % 3 :
		    4 + (uint32_t)(r >> 8) % (2 * AUDIT_TRAILS);
		size = 1 + (uint32_t)(r >> 20) % (r % 7 ? 4 : AUDIT_BATCH);
		if (r % 97 == 0)	/* a program replaced: a new identity */
			eager.program[subject] = ++lazy.program[subject];
		batch(&eager, subject, size, 0);
		batch(&lazy, subject, size, 0);
		if (b < 6 * AUDIT_RING && (r >> 40) % 5 == 0)
			audit_seal_some(lazy.l, (uint32_t)(r >> 50) % 4);
	}
	CHECK(audit_unsealed(lazy.l));	/* some were left to the end */
	audit_seal(lazy.l);
	CHECK(!audit_unsealed(lazy.l));
	check_same_log(eager.l, lazy.l);
	CHECK_EQ(audit_verify(lazy.l), -1);
	free(eager.l);
	free(lazy.l);
}

void
test_audit_lazy_equals_eager(void)
{
	lazy_equals_eager(0);
}

/*
 * The doorbell's way of appending (audit_open, entries filled in place,
 * only the first given the batch's Subject, identity and sequence
 * number; audit_close), tagged late or at once, makes the same chain;
 * and the entries, tags included, are those appending one command at a
 * time makes.  (Which batches a record keeps may differ: the doorbell
 * frees ring slots for a whole batch at once, so batches leave the ring
 * at other moments.)
 */
void
test_audit_doorbell_equals_eager(void)
{
	struct writer one = { new_log(), { 0 }, 0, 0, 0, { 0 } };
	struct writer door = { new_log(), { 0 }, 0, 1, 1, { 0 } };
	uint64_t r = 0x9e3779b97f4a7c15ull;

	lazy_equals_eager(1);
	for (uint32_t b = 0; b < 4 * AUDIT_RING; b++) {
		uint32_t subject, size;

		r ^= r << 13, r ^= r >> 7, r ^= r << 17;
		subject = 1 + (uint32_t)(r >> 8) % (AUDIT_TRAILS + 8);
		size = 1 + (uint32_t)(r >> 20) % (r % 5 ? 6 : AUDIT_BATCH);
		if (r % 89 == 0)
			one.program[subject] = ++door.program[subject];
		batch(&one, subject, size, 0);
		batch(&door, subject, size, 0);
		if (b % 50 == 49)
			audit_seal(door.l);
	}
	audit_seal(door.l);
	CHECK_EQ(one.l->count, door.l->count);
	for (uint64_t n = door.l->count - AUDIT_RING / 2; n < door.l->count;
	    n++) {
		test_note("entry %lu", (unsigned long)n);
		CHECK(memcmp(&one.l->e[n % AUDIT_RING],
		    &door.l->e[n % AUDIT_RING], sizeof(NxAuditEntry)) == 0);
	}
	CHECK_EQ(audit_verify(door.l), -1);
	free(one.l);
	free(door.l);
}

/*
 * A receipt: the caller's entry for a sequence number, tagged even when
 * nothing had tagged it yet, the same entry the eagerly tagged log holds;
 * none for a number never used, another Subject's, or an open batch's.
 */
void
test_audit_receipt(void)
{
	struct writer eager = { new_log(), { 0 }, 0, 0, 0, { 0 } };
	struct writer lazy = { new_log(), { 0 }, 0, 1, 0, { 0 } };
	NxAuditEntry got, want;

	for (uint32_t b = 0; b < 40; b++) {
		batch(&eager, 1 + b % 3, 1 + b % 4, 0);
		batch(&lazy, 1 + b % 3, 1 + b % 4, 0);
	}
	CHECK(audit_unsealed(lazy.l));
	CHECK_EQ(audit_receipt(eager.l, 2, 7, &want), 0);
	CHECK_EQ(audit_receipt(lazy.l, 2, 7, &got), 0);
	CHECK(memcmp(&got, &want, sizeof(got)) == 0);
	CHECK_EQ(got.subject, 2);
	CHECK_EQ(got.seq, 7);
	CHECK(!audit_unsealed(lazy.l));
	CHECK_EQ(audit_receipt(lazy.l, 2, 9999, &got), -1);
	CHECK_EQ(audit_receipt(lazy.l, 5, 0, &got), -1);
	batch(&lazy, 3, 2, 1);		/* open: asking closes it */
	CHECK(audit_opened(lazy.l) == 2);
	CHECK_EQ(audit_receipt(lazy.l, 3, lazy.seq[3] - 1, &got), 0);
	CHECK(audit_opened(lazy.l) == 0);
	CHECK_EQ(got.part, 1);
	/* Subject 2's entries leave the ring into what the log keeps of it,
	 * while Subject 1 is busy: its receipts come from there. */
	batch(&eager, 3, 2, 0);
	for (uint32_t b = 0; b < 2 * AUDIT_RING; b++) {
		batch(&eager, 1, 1, 0);
		batch(&lazy, 1, 1, 0);
	}
	CHECK_EQ(audit_receipt(eager.l, 2, 7, &want), 0);
	CHECK_EQ(audit_receipt(lazy.l, 2, 7, &got), 0);
	CHECK(memcmp(&got, &want, sizeof(got)) == 0);
	CHECK(got.number < lazy.l->count - AUDIT_RING);	/* kept */
	free(eager.l);
	free(lazy.l);
}

/* What was appended, in order, and where a batch must start. */
struct appended {
	uint32_t subject, seq, kind;
	uint64_t arg;
	int64_t result;
	uint8_t program;
	int starts;
};

/*
 * A batch goes on from one doorbell to the next (core/audit.h): the
 * commands one Subject got accepted in a row are one batch, until another
 * Subject's command, a number missing (a refused command), AUDIT_BATCH
 * commands, or a close (the log read or tagged, the kernel idle, a
 * command alone).  Doorbells of random Subjects and sizes, some numbers
 * skipped, closes at random: every entry is what was appended, batches
 * start exactly where the rules say, the log verifies by audit_verify
 * and by the independent reading (test_audit_ref.c), and a changed
 * command is named by its batch by both.
 */
void
test_audit_batches_across_doorbells(void)
{
	static struct appended a[6 * AUDIT_RING];
	struct writer w = { new_log(), { 0 }, 0, 1, 1, { 0 } };
	uint64_t r = 0x243f6a8885a308d3ull, n = 0;
	uint32_t open_subject = 0, open_len = 0, next_seq = 0;

	ref_log_init(w.l);		/* its key, for ref_verdict */

	while (n + AUDIT_BATCH < 6 * AUDIT_RING) {
		uint32_t subject, size, max;
		uint8_t identity[16] __attribute__((aligned(8)));
		NxAuditEntry *e;

		r ^= r << 13, r ^= r >> 7, r ^= r << 17;
		subject = 1 + (uint32_t)(r >> 8) % (r % 3 ? 2 : 5);
		size = 1 + (uint32_t)(r >> 16) % (r % 9 ? 3 : AUDIT_BATCH);
		max = size + (uint32_t)(r >> 24) % 3;
		if (max > AUDIT_BATCH)
			max = size;
		if (r % 11 == 0)
			w.seq[subject]++;	/* a refused command */
		if (r % 13 == 0) {
			audit_end(w.l);		/* idle, or a command alone */
			open_len = 0;
		}
		if (r % 17 == 0) {
			audit_seal(w.l);	/* the log read */
			open_len = 0;
		}
		memset(identity, 0, sizeof(identity));
		identity[0] = (uint8_t)subject;
		e = audit_open(w.l, subject, identity, w.seq[subject], max);
		for (uint32_t k = 0; k < size; k++, n++) {
			if (e == w.l->stop) {	/* a stretch ends: on with it */
				audit_took(w.l, e, w.seq[subject] + k);
				e = audit_open(w.l, subject, identity,
				    w.seq[subject] + k, max - k);
			}
			struct appended *p = &a[n];

			*p = (struct appended){ subject, w.seq[subject] + k,
			    CMD_SYS_NOOP + (uint32_t)(r >> k % 60) % 2 *
			    CMD_TIME_UPTIME, r + k, (int64_t)(r >> 3) - k,
			    (uint8_t)subject, 0 };
			p->starts = open_len == 0 || open_subject != subject ||
			    next_seq != p->seq || open_len == AUDIT_BATCH ||
			    (k == 0 && open_len + max > AUDIT_BATCH);
			open_len = p->starts ? 1 : open_len + 1;
			open_subject = subject;
			next_seq = p->seq + 1;
			audit_put(e++, p->kind, p->arg, p->result);
		}
		audit_took(w.l, e, w.seq[subject] + size);
		w.seq[subject] += size;
	}
	audit_seal(w.l);
	CHECK_EQ(w.l->count, n);
	for (uint64_t i = n - AUDIT_RING / 2; i < n; i++) {
		const NxAuditEntry *e = &w.l->e[i % AUDIT_RING];
		const struct appended *p = &a[i];

		test_note("entry %lu", (unsigned long)i);
		CHECK(e->number == i && e->subject == p->subject &&
		    e->seq == p->seq && e->kind == p->kind &&
		    e->arg == p->arg && e->result == p->result &&
		    e->identity[0] == p->program &&
		    (e->part == 0) == p->starts);
	}
	CHECK_EQ(audit_verify(w.l), -1);
	CHECK_EQ(ref_verdict(w.l), -1);
	for (uint64_t i = n - AUDIT_RING / 2; i < n; i += 7) {
		NxAuditEntry *e = &w.l->e[i % AUDIT_RING];
		int64_t first = (int64_t)(e->number - e->part);

		e->result ^= 4;
		test_note("entry %lu changed", (unsigned long)i);
		CHECK_EQ(audit_verify(w.l), first);
		CHECK_EQ(ref_verdict(w.l), first);
		e->result ^= 4;
	}
	free(w.l);
}

/*
 * The open batch as the doorbell sees it (audit_ready, `next` to
 * `stop`): ready for its own Subject's next command only, never past
 * what the ring has cleared or past AUDIT_BATCH commands, and gone once
 * anything ends the batch.
 */
void
test_audit_open_batch_cursor(void)
{
	struct audit_log *l = new_log();
	uint8_t identity[16] __attribute__((aligned(8))) = { 7 };
	uint32_t seq = 100, taken = 0;
	NxAuditEntry *e;

	CHECK(!audit_ready(l, 1, seq));
	e = audit_open(l, 1, identity, seq, 1);
	CHECK(e == l->next && e < l->stop);
	CHECK(audit_ready(l, 1, seq));
	CHECK(!audit_ready(l, 2, seq) && !audit_ready(l, 1, seq + 1));
	/* One command at a time, as doorbell_one takes them. */
	while (audit_ready(l, 1, seq)) {
		e = l->next;
		CHECK((uint64_t)(e - l->e) == (l->count + taken) % AUDIT_RING);
		CHECK(l->cleared > l->count + taken);
		audit_put(e, CMD_SYS_NOOP, taken, 0);
		audit_took(l, e + 1, ++seq);
		taken++;
		CHECK_EQ(audit_opened(l), taken);
	}
	CHECK(taken <= AUDIT_BATCH);
	/* The cursor stopped at the ring's end, the slots cleared, or the
	 * batch's limit; audit_open goes on past it. */
	e = audit_open(l, 1, identity, seq, 1);
	CHECK(audit_ready(l, 1, seq));
	audit_put(e, CMD_SYS_NOOP, taken, 0);
	audit_took(l, e + 1, ++seq);
	audit_alone(l, 2, identity, 5, CMD_SYS_NOOP, 0, 0);
	CHECK(!audit_ready(l, 1, seq) && !audit_ready(l, 2, 6));
	CHECK_EQ(audit_opened(l), 0);
	CHECK_EQ(l->count, taken + 2);
	audit_seal(l);
	CHECK_EQ(audit_verify(l), (uint64_t)-1);
	free(l);
}
