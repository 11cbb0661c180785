/*
 * The physical page allocator: 4 KiB pages, handed out zeroed, each with
 * a reference count (1 when handed out) so that copy-on-write can share
 * a page between address spaces.
 */
#ifndef RUMPK_PMM_H
#define RUMPK_PMM_H

#include <stdint.h>

#include "fdt.h"

void pmm_init(const struct fdt_range *free, int nfree);
/* A zeroed page, or NULL: when none is free it first takes back the
 * program cache's idle pages (core/pcache.h). */
void *page_alloc(void);
/* Drops a reference: the page is free when the last one goes. */
void page_free(void *page);
/* page_free of a page the caller knows is all zeros (a page table whose
 * entries it cleared): the next page_alloc gives it out without zeroing. */
void page_free_zeroed(void *page);
/* One reference more (a second address space maps the page). */
void page_ref(void *page);
unsigned page_refs(void *page);
/* `n` contiguous pages (a Subject and its kernel stack), or NULL; given
 * back whole with page_run_free and kept as a run for reuse.  Not zeroed:
 * the caller zeroes what it must (a Subject's kernel stack need not be),
 * and the pages never reach user memory. */
void *page_run_alloc(unsigned n);
void page_run_free(void *run, unsigned n);
/* Whether `addr` is in a page the allocator handed out (backtraces). */
int pmm_owns(uint64_t addr);
uint64_t pages_free(void);
uint64_t pages_total(void);

#endif
