/*
 * The audit log: accepted commands, in batches, each Subject's batches
 * hash-chained.  A batch is the commands one Subject got accepted in a row
 * (one doorbell's worth, or a single command that may block), and its tag
 * is
 *
 *	SipHash-2-4-128(key, identity || subject || previous tag || number ||
 *	    for each command: seq | kind << 32, arg, result)
 *
 * in 64-bit little-endian words: the previous tag is that of the same
 * Subject's batch before (zeros before its first), and number is the
 * batch's first entry's place in the log since boot, which fixes the
 * order of every Subject's batches against every other's.  Every entry of
 * the batch carries the tag.  Hashing a batch instead of each command
 * makes a command cost three SipHash blocks rather than a dozen.
 *
 * What is kept: AUDIT_SLOTS entries.  When they are all taken, the
 * Subject holding the most entries loses its oldest batches, so a Subject
 * busy with many small commands (the shell, a few per keystroke) pushes
 * out its own history, not everyone else's.  A Subject only ever loses its
 * oldest batches, so what is left of its chain is unbroken: the tag of the
 * last batch it lost (its anchor) starts the check, and the tag of its
 * newest batch, which the log also keeps, ends it.  So changing, moving,
 * inserting or removing a kept entry breaks its Subject's chain.  The
 * Subjects' records (anchors, newest tags, which slots are whose) are the
 * log's own bookkeeping, like the count of entries.
 *
 * Pure: the key is passed in, nothing touches hardware.
 */
#ifndef RUMPK_AUDIT_H
#define RUMPK_AUDIT_H

#include <stdint.h>

#include "copy16.h"
#include "nexus/abi.h"
#include "siphash.h"

/*
 * 1024 entries of 72 bytes, their links and 32 Subjects' records: about
 * 80 KiB of kernel memory.  A full log frees AUDIT_RECLAIM slots at a time,
 * so picking whose batches go is not paid on every batch.
 */
#define AUDIT_SLOTS	1024
#define AUDIT_TRAILS	32
#define AUDIT_RECLAIM	32
#define AUDIT_NONE	0xffff

/* A batch is at most one completion ring: it always fits. */
#define AUDIT_BATCH	NX_CQ_SLOTS
_Static_assert(AUDIT_BATCH + AUDIT_RECLAIM < AUDIT_SLOTS, "a batch fits");
_Static_assert(AUDIT_SLOTS <= AUDIT_NONE, "slot numbers fit 16 bits");

/* Where an entry is: in the log's order, and in its Subject's. */
struct audit_link {
	uint16_t prev, next;	/* the entries before and after it */
	uint16_t later;		/* its Subject's next entry */
};

/* One Subject's part of the log (its trail).  Tags first: 8-aligned. */
struct audit_trail {
	uint8_t anchor[16];	/* tag of the last batch it lost, or zeros */
	uint8_t tag[16];	/* tag of its newest batch, or zeros */
	uint64_t active;	/* the number of its newest entry */
	uint32_t subject;	/* 0: the record is unused */
	uint32_t held;		/* entries of its closed batches */
	uint16_t first, last;	/* its oldest and newest entry */
};

struct audit_log {
	/* The small fields first: every command touches them, and near the
	 * start they take one instruction to address, not three. */
	uint64_t count;			/* entries appended since boot */
	uint32_t open;			/* entries in the open batch */
	uint32_t held;			/* entries of closed batches */
	size_t nwords;
	struct audit_trail *cur;	/* the open (or last) batch's */
	uint16_t free;			/* free slots, linked through next */
	uint16_t oldest, newest;
	struct siphash run;		/* the open batch's state */
	uint8_t key[16];
	/* The open batch's words not yet absorbed: hashed together at the
	 * end, one loop instead of a call per command. */
	uint64_t words[3 + 3 * AUDIT_BATCH];	/* previous tag, number */
	struct audit_trail trails[AUDIT_TRAILS];
	struct audit_link link[AUDIT_SLOTS];
	NxAuditEntry e[AUDIT_SLOTS];
};

void audit_init(struct audit_log *l, const uint8_t key[16]);
/* The state a Subject's batches start from: key, identity and id. */
void audit_subject_state(const uint8_t key[16], const uint8_t identity[16],
    uint32_t subject, struct siphash *out);
/* Opens a batch for Subject `subject`, whose state `start` is. */
void audit_begin(struct audit_log *l, uint32_t subject,
    const struct siphash *start);
/* Hashes the words of the open batch so far (audit_add's slow path). */
void audit_absorb_words(struct audit_log *l);
/* Frees slots when none is (audit_add's slow path). */
void audit_make_room(struct audit_log *l);

/*
 * Appends one command to the open batch; its tag comes with audit_end.
 * `identity` is 8-aligned.  Inline: it is most of a batched command's
 * bookkeeping, and a call with eight arguments costs a good part again.
 */
static inline void
audit_add(struct audit_log *l, uint32_t subject, const uint8_t identity[16],
    uint32_t seq, uint32_t kind, uint64_t arg, int64_t result)
{
	struct audit_trail *t = l->cur;
	NxAuditEntry *e;
	uint16_t i;
	uint64_t *w;

	if (l->nwords + 3 > sizeof(l->words) / sizeof(l->words[0]))
		audit_absorb_words(l);	/* longer than callers make them */
	if (l->free == AUDIT_NONE)
		audit_make_room(l);
	i = l->free;
	l->free = l->link[i].next;
	/* Last in the log's order and in the Subject's. */
	l->link[i].prev = l->newest;
	l->link[i].next = AUDIT_NONE;
	l->link[i].later = AUDIT_NONE;
	if (l->newest == AUDIT_NONE)
		l->oldest = i;
	else
		l->link[l->newest].next = i;
	l->newest = i;
	if (t->last == AUDIT_NONE)
		t->first = i;
	else
		l->link[t->last].later = i;
	t->last = i;
	e = &l->e[i];
	e->number = l->count;
	e->subject = subject;
	e->seq = seq;
	e->kind = kind;
	e->part = l->open;
	e->arg = arg;
	e->result = result;
	copy16(e->identity, identity);
	/* What the tag takes of it (audit.c, absorb()). */
	w = &l->words[l->nwords];
	w[0] = seq | (uint64_t)kind << 32;
	w[1] = arg;
	w[2] = (uint64_t)result;
	l->nwords += 3;
	l->count++;
	l->open++;
}
/* Closes the open batch: tags its entries, and copies the tag out (to an
 * 8-aligned place). */
void audit_end(struct audit_log *l, uint8_t tag[16]);

/* Entries of closed batches held for `subject` (0: for every Subject). */
uint32_t audit_held(const struct audit_log *l, uint32_t subject);

/* A walk over the entries of one Subject (or all), oldest first. */
struct audit_cursor {
	uint16_t at;
	int trail;		/* follow the Subject's links, not the log's */
	uint32_t left;
};
/* Starts at the oldest of the newest `n` entries held for `subject` (0:
 * every Subject); returns how many the walk gives (n, or fewer held). */
uint32_t audit_cursor(const struct audit_log *l, uint32_t subject,
    uint32_t n, struct audit_cursor *c);
/* The next entry of the walk, or NULL after the last. */
const NxAuditEntry *audit_next(const struct audit_log *l,
    struct audit_cursor *c);
/* Entry i (0 = oldest) of all those held: a walk, for tests. */
NxAuditEntry *audit_entry(struct audit_log *l, uint32_t i);

/* -1 when every Subject's closed batches verify, else the number of the
 * first entry of the earliest batch that does not. */
int64_t audit_verify(const struct audit_log *l);

#endif
