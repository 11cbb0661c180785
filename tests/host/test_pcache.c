/*
 * core/pcache.c, the program page cache.  Its pages here are small heap
 * blocks and page_free() frees them, so ASan reports a page given back
 * twice and LeakSanitizer one never given back.  Each test leaves the cache
 * empty: every file released and every page reclaimed.
 */
#include <stdlib.h>

#include "pcache.h"
#include "pmm.h"
#include "test.h"

static unsigned freed;		/* pages page_free() has seen */
static const char keys[PCACHE_FILES + 4];	/* stand-ins for tar nodes */
static char never;		/* a page that must not go in */

void
page_free(void *page)
{
	freed++;
	free(page);
}

static void *
new_page(void)
{
	return malloc(16);
}

/* Reclaims everything; the cache must then be empty. */
static void
drain(void)
{
	uint64_t cached, idle;

	while (pcache_reclaim() > 0)
		;
	pcache_stat(&cached, &idle);
	CHECK_EQ(cached, 0);
	CHECK_EQ(idle, 0);
}

/* Adds `n` fresh pages at va 0, 0x1000, ...; how many went in. */
static unsigned
fill(struct pcache_file *f, unsigned n)
{
	unsigned added = 0;

	for (unsigned i = 0; i < n; i++) {
		void *p = new_page();

		if (pcache_add(f, 0x10000 + i * 0x1000ull, p) == 0)
			added++;
		else
			free(p);
	}
	return added;
}

void
test_pcache_share(void)
{
	struct pcache_file *a = pcache_acquire(&keys[0]), *b;
	void *p = new_page(), *q = new_page();
	uint64_t cached, idle;

	CHECK(a != NULL);
	CHECK(pcache_find(a, 0x10000) == NULL);
	CHECK_EQ(pcache_add(a, 0x11000, q), 0);
	CHECK_EQ(pcache_add(a, 0x10000, p), 0);	/* out of order is fine */
	CHECK(pcache_add(a, 0x10000, p) != 0);	/* but only once */
	b = pcache_acquire(&keys[0]);			/* a second Subject */
	CHECK(a == b);
	CHECK(pcache_find(b, 0x10000) == p);
	CHECK(pcache_find(b, 0x11000) == q);
	CHECK(pcache_find(b, 0x12000) == NULL);
	CHECK(pcache_find(b, 0x10000) == p);	/* back down after the hint */
	pcache_stat(&cached, &idle);
	CHECK_EQ(cached, 2);
	CHECK_EQ(idle, 0);
	pcache_release(a);
	CHECK_EQ(pcache_reclaim(), 0);		/* b still maps them */
	pcache_release(b);
	pcache_release(NULL);
	pcache_stat(&cached, &idle);
	CHECK_EQ(idle, 2);
	/* Kept when unused: the next run gets the same pages. */
	a = pcache_acquire(&keys[0]);
	CHECK(pcache_find(a, 0x11000) == q);
	pcache_release(a);
	pcache_release(a);			/* one too many: no harm */
	drain();
}

void
test_pcache_reclaim(void)
{
	struct pcache_file *old = pcache_acquire(&keys[1]);
	struct pcache_file *young, *busy;
	unsigned before;

	CHECK_EQ(fill(old, 3), 3);
	pcache_release(old);
	young = pcache_acquire(&keys[2]);
	CHECK_EQ(fill(young, 5), 5);
	pcache_release(young);
	busy = pcache_acquire(&keys[3]);
	CHECK_EQ(fill(busy, 7), 7);
	/* The one unused longest goes first, then the next; never one in use. */
	before = freed;
	CHECK_EQ(pcache_reclaim(), 3);
	CHECK_EQ(freed - before, 3);
	CHECK_EQ(pcache_reclaim(), 5);
	CHECK_EQ(pcache_reclaim(), 0);
	CHECK(pcache_find(busy, 0x16000) != NULL);
	/* A reclaimed file starts empty the next time. */
	old = pcache_acquire(&keys[1]);
	CHECK(pcache_find(old, 0x10000) == NULL);
	pcache_release(old);
	pcache_release(busy);
	drain();
}

void
test_pcache_limits(void)
{
	struct pcache_file *f[PCACHE_FILES], *g;
	uint64_t cached, idle;

	CHECK(pcache_acquire(NULL) == NULL);
	/* Every record in use: the next file gets none (private pages). */
	for (int i = 0; i < PCACHE_FILES; i++)
		f[i] = pcache_acquire(&keys[i]);
	CHECK(pcache_acquire(&keys[PCACHE_FILES]) == NULL);
	/* Entries run out: adding fails while every page is in use... */
	CHECK_EQ(fill(f[0], PCACHE_PAGES + 5), PCACHE_PAGES);
	CHECK(pcache_add(f[1], 0x10000, &never) != 0);
	/* ...and takes an unused file's entries when there is one. */
	pcache_release(f[0]);
	CHECK_EQ(fill(f[1], 2), 2);
	pcache_stat(&cached, &idle);
	CHECK_EQ(cached, 2);
	CHECK_EQ(idle, 0);
	/* A new file takes a free record (f[0]'s, reclaimed), then the one
	 * unused longest, whose pages go back first. */
	pcache_release(f[1]);
	g = pcache_acquire(&keys[PCACHE_FILES]);
	CHECK(g == f[0]);
	pcache_stat(&cached, &idle);
	CHECK_EQ(idle, 2);
	pcache_release(g);
	g = pcache_acquire(&keys[PCACHE_FILES + 1]);
	CHECK(g == f[1]);
	pcache_stat(&cached, &idle);
	CHECK_EQ(cached, 0);
	CHECK(pcache_find(g, 0x10000) == NULL);
	/* Only a user adds. */
	pcache_release(g);
	CHECK(pcache_add(g, 0x10000, &never) != 0);
	for (int i = 2; i < PCACHE_FILES; i++)
		pcache_release(f[i]);
	drain();
}
