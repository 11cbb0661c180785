/*
 * Provenance: the per-boot key, Subject identities and command tags.
 * Accepted commands go into the audit log in batches; the batches are
 * tagged later, off the doorbell's path (core/audit.h): when the kernel
 * is idle, when the log is read, and before a batch leaves the log's ring.
 */
#ifndef RUMPK_PROVENANCE_H
#define RUMPK_PROVENANCE_H

#include <stddef.h>
#include <stdint.h>

#include "audit.h"
#include "nexus/abi.h"
#include "siphash.h"

/* Takes the per-boot key, derived at boot from the rng-seed
 * (random_derive_keys). */
void provenance_init(const uint8_t key[16]);
/* Identity hashing, fed with a program's bytes as the loader reads them. */
void provenance_identity_begin(struct siphash *s);
/* The audit log, for the doorbell (batches). */
struct audit_log *provenance_log(void);
/* The log with every closed batch tagged, for its readers. */
struct audit_log *provenance_sealed_log(void);
/* The idle fiber's work: tags a few batches; whether any is left. */
int provenance_idle(void);

#endif
