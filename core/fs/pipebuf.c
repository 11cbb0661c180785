#include "fs/pipebuf.h"
#include "nexus/abi.h"
#include "pmm.h"

_Static_assert(PIPEBUF_PAGE == NX_PAGE_SIZE, "a ring page is a page");
_Static_assert((PIPEBUF_CAP & (PIPEBUF_CAP - 1)) == 0,
    "the capacity divides 2^32, so the counters wrap cleanly");

/* The contiguous piece of the ring at counter `at`, at most `n` long. */
static size_t
piece(uint32_t at, size_t n)
{
	size_t in_page = PIPEBUF_PAGE - at % PIPEBUF_PAGE;

	return n < in_page ? n : in_page;
}

static uint8_t *
where(const struct pipebuf *b, uint32_t at)
{
	return b->page[at / PIPEBUF_PAGE % PIPEBUF_PAGES] + at % PIPEBUF_PAGE;
}

size_t
pipebuf_write(struct pipebuf *b, size_t n, pipebuf_move move, void *ctx,
    int *err)
{
	size_t done = 0;

	*err = 0;
	if (n > pipebuf_room(b))
		n = pipebuf_room(b);
	while (done < n) {
		uint32_t pg = b->head / PIPEBUF_PAGE % PIPEBUF_PAGES;
		size_t k = piece(b->head, n - done);

		if (!b->page[pg] && !(b->page[pg] = page_alloc())) {
			*err = NX_ENOMEM;
			break;
		}
		*err = move(ctx, where(b, b->head), k);
		if (*err)
			break;
		b->head += (uint32_t)k;
		done += k;
	}
	return done;
}

size_t
pipebuf_read(struct pipebuf *b, size_t n, pipebuf_move move, void *ctx,
    int *err)
{
	size_t done = 0;

	*err = 0;
	if (n > pipebuf_used(b))
		n = pipebuf_used(b);
	while (done < n) {
		size_t k = piece(b->tail, n - done);

		*err = move(ctx, where(b, b->tail), k);
		if (*err)
			break;
		b->tail += (uint32_t)k;
		done += k;
	}
	return done;
}

void
pipebuf_free(struct pipebuf *b)
{
	for (unsigned i = 0; i < PIPEBUF_PAGES; i++) {
		if (b->page[i])
			page_free(b->page[i]);
		b->page[i] = NULL;
	}
}
