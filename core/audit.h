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

#include "nexus/abi.h"
#include "siphash.h"

/* The ring keeps one entry more than it shows: the one before the oldest
 * shown anchors the chain (its tag, and its batch state). */
#define AUDIT_SLOTS	256
#define AUDIT_ENTRIES	(AUDIT_SLOTS - 1)

/* A batch never wraps onto itself: it is at most one completion ring. */
_Static_assert(NX_CQ_SLOTS < AUDIT_ENTRIES, "a batch fits in the log");

/* What of a batch's SipHash state an entry keeps (no partial block). */
struct audit_state {
	uint64_t v[4];
	uint64_t len;
};

struct audit_log {
	NxAuditEntry e[AUDIT_SLOTS];	/* entry n in slot n % AUDIT_SLOTS */
	struct audit_state after[AUDIT_SLOTS];	/* batch state after each */
	uint64_t count;			/* entries appended since boot */
	struct siphash run;		/* the open batch's state */
	uint32_t open;			/* entries in the open batch */
	uint8_t key[16];
};

void audit_init(struct audit_log *l, const uint8_t key[16]);
/* The state a Subject's batches start from: key, identity and id. */
void audit_subject_state(const uint8_t key[16], const uint8_t identity[16],
    uint32_t subject, struct siphash *out);
/* Opens a batch for the Subject whose state `start` is. */
void audit_begin(struct audit_log *l, const struct siphash *start);
/* Appends one command to the open batch; its tag comes with audit_end.
 * `identity` is 8-aligned. */
void audit_add(struct audit_log *l, uint32_t subject,
    const uint8_t identity[16], uint32_t seq, uint32_t kind, uint64_t arg,
    int64_t result);
/* Closes the open batch: tags its entries, and copies the tag out (to an
 * 8-aligned place). */
void audit_end(struct audit_log *l, uint8_t tag[16]);
/* Entries held, and entry i of them (0 = oldest). */
uint32_t audit_held(const struct audit_log *l);
NxAuditEntry *audit_entry(struct audit_log *l, uint32_t i);
/* -1 when the closed batches verify, else the number of the first entry
 * of the first batch that does not. */
int64_t audit_verify(const struct audit_log *l);

#endif
