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
	uint8_t program[256];	/* which program each Subject runs */
};

static inline struct audit_log *
new_log(void)
{
	struct audit_log *l = malloc(sizeof(*l));

	audit_init(l, audit_key);
	return l;
}

/* Appends one batch of `size` commands by `subject`; left open if `open`.
 * A lazy writer leaves the tags to whoever seals the log next. */
static inline void
batch(struct writer *w, uint32_t subject, uint32_t size, int open)
{
	uint8_t identity[16] __attribute__((aligned(8))) =
	    { (uint8_t)subject, 0x5a, w->program[subject] };

	audit_begin(w->l, subject);
	for (uint32_t k = 0; k < size; k++, w->made++) {
		uint64_t i = w->made;

		audit_add(w->l, subject, identity, w->seq[subject]++,
		    CMD_SYS_NOOP + (uint32_t)i % 2 * CMD_TIME_UPTIME,
		    i * 77, i % 5 ? (int64_t)i : NX_ENOENT);
	}
	if (open)
		return;
	audit_end(w->l);
	if (!w->lazy)
		audit_seal(w->l);
}

#endif
