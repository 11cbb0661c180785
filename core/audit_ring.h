/*
 * The audit log's ring and records as audit.c and audit_verify.c read
 * them: where an entry is, which batch it starts, whose record it is.
 * Internal to the two (core/audit.h is the interface).
 */
#ifndef RUMPK_AUDIT_RING_H
#define RUMPK_AUDIT_RING_H

#include "audit.h"

static inline NxAuditEntry *
ring_at(const struct audit_log *l, uint64_t number)
{
	return (NxAuditEntry *)&l->e[number % AUDIT_RING];
}

static inline NxAuditEntry *
kept_at(const struct audit_trail *t, uint32_t k)
{
	return (NxAuditEntry *)&t->keep[(t->start + k) % AUDIT_KEEP];
}

/* The oldest entry in the ring, and the end of the closed ones. */
static inline uint64_t
ring_first(const struct audit_log *l)
{
	return l->cleared > AUDIT_RING ? l->cleared - AUDIT_RING : 0;
}

static inline uint64_t
ring_end(const struct audit_log *l)
{
	return l->count;
}

static inline struct audit_trail *
find(const struct audit_log *l, uint32_t subject)
{
	for (uint32_t k = 0; k < AUDIT_TRAILS; k++) {
		if (subject && l->trails[k].subject == subject)
			return (struct audit_trail *)&l->trails[k];
	}
	return NULL;
}

/* Entries of the ring's batch starting at `n` (closed ones only). */
static inline uint32_t
ring_batch(const struct audit_log *l, uint64_t n)
{
	uint64_t end = ring_end(l), k = n + 1;

	while (k < end && ring_at(l, k)->part != 0)
		k++;
	return (uint32_t)(k - n);
}

/* Entries of the trail's kept batch starting at kept entry `k`. */
static inline uint32_t
kept_batch(const struct audit_trail *t, uint32_t k)
{
	uint32_t j = k + 1;

	while (j < t->kept && kept_at(t, j)->part != 0)
		j++;
	return j - k;
}

/* Absorbs what a command contributes to its batch's tag. */
static inline void
absorb(struct siphash *s, const NxAuditEntry *e)
{
	uint64_t w[3];

	w[0] = e->seq | (uint64_t)e->kind << 32;
	w[1] = e->arg;
	w[2] = (uint64_t)e->result;
	siphash_words(s, w, 3);
}

#endif
