/*
 * core/fs/pipebuf.c, a pipe's byte ring: bytes come out in order across
 * page edges and the 2^32 wrap of its counters, it holds exactly its
 * capacity, pages are taken only when reached, a page that cannot be had
 * and a failing copy stop a write at the bytes done, and every page goes
 * back.  page_alloc is the test's own, counting; page_free is
 * test_pcache.c's, which frees (so LeakSanitizer sees a page kept).
 */
#include <stdlib.h>
#include <string.h>

#include "fs/pipebuf.h"
#include "nexus/abi.h"
#include "pmm.h"
#include "test.h"

static int pages_taken, page_fail;

void *
page_alloc(void)
{
	if (page_fail)
		return NULL;
	pages_taken++;
	return calloc(1, PIPEBUF_PAGE);
}

static int
pages_held(const struct pipebuf *b)
{
	int n = 0;

	for (unsigned i = 0; i < PIPEBUF_PAGES; i++)
		n += b->page[i] != NULL;
	return n;
}

struct cursor {
	uint8_t *p;
	size_t fail_after;	/* bytes before the copy fails; 0: never */
	size_t moved;
};

static int
copy_in(void *ctx, uint8_t *bytes, size_t n)
{
	struct cursor *c = ctx;

	if (c->fail_after && c->moved + n > c->fail_after)
		return NX_EFAULT;
	memcpy(bytes, c->p + c->moved, n);
	c->moved += n;
	return 0;
}

static int
copy_out(void *ctx, uint8_t *bytes, size_t n)
{
	struct cursor *c = ctx;

	memcpy(c->p + c->moved, bytes, n);
	c->moved += n;
	return 0;
}

static uint8_t src[3 * PIPEBUF_CAP], dst[3 * PIPEBUF_CAP];

void
test_pipebuf_order_and_capacity(void)
{
	struct pipebuf b = { .head = UINT32_MAX - 5000, .tail = UINT32_MAX - 5000 };
	struct cursor in = { src, 0, 0 }, out = { dst, 0, 0 };
	int err;

	for (size_t i = 0; i < sizeof(src); i++)
		src[i] = (uint8_t)(i * 7 + i / 251);
	/* Odd sizes, across page edges and the counters' wrap. */
	while (out.moved < sizeof(dst)) {
		size_t w = in.moved < sizeof(src) ? 3001 : 0;

		if (w > sizeof(src) - in.moved)
			w = sizeof(src) - in.moved;
		if (w > pipebuf_room(&b))
			w = pipebuf_room(&b);
		CHECK_EQ(pipebuf_write(&b, w, copy_in, &in, &err), w);
		CHECK_EQ(err, 0);
		CHECK_EQ(pipebuf_read(&b, 1777, copy_out, &out, &err) > 0, 1);
	}
	CHECK(memcmp(src, dst, sizeof(src)) == 0);
	CHECK_EQ(pipebuf_used(&b), 0);
	/* Exactly its capacity, no more. */
	in.moved = 0;
	CHECK_EQ(pipebuf_write(&b, 3 * PIPEBUF_CAP, copy_in, &in, &err),
	    PIPEBUF_CAP);
	CHECK_EQ(pipebuf_room(&b), 0);
	CHECK_EQ(pipebuf_write(&b, 1, copy_in, &in, &err), 0);
	CHECK_EQ(pages_held(&b), PIPEBUF_PAGES);
	CHECK_EQ(pages_taken, PIPEBUF_PAGES);	/* each page once */
	pipebuf_free(&b);
	CHECK_EQ(pages_held(&b), 0);
}

void
test_pipebuf_failures(void)
{
	struct pipebuf b = { 0 };
	struct cursor in = { src, 0, 0 }, out = { dst, 0, 0 };
	int err;

	/* Pages only as the bytes reach them. */
	pages_taken = 0;
	CHECK_EQ(pipebuf_write(&b, 10, copy_in, &in, &err), 10);
	CHECK_EQ(pages_taken, 1);
	/* No page for the second: the write stops at the first's end. */
	page_fail = 1;
	CHECK_EQ(pipebuf_write(&b, PIPEBUF_PAGE, copy_in, &in, &err),
	    PIPEBUF_PAGE - 10);
	CHECK_EQ(err, NX_ENOMEM);
	page_fail = 0;
	/* A copy that fails counts nothing of its piece. */
	in.fail_after = in.moved + 100;
	CHECK_EQ(pipebuf_write(&b, 500, copy_in, &in, &err), 0);
	CHECK_EQ(err, NX_EFAULT);
	CHECK_EQ(pipebuf_used(&b), PIPEBUF_PAGE);
	CHECK_EQ(pipebuf_read(&b, 2 * PIPEBUF_PAGE, copy_out, &out, &err),
	    PIPEBUF_PAGE);
	CHECK(memcmp(src, dst, PIPEBUF_PAGE) == 0);
	pipebuf_free(&b);
	CHECK_EQ(pages_held(&b), 0);
}
