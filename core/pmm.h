/* The physical page allocator: 4 KiB pages, handed out zeroed. */
#ifndef RUMPK_PMM_H
#define RUMPK_PMM_H

#include <stdint.h>

#include "fdt.h"

void pmm_init(const struct fdt_range *free, int nfree);
void *page_alloc(void);		/* zeroed page, or NULL */
void page_free(void *page);
uint64_t pages_free(void);
uint64_t pages_total(void);

#endif
