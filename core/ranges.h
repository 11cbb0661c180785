/* Address ranges minus holes: which RAM the page allocator may hand out. */
#ifndef RUMPK_RANGES_H
#define RUMPK_RANGES_H

#include <stdint.h>

#include "fdt.h"

/*
 * Writes to `out` (at most `max` ranges) the parts of `in` not covered by
 * any of `holes`, each shrunk inward to whole pages.  Returns the count.
 */
int ranges_subtract(const struct fdt_range *in, int nin,
    const struct fdt_range *holes, int nholes, struct fdt_range *out, int max);

#endif
