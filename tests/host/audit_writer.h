/*
 * The audit tests' writer: batches of commands appended to a log, tagged
 * as each closes or (lazy) left to whoever seals the log next.
 */
#ifndef RUMPK_TEST_AUDIT_WRITER_H
#define RUMPK_TEST_AUDIT_WRITER_H

#include <stdlib.h>

#include "audit.h"

/* The tests' key (unused by some of them). */
static const uint8_t audit_key[16] __attribute__((unused)) =
    "rumpk audit key";

struct writer {
	struct audit_log *l;
	uint32_t seq[256];
	uint64_t made;		/* entries appended */
	int lazy;		/* 0: each batch tagged as it closes */
	int doorbell;		/* appends as the doorbell does (audit_open) */
	uint8_t program[256];	/* which program each Subject runs */
};

static inline struct audit_log *
new_log(void)
{
	struct audit_log *l = malloc(sizeof(*l));

	audit_init(l, audit_key);
	return l;
}

/* The command `i` of the writer makes. */
static inline void
command(uint64_t i, uint32_t *kind, uint64_t *arg, int64_t *result)
{
	*kind = CMD_SYS_NOOP + (uint32_t)i % 2 * CMD_TIME_UPTIME;
	*arg = i * 77;
	*result = i % 5 ? (int64_t)i : NX_ENOENT;
}

/* A batch as the doorbell appends it (core/ion.c, run_batch): opened for
 * more commands than it gets (a ring's worth at most), entries filled in
 * place, closed with those that ran. */
static inline void
batch_as_doorbell(struct writer *w, uint32_t subject,
    const uint8_t identity[16], uint32_t size)
{
	uint32_t max = size + (uint32_t)(w->made % 3);
	struct audit_log *l = w->l;

	if (max > AUDIT_BATCH)
		max = size;
	for (uint32_t k = 0; k < size; ) {
		uint32_t seq = w->seq[subject] + k;
		NxAuditEntry *e = audit_open(l, subject, identity, seq, max - k);

		do {
			uint32_t kind;
			uint64_t arg;
			int64_t result;

			command(w->made++, &kind, &arg, &result);
			audit_put(e++, kind, arg, result);
			k++;
		} while (k < size && e != l->stop);
		audit_took(l, e, w->seq[subject] + k);
	}
	w->seq[subject] += size;
	audit_end(l);
	if (!w->lazy)
		audit_seal(l);
}

/* Appends one batch of `size` commands by `subject`; left open if `open`.
 * A lazy writer leaves the tags to whoever seals the log next. */
static inline void
batch(struct writer *w, uint32_t subject, uint32_t size, int open)
{
	uint8_t identity[16] __attribute__((aligned(8))) =
	    { (uint8_t)subject, 0x5a, w->program[subject] };

	if (w->doorbell && !open) {
		batch_as_doorbell(w, subject, identity, size);
		return;
	}
	audit_end(w->l);	/* a batch of its own */
	for (uint32_t k = 0; k < size; k++, w->made++) {
		uint32_t kind;
		uint64_t arg;
		int64_t result;

		command(w->made, &kind, &arg, &result);
		audit_add(w->l, subject, identity, w->seq[subject]++, kind,
		    arg, result);
	}
	if (open)
		return;
	audit_end(w->l);
	if (!w->lazy)
		audit_seal(w->l);
}

#endif
