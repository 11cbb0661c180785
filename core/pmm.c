/*
 * Free pages come from two places: a list of pages given back, and the
 * untouched rest of each free RAM range, consumed from the bottom.  So boot
 * costs nothing per page, and QEMU never has to back memory nobody used.
 *
 * Every page handed out has a reference count (one 16-bit count per page
 * of the ranges, in pages taken from the first range at boot): a fork's
 * copy-on-write shares a user page between address spaces, and the page
 * goes back only when the last of them drops it.
 *
 * Runs of contiguous pages (a Subject with its 16 KiB kernel stack) come
 * from the untouched rest too, and a run given back stays a run on a list
 * of its own, for the next Subject; its pages still count as free, and
 * when no single page is left anywhere else a run is broken up.
 */
#include <string.h>

#include "kernel.h"
#include "nexus/abi.h"
#include "pcache.h"
#include "pmm.h"

struct free_page {
	struct free_page *next;
};

struct free_run {
	struct free_run *next;
	unsigned npages;
};

static struct fdt_range pool[FDT_MAX_RANGES];
static uint64_t pool_next[FDT_MAX_RANGES];
static uint64_t pool_first[FDT_MAX_RANGES];	/* index of its first page */
static int npool;
static struct free_page *freelist;
/* Pages given back all zeros (page tables, whose entries are cleared as
 * they are freed): page_alloc takes these first and need not zero them. */
static struct free_page *zeroed;
static struct free_run *runs;
static uint64_t nfree, ntotal;
static uint16_t *refs;		/* one count per page of the ranges */

/* Reference counts live in the first range that can hold them. */
static void
place_counts(void)
{
	uint64_t bytes = ntotal * sizeof(uint16_t);
	uint64_t pages = (bytes + NX_PAGE_SIZE - 1) / NX_PAGE_SIZE;

	for (int i = 0; i < npool; i++) {
		if (pool[i].size / NX_PAGE_SIZE <= pages)
			continue;
		refs = (uint16_t *)(uintptr_t)pool_next[i];
		pool_next[i] += pages * NX_PAGE_SIZE;
		memset(refs, 0, pages * NX_PAGE_SIZE);
		nfree -= pages;
		return;
	}
	panic("no room for %lu page reference counts", (unsigned long)ntotal);
}

void
pmm_init(const struct fdt_range *free, int count)
{
	for (int i = 0; i < count && i < FDT_MAX_RANGES; i++) {
		pool[i] = free[i];
		pool_next[i] = free[i].base;
		pool_first[i] = ntotal;
		ntotal += free[i].size / NX_PAGE_SIZE;
		npool++;
	}
	nfree = ntotal;
	place_counts();
}

/* The count of page `pa`, or NULL when the allocator never gave it out. */
static uint16_t *
ref_of(uint64_t pa)
{
	for (int i = 0; i < npool; i++) {
		if (pa >= pool[i].base && pa - pool[i].base < pool[i].size) {
			if (pa >= pool_next[i])
				return NULL;
			return &refs[pool_first[i] +
			    (pa - pool[i].base) / NX_PAGE_SIZE];
		}
	}
	return NULL;
}

int
pmm_owns(uint64_t addr)
{
	return ref_of(addr & ~(uint64_t)(NX_PAGE_SIZE - 1)) != NULL;
}

/* `n` contiguous pages from the untouched rest of a range, or NULL. */
static void *
carve(unsigned n)
{
	for (int i = 0; i < npool; i++) {
		uint64_t end = pool[i].base + pool[i].size;

		if (end - pool_next[i] >= (uint64_t)n * NX_PAGE_SIZE) {
			void *p = (void *)(uintptr_t)pool_next[i];

			pool_next[i] += (uint64_t)n * NX_PAGE_SIZE;
			return p;
		}
	}
	return NULL;
}

/* A run kept for reuse given up as single pages: the last resort. */
static void
break_run(void)
{
	struct free_run *r = runs;
	uint8_t *base = (uint8_t *)r;

	runs = r->next;
	for (unsigned i = r->npages; i-- > 0;) {
		struct free_page *p = (struct free_page *)(base +
		    (size_t)i * NX_PAGE_SIZE);

		p->next = freelist;
		freelist = p;
	}
}

static void *
take(void)
{
	void *page = NULL;

	if (!freelist && runs && !(page = carve(1)))
		break_run();
	if (!page && freelist) {
		page = freelist;
		freelist = freelist->next;
	}
	if (!page)
		page = carve(1);
	if (page) {
		nfree--;
		*ref_of((uintptr_t)page) = 1;
	}
	return page;
}

void *
page_alloc(void)
{
	void *page;

	if (zeroed) {
		struct free_page *z = zeroed;

		zeroed = z->next;
		z->next = NULL;		/* the one word the list wrote */
		nfree--;
		*ref_of((uintptr_t)z) = 1;
		return z;
	}
	page = take();

	/* Cached program pages no Subject maps are as good as free. */
	while (!page && pcache_reclaim() > 0)
		page = take();
	if (page)
		memset(page, 0, NX_PAGE_SIZE);
	return page;
}

static uint16_t *
checked_ref(void *page)
{
	uint64_t pa = (uintptr_t)page;
	uint16_t *r = (pa & (NX_PAGE_SIZE - 1)) ? NULL : ref_of(pa);

	if (!r || *r == 0)
		panic("page %p was never given out", page);
	return r;
}

void
page_ref(void *page)
{
	uint16_t *r = checked_ref(page);

	if (*r == UINT16_MAX)
		panic("page %p has too many references", page);
	(*r)++;
}

unsigned
page_refs(void *page)
{
	return *checked_ref(page);
}

void
page_free(void *page)
{
	struct free_page *p = page;
	uint16_t *r = checked_ref(page);

	if (--*r)
		return;		/* still mapped elsewhere */
	p->next = freelist;
	freelist = p;
	nfree++;
}

void
page_free_zeroed(void *page)
{
	struct free_page *p = page;
	uint16_t *r = checked_ref(page);

	if (--*r)
		return;
	p->next = zeroed;
	zeroed = p;
	nfree++;
}

void *
page_run_alloc(unsigned n)
{
	struct free_run **pp = &runs;
	uint8_t *base;

	while (*pp && (*pp)->npages != n)
		pp = &(*pp)->next;
	if (*pp) {
		base = (uint8_t *)*pp;
		*pp = (*pp)->next;
	} else if ((base = carve(n)) == NULL) {
		return NULL;
	}
	for (unsigned i = 0; i < n; i++)
		*ref_of((uintptr_t)base + (uint64_t)i * NX_PAGE_SIZE) = 1;
	nfree -= n;
	return base;
}

void
page_run_free(void *run, unsigned n)
{
	struct free_run *r = run;

	for (unsigned i = 0; i < n; i++)
		*checked_ref((uint8_t *)run + (size_t)i * NX_PAGE_SIZE) = 0;
	r->npages = n;
	r->next = runs;
	runs = r;
	nfree += n;
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
