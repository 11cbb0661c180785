/*
 * Free pages come from two places: a list of pages given back, and the
 * untouched rest of each free RAM range, consumed from the bottom.  So boot
 * costs nothing per page, and QEMU never has to back memory nobody used.
 */
#include <string.h>

#include "kernel.h"
#include "nexus/abi.h"
#include "pcache.h"
#include "pmm.h"

struct free_page {
	struct free_page *next;
};

static struct fdt_range pool[FDT_MAX_RANGES];
static uint64_t pool_next[FDT_MAX_RANGES];
static int npool;
static struct free_page *freelist;
static uint64_t nfree, ntotal;

void
pmm_init(const struct fdt_range *free, int count)
{
	for (int i = 0; i < count && i < FDT_MAX_RANGES; i++) {
		pool[i] = free[i];
		pool_next[i] = free[i].base;
		ntotal += free[i].size / NX_PAGE_SIZE;
		npool++;
	}
	nfree = ntotal;
}

static int
owned(uint64_t pa)
{
	for (int i = 0; i < npool; i++) {
		if (pa >= pool[i].base && pa - pool[i].base < pool[i].size)
			return pa < pool_next[i];
	}
	return 0;
}

static void *
take(void)
{
	void *page = NULL;

	if (freelist) {
		page = freelist;
		freelist = freelist->next;
	} else {
		for (int i = 0; i < npool && !page; i++) {
			if (pool_next[i] < pool[i].base + pool[i].size) {
				page = (void *)(uintptr_t)pool_next[i];
				pool_next[i] += NX_PAGE_SIZE;
			}
		}
	}
	if (page)
		nfree--;
	return page;
}

void *
page_alloc(void)
{
	void *page = take();

	/* Cached program pages no Subject maps are as good as free. */
	while (!page && pcache_reclaim() > 0)
		page = take();
	if (page)
		memset(page, 0, NX_PAGE_SIZE);
	return page;
}

void
page_free(void *page)
{
	struct free_page *p = page;
	uint64_t pa = (uintptr_t)page;

	if ((pa & (NX_PAGE_SIZE - 1)) || !owned(pa))
		panic("page_free of %p, which the allocator never gave out",
		    page);
	p->next = freelist;
	freelist = p;
	nfree++;
}

uint64_t
pages_free(void)
{
	return nfree;
}

uint64_t
pages_total(void)
{
	return ntotal;
}
