/*
 * The audit log: the most recent AUDIT_ENTRIES commands, hash-chained.
 * Each entry's tag is SipHash-2-4-128, under the per-boot key, of the
 * entry's fields and the previous entry's tag, so changing, reordering or
 * removing an entry breaks verification from that entry on.  Pure: the key
 * is passed in, nothing touches hardware.
 */
#ifndef RUMPK_AUDIT_H
#define RUMPK_AUDIT_H

#include <stdint.h>

#include "nexus/abi.h"

#define AUDIT_ENTRIES 256

struct audit_log {
	NxAuditEntry e[AUDIT_ENTRIES];	/* ring, oldest at count % N once full */
	uint64_t count;			/* entries appended since boot */
	uint8_t anchor[16];		/* tag of the entry before the oldest */
	uint8_t key[16];
};

void audit_init(struct audit_log *l, const uint8_t key[16]);
/* The tag of `e` chained after `prev`. */
void audit_tag(const uint8_t key[16], const NxAuditEntry *e,
    const uint8_t prev[16], uint8_t tag[16]);
/* Appends `e` (its number and tag are filled in); returns the stored one. */
const NxAuditEntry *audit_append(struct audit_log *l, const NxAuditEntry *e);
/* Entries held, and entry i of them (0 = oldest). */
uint32_t audit_held(const struct audit_log *l);
NxAuditEntry *audit_entry(struct audit_log *l, uint32_t i);
/* -1 when the chain verifies, else the number of the first bad entry. */
int64_t audit_verify(const struct audit_log *l);

#endif
