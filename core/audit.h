/*
 * The audit log: accepted commands, in batches, each Subject's batches
 * hash-chained.  A batch is the commands one Subject got accepted in a row
 * (see "Appending" below; a single command that may block is one of its
 * own), and its tag is
 *
 *	SipHash-2-4-128(key, identity || subject ||
 *	    previous tag ^ number || for each command: seq | kind << 32, arg,
 *	    result)
 *
 * in 64-bit little-endian words: the previous tag is that of the same
 * Subject's batch before (zeros before its first), and number, the
 * batch's first entry's place in the log since boot, is XORed into its
 * first word; it fixes the order of every Subject's batches against every
 * other's, at no cost.  Every entry of the batch carries the tag.
 *
 * Tags are computed late.  The doorbell only appends entries (audit_put,
 * audit_commit); audit_seal closes the open batch and hashes the closed
 * batches not yet tagged, oldest first, each after the one before it of
 * its Subject.  It runs when the kernel is idle, before anything reads the
 * log, and before a batch would leave the ring (so what leaves is always
 * tagged).  Everything a tag covers is in the kernel's own memory from
 * the start, written from its own variables (part of it filled into each
 * entry only then, from the batch's first), and the key never leaves the
 * kernel, so a tag computed later is the tag computed at once: the chain
 * is the same, entry for entry (docs/ABI.md, Provenance, says what this
 * means for a hostile Subject).  Readers call audit_seal first: until then an entry's
 * tag field holds nothing meaningful, and a trail's tag is that of its
 * newest tagged batch.
 *
 * What is kept: the newest AUDIT_RING entries of every Subject, in a ring,
 * as they come; and for each of AUDIT_TRAILS Subjects, the newest
 * AUDIT_KEEP of its entries that have left the ring.  So a Subject busy
 * with many small commands (the shell, a few per keystroke) pushes the
 * others' entries out of the ring, but not out of the log.  A batch leaves
 * the ring whole, into its Subject's own ring of kept entries, where room
 * is made by dropping that Subject's oldest batches; a batch longer than
 * AUDIT_KEEP, or of a Subject with AUDIT_KEEP newer entries still in the
 * ring (a busy one), is dropped with all that Subject kept before it, so
 * a busy Subject pays next to nothing for this.  So what the log
 * keeps of a Subject is always the unbroken end of its chain: the tag of
 * the last batch it lost (its anchor) starts the check, and the tag of its
 * newest batch, which the log also keeps, ends it.  Changing, moving,
 * inserting or removing a kept entry breaks its Subject's chain.  The
 * Subjects' records (anchors, newest tags, counts) are the log's own
 * bookkeeping, like the count of entries.
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
 * 256 entries in the ring and 32 Subjects' 32 kept entries, 72 bytes
 * each: about 92 KiB of kernel memory.  Ring slots are freed AUDIT_AHEAD
 * at a time, so a command pays for it only once in a while.
 */
#define AUDIT_RING	256
#define AUDIT_TRAILS	32
#define AUDIT_KEEP	32
#define AUDIT_AHEAD	16

/* A batch is at most one completion ring, and never wraps onto itself
 * (the ring frees whole batches, AUDIT_AHEAD slots or more ahead). */
#define AUDIT_BATCH	NX_CQ_SLOTS
_Static_assert(2 * AUDIT_BATCH + AUDIT_AHEAD < AUDIT_RING, "a batch fits");
_Static_assert((AUDIT_RING & (AUDIT_RING - 1)) == 0, "a power of two");

/* One Subject's part of the log (its trail).  Tags first: 8-aligned. */
struct audit_trail {
	uint8_t anchor[16];	/* tag of the last batch it lost, or zeros */
	uint8_t tag[16];	/* tag of its newest tagged batch, or zeros */
	/* The state its batches start from (key, identity and id absorbed),
	 * for the identity it was last made for: a program's batches all
	 * start from the same, so sealing makes it once per program. */
	uint8_t state_identity[16];
	struct siphash state;
	uint32_t state_made;	/* whether `state` is made */
	uint64_t active;	/* the number of its newest entry */
	uint32_t subject;	/* 0: the record is unused */
	uint32_t in_ring;	/* its entries of closed batches in the ring */
	uint32_t kept;		/* entries in keep[] */
	uint32_t start;		/* the slot of the oldest */
	NxAuditEntry keep[AUDIT_KEEP];	/* entries that left the ring; last */
};

struct audit_log {
	/* The small fields first: every command touches them, and near the
	 * start they take one instruction to address, not three.  The open
	 * batch runs from slot count % AUDIT_RING to `next`. */
	NxAuditEntry *next;		/* where its next entry goes */
	NxAuditEntry *stop;		/* how far it may go before audit_open
					 * must look (the ring's end, the
					 * batch's limit, the slots cleared) */
	uint32_t open_subject;		/* its Subject; 0: no batch is open */
	uint32_t open_seq;		/* the number its next command must have */
	uint64_t count;			/* entries of closed batches since boot */
	uint64_t cleared;		/* ring slots [count, cleared) are free */
	struct audit_trail *cur;	/* the open (or last) batch's */
	uint64_t sealed;		/* entries [0, sealed) are tagged */
	uint8_t key[16];
	NxAuditEntry e[AUDIT_RING];	/* entry n in slot n % AUDIT_RING */
	uint16_t len[AUDIT_RING];	/* a batch's length, at its first */
	struct audit_trail trails[AUDIT_TRAILS];
};

void audit_init(struct audit_log *l, const uint8_t key[16]);
/* The state a Subject's batches start from: key, identity and id. */
void audit_subject_state(const uint8_t key[16], const uint8_t identity[16],
    uint32_t subject, struct siphash *out);
