/*
 * Ownership of one Subject's ION packet slabs.  Pure: the kernel keeps one
 * pool per Subject and asks it before every hand-over, so a double free, a
 * slab that isn't the Subject's, or an index out of range is an error code,
 * never corruption.
 */
#ifndef RUMPK_SLAB_H
#define RUMPK_SLAB_H

#include <stdint.h>

#include "nexus/abi.h"

enum slab_owner {
	SLAB_KERNEL,	/* the kernel's; the Subject has not held it */
	SLAB_RETURNED,	/* the kernel's; the Subject gave it back */
	SLAB_USER,	/* the Subject's */
};

struct slab_pool {
	uint8_t owner[NX_SLABS];
	uint32_t nfree;
};

void slab_init(struct slab_pool *p);
/* Hands a free slab to the Subject: its index, or NX_ENOMEM. */
int slab_alloc(struct slab_pool *p);
/* Hands up to `count` free slabs to the Subject; returns their mask. */
uint64_t slab_alloc_mask(struct slab_pool *p, unsigned count);
/* The Subject gives slab `i` back: 0, NX_ERANGE (no such slab),
 * NX_EALREADY (already given back) or NX_EPERM (never the Subject's). */
int slab_free(struct slab_pool *p, uint64_t i);
/* Takes every slab back (the Subject ended); returns how many it held. */
unsigned slab_reclaim(struct slab_pool *p);

#endif
