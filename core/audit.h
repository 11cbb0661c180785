/*
 * The audit log: the most recent AUDIT_ENTRIES commands, in batches.  A
 * batch is the commands one Subject got accepted in a row (one doorbell's
 * worth, or a single command that may block), and its tag is
 *
 *	SipHash-2-4-128(key, identity || subject || previous tag ||
 *	    for each command: seq | kind << 32, arg, result)
 *
 * in 64-bit little-endian words; the previous tag is that of the entry
 * before the batch.  Every entry of the batch carries the tag, so changing,
 * reordering or removing an entry breaks verification from its batch on.
 * Hashing a batch instead of each command makes a command cost three
 * SipHash blocks rather than a dozen.  Pure: the key is passed in, nothing
 * touches hardware.
 */
#ifndef RUMPK_AUDIT_H
#define RUMPK_AUDIT_H

#include <stdint.h>

#include "copy16.h"
#include "nexus/abi.h"
#include "siphash.h"

/*
 * The log shows whole batches only: the newest that fit in AUDIT_ENTRIES,
 * so never a batch whose start was overwritten.  One slot more than that
 * keeps the entry before the oldest shown, whose tag anchors the chain.
 */
#define AUDIT_SLOTS	256
#define AUDIT_ENTRIES	(AUDIT_SLOTS - 1)

/* A batch is at most one completion ring, and never wraps onto itself. */
#define AUDIT_BATCH	NX_CQ_SLOTS
_Static_assert(AUDIT_BATCH < AUDIT_ENTRIES, "a batch fits in the log");

struct audit_log {
	/* The small fields first: every command touches them, and near the
	 * start they take one instruction to address, not three. */
	uint64_t count;			/* entries appended since boot */
	uint32_t open;			/* entries in the open batch */
	size_t nwords;
	struct siphash run;		/* the open batch's state */
	uint8_t key[16];
	/* The open batch's words not yet absorbed: hashed together at the
	 * end, one loop instead of a call per command. */
	uint64_t words[2 + 3 * AUDIT_BATCH];	/* the previous tag first */
	NxAuditEntry e[AUDIT_SLOTS];	/* entry n in slot n % AUDIT_SLOTS */
};

void audit_init(struct audit_log *l, const uint8_t key[16]);
/* The state a Subject's batches start from: key, identity and id. */
void audit_subject_state(const uint8_t key[16], const uint8_t identity[16],
    uint32_t subject, struct siphash *out);
/* Opens a batch for the Subject whose state `start` is. */
void audit_begin(struct audit_log *l, const struct siphash *start);
/* Hashes the words of the open batch so far (audit_add's slow path). */
void audit_absorb_words(struct audit_log *l);

/*
 * Appends one command to the open batch; its tag comes with audit_end.
 * `identity` is 8-aligned.  Inline: it is most of a batched command's
 * bookkeeping, and a call with eight arguments costs a good part again.
 */
static inline void
audit_add(struct audit_log *l, uint32_t subject, const uint8_t identity[16],
    uint32_t seq, uint32_t kind, uint64_t arg, int64_t result)
{
	NxAuditEntry *e = &l->e[l->count % AUDIT_SLOTS];
	uint64_t *w;

	if (l->nwords + 3 > sizeof(l->words) / sizeof(l->words[0]))
		audit_absorb_words(l);	/* longer than callers make them */
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
/* Entries shown (whole batches), and entry i of them (0 = oldest). */
uint32_t audit_held(const struct audit_log *l);
NxAuditEntry *audit_entry(struct audit_log *l, uint32_t i);
/* -1 when the closed batches verify, else the number of the first entry
 * of the first batch that does not. */
int64_t audit_verify(const struct audit_log *l);

#endif
