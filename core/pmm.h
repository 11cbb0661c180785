/* The physical page allocator: 4 KiB pages, handed out zeroed. */
#ifndef RUMPK_PMM_H
#define RUMPK_PMM_H

#include <stdint.h>

#include "fdt.h"

void pmm_init(const struct fdt_range *free, int nfree);
/* A zeroed page, or NULL: when none is free it first takes back the
 * program cache's idle pages (core/pcache.h). */
void *page_alloc(void);
void page_free(void *page);
uint64_t pages_free(void);
uint64_t pages_total(void);

#endif
