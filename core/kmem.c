/*
 * Each page of a class starts with a header; its objects follow.  A page
 * with a free object is on its class's list; a full one is on no list and
 * comes back on the list when one of its objects is freed.  Objects are
 * found from their page by masking the address, so a free needs no search.
 */
#include <string.h>

#include "kmem.h"
#include "nexus/abi.h"
#include "pmm.h"

#define CLASSES		7	/* 32, 64, ... 2048 bytes */
#define MIN_SHIFT	5

struct kfree {
	struct kfree *next;
};

struct kpage {
	struct kpage *next, *prev;	/* pages of the class with room */
	struct kfree *free;
	unsigned used;
	unsigned cls;
};

static struct kpage *partial[CLASSES];

_Static_assert(sizeof(struct kpage) <= 32, "the header fits the first slot");

static unsigned
class_of(size_t size)
{
	unsigned c = 0;

	while (((size_t)1 << (c + MIN_SHIFT)) < size)
		c++;
	return c;
}

static void
unlink_page(struct kpage *pg)
{
	if (pg->prev)
		pg->prev->next = pg->next;
	else
		partial[pg->cls] = pg->next;
	if (pg->next)
		pg->next->prev = pg->prev;
	pg->next = pg->prev = NULL;
}

static void
push_page(struct kpage *pg)
{
	pg->prev = NULL;
	pg->next = partial[pg->cls];
	if (pg->next)
		pg->next->prev = pg;
	partial[pg->cls] = pg;
}

/* A fresh page cut into objects of class `c`; the header takes the first
 * object's room (rounded up to the object size). */
static struct kpage *
new_page(unsigned c)
{
	size_t sz = (size_t)1 << (c + MIN_SHIFT);
	size_t first = sz < sizeof(struct kpage) ? sizeof(struct kpage) : sz;
	uint8_t *base = page_alloc();
	struct kpage *pg = (struct kpage *)(void *)base;

	if (!base)
		return NULL;
	pg->cls = c;
	for (size_t off = NX_PAGE_SIZE - sz; off >= first; off -= sz) {
		struct kfree *f = (struct kfree *)(void *)(base + off);

		f->next = pg->free;
		pg->free = f;
	}
	push_page(pg);
	return pg;
}

void *
kmem_alloc(size_t size)
{
	unsigned c;
	struct kpage *pg;
	struct kfree *f;

	if (size == 0 || size > KMEM_MAX)
		return NULL;
	c = class_of(size);
	pg = partial[c] ? partial[c] : new_page(c);
	if (!pg)
		return NULL;
	f = pg->free;
	pg->free = f->next;
	pg->used++;
	if (!pg->free)
		unlink_page(pg);
	memset(f, 0, (size_t)1 << (c + MIN_SHIFT));
	return f;
}

void
kmem_free(void *p, size_t size)
{
	struct kpage *pg;
	struct kfree *f = p;
	int was_full;

	if (!p)
		return;
	(void)size;
	pg = (struct kpage *)((uintptr_t)p & ~(uintptr_t)(NX_PAGE_SIZE - 1));
	was_full = pg->free == NULL;
	f->next = pg->free;
	pg->free = f;
	pg->used--;
	if (pg->used == 0) {
		if (!was_full)
			unlink_page(pg);
		page_free(pg);
		return;
	}
	if (was_full)
		push_page(pg);
}