/* audit_open's slow path: a batch opened or continued, room made (and
 * what must leave the ring tagged), `next` and `stop` set again. */
NxAuditEntry *audit_reach(struct audit_log *l, uint32_t subject,
    const uint8_t identity[16], uint32_t seq, uint32_t max);

/*
 * Appending.  A batch is the commands one Subject got accepted in a row:
 * those of one doorbell, and of the next ones, until another Subject's
 * command, a command that runs alone, a command refused (its number is
 * missing), a batch of AUDIT_BATCH, or anything that reads the log or
 * tags it (audit_end).  Until the batch is tagged, an entry holds only
 * what its command brings (kind, arg, result); what all of a batch's
 * share (Subject, identity, the first sequence number) is written once,
 * in its first entry, and the rest (number, part, sequence numbers, and
 * the same for every entry) is filled in when it is tagged, from the
 * kernel's own entries: nothing of it was ever the Subject's to change.
 * Inline: this is all of a batched command's bookkeeping.
 *
 * audit_open readies the open batch for `max` more commands (at most
 * AUDIT_BATCH) of `subject`, the first with sequence number `seq`,
 * continuing it when it can, and returns the entry for the first: the
 * open batch's `next`.  The entries from there to `stop` (at least one)
 * follow each other in memory and may be filled; past `stop`, audit_open
 * is asked again for the rest, and goes on with the same batch (room
 * for all `max` is made at once).  audit_put fills an entry, and
 * audit_took adds those filled up to `end` to the open batch.  Nothing
 * else may touch the log between audit_open and audit_took (the
 * commands that share a batch never do).  A program's identity changes
 * only by an exec, which runs alone.
 */
static inline NxAuditEntry *
audit_open(struct audit_log *l, uint32_t subject, const uint8_t identity[16],
    uint32_t seq, uint32_t max)
{
	if (l->open_subject != subject || l->open_seq != seq ||
	    (uintptr_t)(l->next + max) > (uintptr_t)l->stop)
		return audit_reach(l, subject, identity, seq, max);
	return l->next;
}

/* Whether audit_open(l, subject, ..., seq, 1) would return `next` at
 * once, with nothing to do. */
static inline int
audit_ready(const struct audit_log *l, uint32_t subject, uint32_t seq)
{
	return l->open_subject == subject && l->open_seq == seq &&
	    l->next != l->stop;
}

static inline void
audit_put(NxAuditEntry *e, uint32_t kind, uint64_t arg, int64_t result)
{
	e->kind = kind;
	e->arg = arg;
	e->result = result;
}

/* The entries from `next` to `end`, filled, join the open batch, whose
 * next command has number `seq`. */
static inline void
audit_took(struct audit_log *l, NxAuditEntry *end, uint32_t seq)
{
	l->next = end;
	l->open_seq = seq;
}

/* Entries of the open batch so far: its commands are numbered in a row
 * from the first's (in its first entry). */
static inline uint32_t
audit_opened(const struct audit_log *l)
{
	if (l->open_subject == 0)
		return 0;
	return l->open_seq - l->e[l->count % AUDIT_RING].seq;
}

/* The place since boot of the open batch's next entry. */
static inline uint64_t
audit_place(const struct audit_log *l)
{
	return l->count + audit_opened(l);
}

/* Closes the open batch, if any; audit_seal tags it. */
void audit_end(struct audit_log *l);

/* One command: appended to the open batch as audit_open allows, or to a
 * new one (audit_end first makes it start one). */
static inline void
audit_add(struct audit_log *l, uint32_t subject, const uint8_t identity[16],
    uint32_t seq, uint32_t kind, uint64_t arg, int64_t result)
{
	NxAuditEntry *e = audit_open(l, subject, identity, seq, 1);

	audit_put(e, kind, arg, result);
	audit_took(l, e + 1, seq + 1);
}

/* One command in a batch of its own (one that runs alone), closed. */
void audit_alone(struct audit_log *l, uint32_t subject,
    const uint8_t identity[16], uint32_t seq, uint32_t kind, uint64_t arg,
    int64_t result);

/* Closes the open batch and tags every batch not tagged yet, oldest
 * first. */
void audit_seal(struct audit_log *l);
/* Tags at most `batches` of them; whether any is left untagged. */
int audit_seal_some(struct audit_log *l, uint32_t batches);
/* Whether closed batches wait for their tags. */
static inline int
audit_unsealed(const struct audit_log *l)
{
	return l->sealed != l->count;
}

/* The newest entry held of `subject` with sequence number `seq`, tagged,
 * into `out`; -1 if the log holds none (rejected commands have none). */
int audit_receipt(struct audit_log *l, uint32_t subject, uint32_t seq,
    NxAuditEntry *out);

/* The readers below want a sealed log (audit_seal first). */

/* Entries of closed batches held for `subject` (0: for every Subject). */
uint32_t audit_held(const struct audit_log *l, uint32_t subject);

/* A walk over the entries of one Subject (or all), oldest first: those
 * kept after leaving the ring (for all Subjects, merged by number), then
 * those in the ring. */
struct audit_cursor {
	uint32_t subject;		/* 0: every Subject's */
	uint32_t left;			/* entries still to give */
	uint64_t ring;			/* the next ring entry's number */
	uint8_t at[AUDIT_TRAILS];	/* each trail's next kept entry */
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
 * first entry of the earliest batch that does not (INT64_MAX if that
 * number was changed to one the log cannot reach, 2^63 or more). */
int64_t audit_verify(const struct audit_log *l);

#endif
