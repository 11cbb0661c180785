/*
 * Provenance: the per-boot key, Subject identities and command tags.
 * Accepted commands go into the audit log in batches; each command's
 * completion carries its batch's tag (core/audit.h).
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
/* The state a Subject's batches start from, made once per program. */
void provenance_subject(const uint8_t identity[16], uint32_t id,
    struct siphash *out);
/* The audit log, for the doorbell (batches) and CMD_SYS_AUDIT. */
struct audit_log *provenance_log(void);

#endif
