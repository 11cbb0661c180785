/*
 * Provenance: the per-boot key, Subject identities and command tags.
 * Every accepted command is stamped with the tag of its audit log entry.
 */
#ifndef RUMPK_PROVENANCE_H
#define RUMPK_PROVENANCE_H

#include <stddef.h>
#include <stdint.h>

#include "nexus/abi.h"
#include "siphash.h"

/* Takes the key from the device tree's rng-seed (or, weakly, the timer). */
void provenance_init(const uint8_t *seed, size_t len);
/* Identity hashing, fed with a program's bytes as the loader reads them. */
void provenance_identity_begin(struct siphash *s);
/* Appends a command to the audit log; writes its tag. */
void provenance_stamp(const NxAuditEntry *fields, uint8_t tag[16]);
/* Copies the newest entries for CMD_SYS_AUDIT (see core/ion.c). */
struct audit_log *provenance_log(void);

#endif
