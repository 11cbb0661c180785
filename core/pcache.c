#include <stddef.h>

#include "pcache.h"
#include "pmm.h"

struct pc_page {
	uint64_t va;
	void *page;
	struct pc_page *next;	/* the file's pages by va; or the free list */
};

struct pcache_file {
	const void *key;	/* NULL: the record is free */
	uint32_t users;
	uint32_t npages;
	uint64_t stamp;		/* when last acquired */
	struct pc_page *pages;	/* lowest va first */
	struct pc_page *hint;	/* the one last found: loads go up in va */
};

static struct pcache_file files[PCACHE_FILES];
static struct pc_page pool[PCACHE_PAGES];
static struct pc_page *free_entries;
static unsigned pool_used;	/* entries never used are pool[pool_used..] */
static uint64_t now;		/* counts acquires: the records' ages */

/* The idle record unused for longest (with pages, if `full`), or NULL. */
static struct pcache_file *
oldest_idle(int full)
{
	struct pcache_file *old = NULL;

	for (int i = 0; i < PCACHE_FILES; i++) {
		struct pcache_file *f = &files[i];

		if (f->key && !f->users && (!full || f->npages) &&
		    (!old || f->stamp < old->stamp))
			old = f;
	}
	return old;
}

/* Gives back every page of `f` and frees the record. */
static void
drop(struct pcache_file *f)
{
	struct pc_page *p, *next;

	for (p = f->pages; p; p = next) {
		next = p->next;
		page_free(p->page);
		p->next = free_entries;
		free_entries = p;
	}
	f->pages = f->hint = NULL;
	f->npages = 0;
	f->key = NULL;
}

struct pcache_file *
pcache_acquire(const void *key)
{
	struct pcache_file *f = NULL;

	if (!key)
		return NULL;
	for (int i = 0; i < PCACHE_FILES && !f; i++) {
		if (files[i].key == key)
			f = &files[i];
	}
	for (int i = 0; i < PCACHE_FILES && !f; i++) {
		if (!files[i].key)
			f = &files[i];
	}
	if (!f && (f = oldest_idle(0)) != NULL)
		drop(f);
	if (!f)
		return NULL;
	f->key = key;
	f->users++;
	f->stamp = ++now;
	return f;
}

void
pcache_hold(struct pcache_file *f)
{
	if (f)
		f->users++;
}

void
pcache_release(struct pcache_file *f)
{
	if (f && f->users)
		f->users--;
}

/* Where the entry for `va` is or would go in the file's sorted list. */
static struct pc_page **
seek(struct pcache_file *f, uint64_t va)
{
	struct pc_page **link = &f->pages;

	if (f->hint && f->hint->va < va)
		link = &f->hint->next;
	while (*link && (*link)->va < va)
		link = &(*link)->next;
	return link;
}

void *
pcache_find(struct pcache_file *f, uint64_t va)
{
	struct pc_page *p = *seek(f, va);

	if (!p || p->va != va)
		return NULL;
	f->hint = p;
	return p->page;
}

/* A free entry; with none left, the longest idle file's are taken. */
static struct pc_page *
entry_alloc(void)
{
	struct pc_page *p;

	if (!free_entries && pool_used < PCACHE_PAGES)
		return &pool[pool_used++];
	if (!free_entries && pcache_reclaim() == 0)
		return NULL;
	p = free_entries;
	free_entries = p->next;
	return p;
}

int
pcache_add(struct pcache_file *f, uint64_t va, void *page)
{
	struct pc_page **link, *p;

	if (!f->users || pcache_find(f, va))
		return -1;	/* only a user adds, and once */
	p = entry_alloc();
	if (!p)
		return -1;
	link = seek(f, va);
	p->va = va;
	p->page = page;
	p->next = *link;
	*link = p;
	f->hint = p;
	f->npages++;
	return 0;
}

uint64_t
pcache_reclaim(void)
{
	struct pcache_file *f = oldest_idle(1);
	uint64_t n;

	if (!f)
		return 0;
	n = f->npages;
	drop(f);
	return n;
}

void
pcache_stat(uint64_t *cached, uint64_t *idle)
{
	*cached = *idle = 0;
	for (int i = 0; i < PCACHE_FILES; i++) {
		*cached += files[i].npages;
		if (!files[i].users)
			*idle += files[i].npages;
	}
}
