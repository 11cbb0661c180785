#include "nexus/abi.h"
#include "ranges.h"

#define PAGE NX_PAGE_SIZE

/* Clips [lo, hi) against every hole from `first` on, emitting what's left. */
static void
clip(uint64_t lo, uint64_t hi, const struct fdt_range *holes, int nholes,
    int first, struct fdt_range *out, int max, int *n)
{
	for (int i = first; i < nholes; i++) {
		uint64_t hlo = holes[i].base;
		uint64_t hhi = holes[i].base + holes[i].size;

		if (hhi < hlo)
			hhi = UINT64_MAX;	/* a hole running off the end */
		if (hhi == hlo || hhi <= lo || hlo >= hi)
			continue;
		if (hlo > lo)
			clip(lo, hlo, holes, nholes, i + 1, out, max, n);
		lo = hhi;
		if (lo >= hi)
			return;
	}
	if (lo > UINT64_MAX - (PAGE - 1))
		return;			/* no whole page starts up there */
	lo = (lo + PAGE - 1) & ~(PAGE - 1);
	hi &= ~(PAGE - 1);
	if (lo < hi && *n < max) {
		out[*n].base = lo;
		out[*n].size = hi - lo;
		(*n)++;
	}
}

int
ranges_subtract(const struct fdt_range *in, int nin,
    const struct fdt_range *holes, int nholes, struct fdt_range *out, int max)
{
	int n = 0;

	for (int i = 0; i < nin; i++) {
		uint64_t lo = in[i].base, hi = in[i].base + in[i].size;

		if (hi < lo)
			hi = UINT64_MAX;
		clip(lo, hi, holes, nholes, 0, out, max, &n);
	}
	return n;
}
