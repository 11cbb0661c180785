#include "slab.h"

void
slab_init(struct slab_pool *p)
{
	for (int i = 0; i < NX_SLABS; i++)
		p->owner[i] = SLAB_KERNEL;
	p->nfree = NX_SLABS;
}

int
slab_alloc(struct slab_pool *p)
{
	for (int i = 0; i < NX_SLABS; i++) {
		if (p->owner[i] != SLAB_USER) {
			p->owner[i] = SLAB_USER;
			p->nfree--;
			return i;
		}
	}
	return NX_ENOMEM;
}

uint64_t
slab_alloc_mask(struct slab_pool *p, unsigned count)
{
	uint64_t mask = 0;

	while (count--) {
		int i = slab_alloc(p);

		if (i < 0)
			break;
		mask |= 1ull << i;
	}
	return mask;
}

int
slab_free(struct slab_pool *p, uint64_t i)
{
	if (i >= NX_SLABS)
		return NX_ERANGE;
	if (p->owner[i] == SLAB_RETURNED)
		return NX_EALREADY;
	if (p->owner[i] != SLAB_USER)
		return NX_EPERM;
	p->owner[i] = SLAB_RETURNED;
	p->nfree++;
	return 0;
}

unsigned
slab_reclaim(struct slab_pool *p)
{
	unsigned held = NX_SLABS - p->nfree;

	slab_init(p);
	return held;
}
